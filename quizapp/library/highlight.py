"""Render passage text with highlighted spans and linked mentions, safely escaped."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

HL_RE = re.compile(r"^(\d+):(\d+)-(\d+)$")


@dataclass(frozen=True)
class Link:
    start: int
    end: int
    url: str
    title: str


def parse_highlight(value: str | None) -> tuple[int, int, int] | None:
    """Parse ``?hl=ORDINAL:START-END``; None when absent or malformed."""
    match = HL_RE.match(value or "")
    if not match:
        return None
    ordinal, start, end = (int(g) for g in match.groups())
    return (ordinal, start, end) if end > start else None


def render_passage(
    text: str, marks: list[tuple[int, int]] = (), links: list[Link] = ()
) -> SafeString:
    """Text with each (start, end) in ``marks`` in <mark> and each link as <a>.

    Marks and links may overlap: the text is cut at every boundary and each piece
    is wrapped in whatever covers it, so markup always nests properly.
    """
    marks = [(max(0, s), min(len(text), e)) for s, e in marks if s < e]
    links = [link for link in links if 0 <= link.start < link.end <= len(text)]
    cuts = sorted(
        {0, len(text), *(p for m in marks for p in m)}
        | {p for link in links for p in (link.start, link.end)}
    )
    parts: list[str] = []
    for start, end in pairwise(cuts):
        piece = escape(text[start:end])
        link = next((lk for lk in links if lk.start <= start and end <= lk.end), None)
        if link:
            piece = format_html('<a href="{}" title="{}">{}</a>', link.url, link.title, piece)
        if any(s <= start and end <= e for s, e in marks):
            piece = f"<mark>{piece}</mark>"
        parts.append(str(piece))
    return mark_safe("".join(parts))  # every piece was escaped above
