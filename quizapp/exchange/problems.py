"""The one error an import raises: every problem found in a file, not just the first."""

from __future__ import annotations


class ImportProblems(Exception):
    """A file that cannot be imported; ``problems`` reads "line N: what is wrong"."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


def at_line(number: int, problem: str) -> str:
    return f"line {number}: {problem}"
