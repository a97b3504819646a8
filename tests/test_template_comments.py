"""A {# comment #} must close on its own line: Django prints a multi-line one as page text."""

from __future__ import annotations

from pathlib import Path

import pytest

TEMPLATES = sorted((Path(__file__).resolve().parent.parent / "templates").rglob("*.html"))


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: path.name)
def test_every_short_comment_closes_on_its_own_line(template):
    for number, line in enumerate(template.read_text().splitlines(), start=1):
        opened = line.count("{#")
        assert opened == line.count("#}"), (
            f"{template.name}:{number} opens a {{# comment #}} that does not close on that line"
        )
