"""The one error an import raises: every problem found in a file, not just the first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class _Lined(Protocol):
    line: int


class ImportProblems(Exception):
    """A file that cannot be imported; ``problems`` reads "line N: what is wrong"."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


def at_line(number: int, problem: str) -> str:
    return f"line {number}: {problem}"


def raise_problems(problems: list[str], found: Sequence[_Lined], *, limit: int, noun: str) -> None:
    """Raise ImportProblems for ``problems``, for a file with nothing in it at all, or for
    one with more than ``limit`` things ``found`` (each knows its ``line``)."""
    if not found and not problems:
        problems.append(at_line(1, f"the file has no {noun}"))
    elif len(found) > limit:
        problems.append(at_line(found[limit].line, f"more than {limit} {noun}"))
    if problems:
        raise ImportProblems(problems)
