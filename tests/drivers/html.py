"""What a page of the reference app shows, read from its HTML as a person reads the screen."""

import base64
import re

from bs4 import BeautifulSoup, Tag

from tests.drivers import ByHand, Screen, Seen

SCREENS = {
    "/sign-in": Screen.SIGN_IN,
    "/sign-in/code": Screen.CODE_STEP,
    "/": Screen.DASHBOARD,
    "/purchase-orders": Screen.PURCHASE_ORDERS,
    "/profile": Screen.PROFILE,
    "/profile/two-factor": Screen.TWO_FACTOR,
    "/profile/two-factor/turn-on": Screen.TURN_ON,
    "/profile/two-factor/confirm": Screen.SET_UP,
    "/profile/two-factor/turn-off": Screen.TURN_OFF,
    "/profile/two-factor/change": Screen.CHANGE,
    "/configuration/account-settings": Screen.ACCOUNT_SETTINGS,
    "/configuration/users": Screen.USERS,
    "/configuration/recovery-requests": Screen.RECOVERY_REQUESTS,
    "/configuration/audit-log": Screen.AUDIT_LOG,
    "/support/recovery-requests": Screen.SUPPORT,
    "/profile/two-factor/backup-codes": Screen.REGENERATE,
    "/mailbox": Screen.MAILBOX,
}
ADDRESSES = {screen: path for path, screen in SCREENS.items()}
CONFIRM_RESET = re.compile(r"/support/recovery-requests/[^/]+/reset")
"""The address of support's confirmation before a reset (a request's own)."""
HEADINGS = {"Sorry": Screen.REFUSED, "Please try again": Screen.TRY_AGAIN}
"""The pages known by their heading, wherever they answer: a refusal, and the page that asks
to try again when Precoro cannot save."""
STATUS = re.compile(r"Two-factor authentication is (on|off)(?:, with (.+))?\.")
REQUIRED_BOX = "Required two-factor authentication"


def text(tag: Tag) -> str:
    """The words of an element, each run of white space made one space."""
    return " ".join(tag.get_text().split())


def read(who: str, path: str, soup: BeautifulSoup, qr_uri: str | None) -> Seen:
    """The page at ``path``; ``qr_uri`` is what a phone read from its QR code, if any."""
    heading = soup.find("h1")
    screen = SCREENS.get(path, Screen.REFUSED)
    if CONFIRM_RESET.fullmatch(path):
        screen = Screen.CONFIRM_RESET
    if heading is not None and text(heading) in HEADINGS:
        screen = HEADINGS[text(heading)]
    codes = tuple(text(code) for code in soup.select("#backup-codes code"))
    if codes:
        screen = Screen.BACKUP_CODES
    status, application = status_sentence(soup)
    if screen is Screen.SET_UP and heading is not None:
        application = text(heading).removeprefix("Set up ")
    return Seen(
        who,
        screen,
        page=path,
        signed_in_as=signed_in_as(soup),
        menu=tuple(text(link) for link in soup.select('nav[aria-label="Main"] a')),
        errors=notices(soup, "error"),
        warnings=notices(soup, "warning"),
        messages=notices(soup, "success") + notices(soup, "info"),
        status=status,
        application=application,
        buttons=tuple(text(button) for button in soup.find_all("button")),
        choices=tuple(choices(soup)),
        beside=beside(soup),
        notes=tuple(text(note) for note in soup.select(".note")),
        qr_uri=qr_uri,
        qr_formats=qr_formats(soup),
        qr_caption=None
        if (caption := soup.select_one("figure:has(#qr-code) > figcaption")) is None
        else text(caption),
        grouped_secret=None if (secret := soup.find(id="secret")) is None else text(secret),
        rows=tuple(table(soup)),
        box_ticked=box_ticked(soup),
        request_waiting=None
        if (banner := soup.find(id="request-waiting")) is None
        else text(banner),
        lost_phone=tuple(text(help) for help in soup.select(".lost-phone .lost-phone-help")),
        authy_article=None
        if (link := soup.select_one("a.authy-article")) is None
        else str(link["href"]),
        authy_article_label=None if link is None else text(link),
        backup_codes=codes,
        backup_codes_left=backup_codes_left(soup),
        download=download(soup),
        boxes=tuple(boxes(soup)),
        trusted_browsers=trusted_browsers(soup),
        words=words(soup),
    )


BLOCKS = {"h1", "h2", "p", "li", "label", "legend", "button", "a", "figcaption", "th", "td"}


def words(soup: BeautifulSoup) -> tuple[str, ...]:
    """Each block of the page's words, in its order (``Seen.words``); an image, its
    alternative text. A block that only wraps another (a menu's item and its link) is read
    once."""
    found = soup.find_all(is_block)
    return tuple(
        str(tag.get("alt", "")) if tag.name == "img" else text(tag)
        for tag in found
        if not any(text(inner) == text(tag) for inner in tag.find_all(is_block))
    )


def is_block(tag: Tag) -> bool:
    return tag.name in BLOCKS | {"img"} or "notice" in tag.get("class", [])


def boxes(soup: BeautifulSoup) -> list[str]:
    return [text(label) for label in soup.find_all("label") if label.find("input", type="checkbox")]


def trusted_browsers(soup: BeautifulSoup) -> int | None:
    return _count(soup, "trusted-browsers", "Trusted browsers")


def backup_codes_left(soup: BeautifulSoup) -> int | None:
    return _count(soup, "backup-codes-left", "Backup codes left")


def _count(soup: BeautifulSoup, element_id: str, label: str) -> int | None:
    """The number of a sentence "<label>: N." the page shows, or None when it is not shown."""
    shown = soup.find(id=element_id)
    if shown is None:
        return None
    found = re.fullmatch(rf"{label}: (\d+)\.", text(shown))
    assert found is not None, shown
    return int(found.group(1))


def download(soup: BeautifulSoup) -> str | None:
    link = soup.find("a", id="backup-codes-download")
    if not isinstance(link, Tag):
        return None
    return _data(link, "href", "text/plain").decode()


def _data(tag: Tag, attribute: str, media_type: str) -> bytes:
    """What a ``data:`` address in ``tag``'s ``attribute`` holds; it must be of ``media_type``."""
    found = re.fullmatch(rf"data:{re.escape(media_type)};base64,(.+)", str(tag[attribute]))
    assert found is not None, tag
    return base64.b64decode(found.group(1))


def signed_in_as(soup: BeautifulSoup) -> str | None:
    who = soup.select_one("header .who")
    return None if who is None else text(who).split(" · ")[0]


def notices(soup: BeautifulSoup, kind: str) -> tuple[str, ...]:
    """The notices of ``kind``; a warning counts only when it is announced as one
    (``role="alert"``), whatever element carries it."""
    announced = '[role="alert"]' if kind == "warning" else ""
    found = soup.select(f".notice.{kind}{announced}:not(#request-waiting)")  # a banner of its own
    return tuple(text(notice) for notice in found)


def status_sentence(soup: BeautifulSoup) -> tuple[str | None, str | None]:
    """The status of the Two-factor authentication page, and the application if it is on."""
    paragraphs = [text(p) for p in soup.find_all("p")]
    for paragraph in paragraphs:
        if found := STATUS.fullmatch(paragraph):
            status, application = found.groups()
            chosen = any(p.startswith("You chose ") for p in paragraphs)
            return ("waiting for confirmation" if chosen else status), application
    return None, None


def choices(soup: BeautifulSoup) -> dict[str, str]:
    """The radio buttons of the page: their label, their value."""
    found = {}
    for radio in soup.find_all("input", attrs={"type": "radio"}):
        label = radio.find_parent("label")
        assert isinstance(label, Tag), radio
        span = label.find("span")
        assert isinstance(span, Tag), label
        found[str(span.contents[0]).strip()] = str(radio["value"])
    return found


def beside(soup: BeautifulSoup) -> dict[str, tuple[str, ...]]:
    """The warnings inside each choice's label (where they stand beside it), by choice."""
    found = {}
    for radio in soup.find_all("input", attrs={"type": "radio"}):
        label = radio.find_parent("label")
        assert isinstance(label, Tag), radio
        span = label.find("span")
        assert isinstance(span, Tag), label
        warnings = label.select('.notice.warning[role="alert"]')
        found[str(span.contents[0]).strip()] = tuple(text(warning) for warning in warnings)
    return found


def text_field(soup: BeautifulSoup, label: str, kind: str = "input") -> Tag | None:
    """The field (``kind``: input, select) of the label that reads ``label``
    (``<label for=…>``)."""
    for found in soup.find_all("label"):
        if found.has_attr("for") and text(found) == label:
            field = soup.find(kind, id=str(found["for"]))
            return field if isinstance(field, Tag) else None
    return None


def option(soup: BeautifulSoup, label: str, shown: str) -> tuple[str, str] | None:
    """The name of the list labelled ``label``, and the value of its option ``shown``."""
    select = text_field(soup, label, "select")
    if select is None:
        return None
    for choice in select.find_all("option"):
        if text(choice) == shown:
            return str(select["name"]), str(choice.get("value", text(choice)))
    return None


def value_of(field: Tag) -> str:
    """What a browser sends of a field nobody touched: a list sends its selected option."""
    if field.name != "select":
        return str(field.get("value", ""))
    options = field.find_all("option")
    chosen = next((o for o in options if o.has_attr("selected")), options[0] if options else None)
    return "" if chosen is None else str(chosen.get("value", text(chosen)))


def radio(soup: BeautifulSoup, label: str) -> Tag | None:
    """The radio button whose label starts with ``label`` (its notes may follow)."""
    for found in soup.find_all("input", attrs={"type": "radio"}):
        span = found.find_parent("label").find("span")  # type: ignore[union-attr]
        if isinstance(span, Tag) and str(span.contents[0]).strip() == label:
            return found
    return None


def qr_png(soup: BeautifulSoup) -> bytes | None:
    image = soup.find("img", id="qr-code")
    if not isinstance(image, Tag):
        return None
    return _data(image, "src", "image/png")


def qr_formats(soup: BeautifulSoup) -> tuple[str, ...]:
    png = qr_png(soup)
    formats: tuple[str, ...] = (
        ("PNG",) if png is not None and png.startswith(b"\x89PNG\r\n\x1a\n") else ()
    )
    link = soup.find("a", id="qr-code-svg")
    if isinstance(link, Tag) and b"<svg" in _data(link, "href", "image/svg+xml"):
        formats += ("SVG",)
    return formats


def table(soup: BeautifulSoup) -> list[dict[str, str]]:
    """The rows of the page's table, by column heading (the buttons' column has none)."""
    rows = soup.select("table tr")
    if not rows:
        return []
    header = [text(cell) for cell in rows[0].find_all("th")]
    return [
        dict(zip(header, [text(cell) for cell in row.find_all("td")], strict=True))
        for row in rows[1:]
    ]


def box(soup: BeautifulSoup, label: str) -> Tag | None:
    """The checkbox of the label that reads ``label``."""
    for found in soup.find_all("label"):
        checkbox = found.find("input", attrs={"type": "checkbox"})
        if isinstance(checkbox, Tag) and text(found) == label:
            return checkbox
    return None


def box_ticked(soup: BeautifulSoup) -> bool | None:
    checkbox = box(soup, REQUIRED_BOX)
    return None if checkbox is None else checkbox.has_attr("checked")


def form_of(soup: BeautifulSoup, button: str, row: str | None = None) -> Tag | None:
    """The form whose submit button reads ``button`` (in the table row of ``row``, if given)."""
    scope: list[Tag] = [soup]
    if row is not None:
        scope = [
            tr for tr in soup.select("table tr") if row in [text(td) for td in tr.find_all("td")]
        ]
    for place in scope:
        for form in place.find_all("form"):
            if button in [text(b) for b in form.find_all("button")]:
                return form
    return None


def csrf_token(soup: BeautifulSoup) -> str:
    token = soup.find("input", attrs={"name": "csrf_token"})
    assert isinstance(token, Tag), "no form with a CSRF token on the page"
    return str(token["value"])


def by_hand(form: ByHand, fields: dict[str, str]) -> tuple[str, dict[str, str]]:
    """Where a form sent without its page goes, and its fields (the request id in the path)."""
    fields = dict(fields)
    request = fields.pop("request", "")
    actions = {
        ByHand.NEXT: ADDRESSES[Screen.TURN_ON],
        ByHand.UPDATE: ADDRESSES[Screen.ACCOUNT_SETTINGS],
        ByHand.RECORD_REQUEST: ADDRESSES[Screen.SUPPORT],
        ByHand.APPROVE: f"/configuration/recovery-requests/{request}/approve",
        ByHand.REJECT: f"/configuration/recovery-requests/{request}/reject",
        ByHand.RESET: f"/support/recovery-requests/{request}/reset",
        ByHand.SUPPORT_APPROVE: f"/support/recovery-requests/{request}/approve",
        ByHand.TIME_ZONE: ADDRESSES[Screen.PROFILE],
    }
    return actions[form], fields
