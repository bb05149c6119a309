"""Under "Lost your phone?", the link to the article on restoring an Authy account is a
setting of the app."""

from flask import render_template_string

from precoro_2fa import bootstrap
from precoro_2fa.adapters.memory import InMemoryStore
from precoro_2fa.entrypoints.web import create_app
from tests.conftest import TEST_CONFIG

ELSEWHERE = "https://help.example.test/authy/restore"


def test_the_link_to_authys_article_is_the_configured_one() -> None:
    config = TEST_CONFIG.model_copy(update={"authy_restore_article": ELSEWHERE})
    app = create_app(bootstrap(InMemoryStore(), config=config), secret_key="test secret key")
    with app.test_request_context():
        shown = render_template_string(
            '{% from "_lost_phone.html" import lost_phone %}{{ lost_phone(every_application) }}'
        )
    assert f'<a class="authy-article" href="{ELSEWHERE}">' in shown
    assert "Lost your phone?" in shown
