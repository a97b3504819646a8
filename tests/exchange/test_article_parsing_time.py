"""Issue 19: reading an upload takes time linear in its size, whatever the file holds.

Each case is a pattern that made one of the Markdown or sentence regexes scan from every
marker to the end of the line (or file), or that made YAKE or the candidate finder slow;
repeated up to the size limits, a quadratic pattern takes minutes, a linear one seconds.
"""

from __future__ import annotations

import contextlib
import time

import pytest
import trafilatura  # noqa: F401  imported up front: its import time is no parsing time

from quizapp.exchange.article_text import (
    MAX_BYTES,
    MAX_HTML_ELEMENTS,
    MAX_TEXT,
    ArticleError,
    read_article,
)
from quizapp.exchange.candidates import propose

WORST_CASES = {
    "emphasis never closed": " *x",
    "underscore never closed": " _x",
    "bold never closed": "**a ",
    "brackets never closed": "[",
    "links never closed": "[a](b",
    "images never closed": "![a](",
    "code never closed": "`a",
    "fences never closed": "```a\n",
    "quotes and stops": '.")',
    "initials": "A. ",
    "abbreviations": "No. 1 Dr. ",
    "acronyms ending sentences": "ABC. ",
    "short sentences": "The cat sat. ",
    "dotted names": "www.a.b ",
    "abbreviations with quotes": 'Dr." (',
    "blank lines": "\n \n",
    "list markers": "1. ",
    "block quotes": "> ",
    "colons and commas": "a: b, c and d. ",
    "acronyms defined": "Human Rights Watch (HRW) ",
    "claims": "Nguyễn Văn An said that ",
}
HTML_WORST_CASES = {
    "unclosed paragraphs": "<p>a ",
    "line breaks": "a<br>",
    "inline tags": "<b>x</b> ",
    "links never closed": "<a href=x>",
    "nested blocks": "<div>",
    "scripts": "<script>a</script>",
    "comments": "<!-- a -->",
}
BUDGET = 2.0  # seconds, to read a file at the size limit
PROPOSING_BUDGET = 5.0  # seconds, to propose from a text at the limit (the server allows 30)


@pytest.mark.parametrize("name", WORST_CASES)
@pytest.mark.parametrize("filename", ["article.md", "article.txt"])
def test_reading_the_worst_case_at_the_size_limit_takes_under_two_seconds(name, filename):
    pattern = WORST_CASES[name]
    data = (pattern * (MAX_BYTES // len(pattern.encode()))).encode()
    assert len(data) <= MAX_BYTES
    started = time.perf_counter()
    # Nothing to import is an answer too; only the time matters here.
    with contextlib.suppress(ArticleError):
        read_article(data, filename)
    assert time.perf_counter() - started < BUDGET


@pytest.mark.parametrize("name", HTML_WORST_CASES)
@pytest.mark.parametrize("elements", [MAX_HTML_ELEMENTS - 10, MAX_BYTES])
def test_reading_a_saved_page_at_the_limits_takes_under_two_seconds(name, elements):
    pattern = HTML_WORST_CASES[name]
    body = pattern * min(elements, (MAX_BYTES - 100) // len(pattern))
    started = time.perf_counter()
    with contextlib.suppress(ArticleError):
        read_article(f"<html><body>{body}</body></html>".encode()[:MAX_BYTES], "page.html")
    assert time.perf_counter() - started < BUDGET


@pytest.mark.parametrize("name", WORST_CASES)
def test_proposing_from_the_worst_case_at_the_text_limit_fits_the_server_timeout(name):
    pattern = WORST_CASES[name]
    started = time.perf_counter()
    with contextlib.suppress(ArticleError):
        propose(read_article((pattern * (MAX_TEXT // len(pattern))).encode(), "article.txt"))
    assert time.perf_counter() - started < PROPOSING_BUDGET
