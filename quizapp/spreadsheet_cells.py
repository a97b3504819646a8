"""Cells of the CSV and TSV files the app writes, made safe to open in a spreadsheet.

Excel, LibreOffice and Google Sheets run a cell that begins with = + - or @ (or a tab or
carriage return before one) as a formula: a username "=HYPERLINK(...)" or an imported term
"=cmd|..." would run on the teacher's machine. Such a cell gets a leading apostrophe, which
spreadsheets read as "this is text" and do not show (OWASP's advice). Reading our own file
back (a term list re-imported) takes the apostrophe off again, so a round trip is exact.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_MARK = "'"


def safe_cell(value: object) -> str:
    """``value`` as a cell no spreadsheet runs as a formula."""
    text = str(value)
    return TEXT_MARK + text if text.startswith(FORMULA_STARTS) else text


def safe_row(values) -> list[str]:
    return [safe_cell(value) for value in values]


def read_cell(text: str) -> str:
    """A cell as safe_cell wrote it, back to what it was."""
    if text.startswith(TEXT_MARK) and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text
