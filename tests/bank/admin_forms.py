"""Submit an admin change form as a browser would: every field as the page shows it."""

from __future__ import annotations

from html.parser import HTMLParser


class _FormFields(HTMLParser):
    """The named fields of the page's one POST form, with their shown values."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._in_form = False
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("method", "").lower() == "post":
            self._in_form = True
        if not self._in_form or ("name" not in a and tag != "option"):
            return
        if tag == "input" and a.get("type") not in ("submit", "button", "file"):
            checkable = a.get("type") in ("checkbox", "radio")
            if checkable and "checked" not in a:
                return
            self.data.setdefault(a["name"], []).append(a.get("value", "on" if checkable else ""))
        elif tag == "textarea":
            self._textarea = a["name"]
            self.data.setdefault(a["name"], []).append("")
        elif tag == "select":
            self._select = a["name"]
            self.data.setdefault(a["name"], [])
        elif tag == "option" and self._select and "selected" in a:
            self.data[self._select].append(a.get("value", ""))

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self._in_form = False


def admin_form_data(client, url: str, **changes) -> dict:
    """The change form at ``url`` as shown, with ``changes`` applied."""
    parser = _FormFields()
    parser.feed(client.get(url).content.decode())
    data = {name: values if len(values) != 1 else values[0] for name, values in parser.data.items()}
    # A textarea's content starts after the newline Django writes after the tag.
    data = {k: v.removeprefix("\n") if isinstance(v, str) else v for k, v in data.items()}
    return data | changes
