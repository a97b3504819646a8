"""Issue 19: reading an upload takes time linear in its size, whatever the file holds.

Each case is a pattern that made one of the Markdown or sentence regexes scan from every
marker to the end of the line (or file); repeated up to the size limit, a quadratic
pattern takes minutes, a linear one a fraction of a second.
"""

from __future__ import annotations

import contextlib
import time

import pytest

from quizapp.exchange.article_text import MAX_BYTES, ArticleError, read_article

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
    "blank lines": "\n \n",
    "list markers": "1. ",
    "block quotes": "> ",
}
BUDGET = 2.0  # seconds, for a file at the size limit


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
