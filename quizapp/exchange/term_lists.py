"""Term-definition lists: Quizlet's export (a tab or comma per line) and CSV with a header.

Quizlet exports one pair a line, "term<TAB>definition" by default, or with a comma
when the user picks it. Its comma export does not quote, so a comma list is split
at the first comma: a term cannot hold a comma there, a definition can.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from quizapp.exchange.problems import ImportProblems, at_line, raise_problems
from quizapp.library.folding import fold
from quizapp.spreadsheet_cells import read_cell, safe_row

if TYPE_CHECKING:
    from quizapp.bank.models import Item

MAX_TERM = 300
MAX_DEFINITION = 2000
MAX_PAIRS = 2000
HEADER = ("term", "definition")


@dataclass(frozen=True)
class TermPair:
    term: str
    definition: str
    line: int


def parse_term_list(text: str, *, header: bool | None = None) -> list[TermPair]:
    """Pairs of a term list; ``header`` True requires a ``term,definition`` first row
    (CSV), False forbids it (Quizlet), None accepts either."""
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    has_header = _is_header(first)
    if header and not has_header:
        raise ImportProblems(
            ["line 1: a CSV term list must start with the header row term,definition"]
        )
    if has_header and header is not False:
        rows = _csv_rows(text, delimiter="\t" if "\t" in first else ",")
    else:
        rows = _quizlet_rows(lines)
    return _checked(rows)


def _is_header(line: str) -> bool:
    cells = [cell.strip().strip('"').lower() for cell in line.replace("\t", ",").split(",")]
    return tuple(cells) == HEADER


def _quizlet_rows(lines: list[str]) -> list[tuple[int, list[str] | str]]:
    """(line number, [term, definition]) or (line number, problem)."""
    separator = "\t" if any("\t" in line for line in lines) else ","
    name = "tab" if separator == "\t" else "comma"
    rows: list[tuple[int, list[str] | str]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        if separator not in line:
            rows.append((number, f"no {name} between term and definition"))
            continue
        term, definition = line.split(separator, 1)
        if separator == "\t" and "\t" in definition:
            rows.append((number, "more than one tab: expected term<TAB>definition"))
            continue
        rows.append((number, [term, definition]))
    return rows


def _csv_rows(text: str, delimiter: str) -> list[tuple[int, list[str] | str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[str] | str]] = []
    seen_header = False
    end = 0
    try:
        for row in reader:
            # A quoted cell may span lines: the row starts where the previous one ended.
            start, end = end + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if not seen_header:
                seen_header = True
            elif len(row) < 2:
                rows.append((start, "no definition column"))
            elif len(row) > 2 and any(cell.strip() for cell in row[2:]):
                rows.append((start, f"{len(row)} columns; expected term and definition"))
            else:
                rows.append((start, row[:2]))
    except csv.Error as error:
        message = str(error)
        if "unexpected end of data" in message:
            message = "a quote opened here is never closed"
        rows.append((end + 1, f"not valid CSV: {message}"))
    return rows


def _checked(rows: list[tuple[int, list[str] | str]]) -> list[TermPair]:
    problems: list[str] = []
    pairs: list[TermPair] = []
    first_line: dict[str, int] = {}
    for number, row in rows:
        if isinstance(row, str):
            problems.append(at_line(number, row))
            continue
        term, definition = (read_cell(" ".join(cell.split())) for cell in row)
        found = _pair_problems(term, definition, number, first_line)
        problems += [at_line(number, problem) for problem in found]
        if not found:
            first_line[term_key(term)] = number
            pairs.append(TermPair(term, definition, number))
    raise_problems(problems, pairs, limit=MAX_PAIRS, noun="terms")
    return pairs


def _pair_problems(term: str, definition: str, number: int, first_line: dict) -> list[str]:
    found = []
    if not term:
        found.append("empty term")
    elif len(term) > MAX_TERM:
        found.append(f"term is too long ({len(term)} characters, at most {MAX_TERM})")
    if not definition:
        found.append("empty definition")
    elif len(definition) > MAX_DEFINITION:
        found.append(
            f"definition is too long ({len(definition)} characters, at most {MAX_DEFINITION})"
        )
    if term and term_key(term) in first_line:
        found.append(f"duplicate term “{term}” (first on line {first_line[term_key(term)]})")
    return found


def write_term_list(items: Iterable[Item], delimiter: str = "\t", header: bool = False) -> str:
    """Prompt and answer of each item, one pair a line, as Quizlet imports them.

    With the tab (Quizlet's default) a line is written as it is; Quizlet cannot
    read quotes, so tabs and line breaks inside a card become spaces. With any
    other delimiter, or a header, the csv module quotes what needs quoting. Either way a
    cell a spreadsheet would run as a formula is marked as text (spreadsheet_cells).
    """
    rows = [
        safe_row((_one_line(item.shown_prompt), _one_line(item.shown_answer))) for item in items
    ]
    if delimiter == "\t" and not header:
        return "".join(f"{term}\t{definition}\n" for term, definition in rows)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    if header:
        writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue()


def term_key(text: str) -> str:
    """What makes two terms the same term: case, accents and spacing do not count."""
    return fold(_one_line(text))


def _one_line(text: str) -> str:
    return " ".join(text.split())
