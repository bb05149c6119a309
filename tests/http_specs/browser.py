"""A person's browser on the reference app: Flask's test client, reading pages as a person does.

A page is read for what it shows (headings, notices, links, buttons, the secret, the QR code);
a button is pressed by submitting the form that holds it, with every hidden field of that form
(the CSRF token), so no request is forged unless a step says so.
"""

import base64
import io
import re
from dataclasses import dataclass, field

import zxingcpp
from bs4 import BeautifulSoup, Tag
from flask import Flask
from flask.testing import FlaskClient
from PIL import Image
from werkzeug.test import TestResponse

SESSION_COOKIE = "precoro_session"
Fields = dict[str, str | None]


@dataclass
class Page:
    """What a browser shows after a request and every redirect it followed."""

    response: TestResponse
    soup: BeautifulSoup = field(init=False)

    def __post_init__(self) -> None:
        self.soup = BeautifulSoup(self.response.get_data(as_text=True), "html.parser")

    @property
    def status(self) -> int:
        return self.response.status_code

    @property
    def redirected(self) -> bool:
        return bool(self.response.history)

    @property
    def first_status(self) -> int:
        """The status of the answer to the request itself, before any redirect was followed."""
        history = self.response.history
        return history[0].status_code if history else self.status

    @property
    def path(self) -> str:
        return str(self.response.request.path)

    @property
    def heading(self) -> str:
        h1 = self.soup.find("h1")
        return "" if h1 is None else h1.get_text(" ", strip=True)

    @property
    def text(self) -> str:
        """The words of the page, each run of white space made one space."""
        return " ".join(self.soup.get_text().split())

    def paragraphs(self) -> list[str]:
        return [" ".join(p.get_text().split()) for p in self.soup.find_all("p")]

    def notices(self, kind: str) -> list[str]:
        """The notices of a kind: "error", "warning", "success", "info"."""
        found = self.soup.select(f"div.notice.{kind}")
        return [" ".join(notice.get_text().split()) for notice in found]

    @property
    def signed_in_as(self) -> str | None:
        """The login the page header shows (a signed-in page), or None."""
        who = self.soup.select_one("header .who")
        return None if who is None else who.get_text(strip=True).split(" · ")[0]

    @property
    def notes(self) -> list[str]:
        return [note.get_text(" ", strip=True) for note in self.soup.select(".note")]

    def buttons(self) -> list[str]:
        return [button.get_text(strip=True) for button in self.soup.find_all("button")]

    def links(self) -> dict[str, str]:
        return {a.get_text(" ", strip=True): str(a["href"]) for a in self.soup.find_all("a")}

    def form(self, action: str, button: str) -> Tag | None:
        """The form posting to ``action`` whose submit button reads ``button``."""
        for form in self.soup.find_all("form"):
            labels = [b.get_text(strip=True) for b in form.find_all("button")]
            if form.get("action") == action and button in labels:
                return form
        return None

    def csrf_token(self) -> str:
        token = self.soup.find("input", attrs={"name": "csrf_token"})
        assert isinstance(token, Tag), f"no form with a CSRF token on {self.path}"
        return str(token["value"])

    def choices(self, name: str) -> dict[str, str]:
        """The radio buttons named ``name``: their label, their value."""
        found = {}
        for radio in self.soup.find_all("input", attrs={"type": "radio", "name": name}):
            label = radio.find_parent("label")
            assert isinstance(label, Tag)
            span = label.find("span")
            assert isinstance(span, Tag)
            found[str(span.contents[0]).strip()] = str(radio["value"])
        return found

    def checkbox(self, name: str) -> bool:
        box = self.soup.find("input", attrs={"type": "checkbox", "name": name})
        assert isinstance(box, Tag), f"no box {name} on {self.path}"
        return box.has_attr("checked")

    @property
    def secret(self) -> str | None:
        """The secret as the page groups it for typing by hand, or None."""
        shown = self.soup.find(id="secret")
        return None if shown is None else shown.get_text(strip=True)

    def qr_png(self) -> bytes | None:
        image = self.soup.find("img", id="qr-code")
        if not isinstance(image, Tag):
            return None
        found = re.fullmatch(r"data:image/png;base64,(.+)", str(image["src"]))
        assert found is not None, image
        return base64.b64decode(found.group(1))

    def qr_svg(self) -> bytes | None:
        link = self.soup.find("a", id="qr-code-svg")
        if not isinstance(link, Tag):
            return None
        found = re.fullmatch(r"data:image/svg\+xml;base64,(.+)", str(link["href"]))
        assert found is not None, link
        return base64.b64decode(found.group(1))

    def table(self) -> list[dict[str, str]]:
        """The rows of the page's table, by column heading."""
        rows = self.soup.select("table tr")
        if not rows:
            return []
        header = [cell.get_text(" ", strip=True) for cell in rows[0].find_all("th")]
        return [
            dict(
                zip(header, [c.get_text(" ", strip=True) for c in row.find_all("td")], strict=True)
            )
            for row in rows[1:]
        ]

    def row_form(self, cell: str, button: str) -> Tag | None:
        """The form of ``button`` in the table row that has a cell reading ``cell``."""
        for row in self.soup.select("table tr"):
            if cell in [td.get_text(strip=True) for td in row.find_all("td")]:
                for form in row.find_all("form"):
                    if form.find("button", string=button) is not None:
                        return form
        return None


def decode_qr(png: bytes) -> str:
    """What a phone reads from the QR code (zxing-cpp, independent of the qrcode package)."""
    [barcode] = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    return str(barcode.text)


class Browser:
    """One person's browser: its cookies, and the page it shows now."""

    def __init__(self, app: Flask) -> None:
        self.client: FlaskClient = app.test_client()
        self._page: Page | None = None

    @property
    def page(self) -> Page:
        assert self._page is not None, "the browser has opened no page yet"
        return self._page

    @property
    def session_id(self) -> str | None:
        cookie = self.client.get_cookie(SESSION_COOKIE)
        return None if cookie is None else cookie.value

    def with_session(self, session_id: str) -> "Browser":
        """Another browser carrying a copy of this session cookie (a replayed request)."""
        copy = Browser.__new__(Browser)
        copy.client = self.client.application.test_client()
        copy.client.set_cookie(SESSION_COOKIE, session_id)
        copy._page = None
        return copy

    def open(self, path: str) -> Page:
        self._page = Page(self.client.get(path, follow_redirects=True))
        return self._page

    def peek(self, path: str) -> Page:
        """Open ``path`` in another tab: the page shown in this one stays as it is."""
        return Page(self.client.get(path, follow_redirects=True))

    def click(self, link: str) -> Page:
        links = self.page.links()
        assert link in links, f"no link {link!r} on {self.page.path}: {sorted(links)}"
        return self.open(links[link])

    def press(self, button: str, action: str, **fields: str | None) -> Page:
        """Press ``button`` of the form posting to ``action``: the form's own fields, filled in.

        A field given as None is left out of the request (a field the browser does not send).
        """
        form = self.page.form(action, button)
        assert form is not None, f"no {button!r} for {action} on {self.page.path}"
        sent: Fields = {
            str(hidden["name"]): str(hidden.get("value", ""))
            for hidden in form.find_all("input", attrs={"type": "hidden"})
        }
        names = {str(i["name"]) for i in form.find_all("input") if i.has_attr("name")}
        assert set(fields) <= names, f"{sorted(fields)} not all in the form: {sorted(names)}"
        sent.update(fields)
        return self._send(str(form.get("method", "get")), action, sent)

    def offers(self, button: str, action: str) -> bool:
        return self.page.form(action, button) is not None

    def press_or_send(self, button: str, action: str, method: str, **fields: str | None) -> Page:
        """Press the button if the page offers it; else send its form as a page opened earlier
        would (the back button, an old tab), with this session's CSRF token."""
        if self.offers(button, action):
            return self.press(button, action, **fields)
        if method == "get":
            return self.open(action)
        return self.send(method, action, **fields)

    def send(self, method: str, action: str, **fields: str | None) -> Page:
        """A request the page does not offer, with this session's CSRF token (not a forgery)."""
        sent: Fields = {"csrf_token": self.page.csrf_token(), **fields}
        return self._send(method, action, sent)

    def send_json(self, action: str, body: dict[str, object]) -> Page:
        """A form sent as JSON (whose values may be numbers), with this session's CSRF token."""
        token = self.page.csrf_token()
        response = self.client.post(
            action,
            json={"csrf_token": token, **body},
            headers={"X-CSRFToken": token},
            follow_redirects=True,
        )
        self._page = Page(response)
        return self._page

    def _send(self, method: str, action: str, fields: Fields) -> Page:
        data = {name: value for name, value in fields.items() if value is not None}
        if method.lower() == "get":
            response = self.client.get(action, query_string=data, follow_redirects=True)
        else:
            response = self.client.post(action, data=data, follow_redirects=True)
        self._page = Page(response)
        return self._page
