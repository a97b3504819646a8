"""Grade short typed answers leniently, without accepting wrong ones.

A learner who knows the answer should not be marked wrong for how they typed it,
and a learner who does not know it should not be marked right by accident. So:

* Case, accents and punctuation do not count. Both sides go through
  :func:`normalize_answer`: "nguyen phu trong" answers "Nguyễn Phú Trọng",
  "UN" answers "U.N.", "Al Qaeda" answers "Al-Qaeda".
* A leading article does not count: "the Politburo" answers "Politburo".
* Spaces do not count: "humanrightswatch" answers "Human Rights Watch".
* Small typos are forgiven, and the allowance grows with the length of the
  answer (see :func:`_allowed_edits`): none for 1-3 characters, where one edit
  is already a different word ("SCO" is not "SOC"); one edit for 4-7
  characters; two for 8 or more. A transposition ("Poltiburo") is one edit.
* Numbers are never fuzzy. A year or a count one digit off is a wrong answer,
  not a typo, so when either side has a digit the numbers must be the same
  ("2013" is not "2012", "18" is not "81"). Thousands separators do not count
  ("2,000" is "2000"); a decimal point does ("1.5" is not "15", and "1,5" is
  read as "1.5").
* A wrong answer stays wrong. Some wrong answers are a typo's distance from the
  right one ("Iran" and "Iraq"), so the caller may pass ``rejected``: known
  wrong answers such as the question's distractors or other concepts' names. An
  answer that equals a rejected term is wrong, and a typo is only forgiven when
  the answer is strictly closer to an accepted answer than to every rejected
  one. A rejected term that normalizes to an accepted answer is ignored: the
  right answer is never marked wrong because of a slip in the wrong list.
* A blank answer, or one of punctuation only, never matches.

This module is pure Python so that generation, grading and tests can use it
without Django.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz.distance import DamerauLevenshtein

from quizapp.library.folding import fold

_ARTICLES = frozenset({"the", "a", "an"})

# Apostrophes and similar marks join a word rather than split it: "People's" -> "peoples".
_APOSTROPHES = "'’‘`´ʼʻ′"

# Between digits, a comma before exactly three digits separates thousands ("2,000");
# any other comma or dot is a decimal point ("1.5", "1,5").
_THOUSANDS_SEPARATOR = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_DECIMAL_POINT = re.compile(r"(?<=\d)[.,](?=\d)")
_DECIMAL_PLACEHOLDER = "\x00"

_NUMBER = re.compile(r"\d+(?:\.\d+)*")


def normalize_answer(text: str) -> str:
    """Return ``text`` in the form answers are compared in.

    Case and accents are folded ("Đà Nẵng" -> "da nang"), apostrophes and dots
    are dropped ("U.N." -> "un", "People's" -> "peoples"), other punctuation,
    brackets, dashes and quotes become spaces ("Human Rights Watch (HRW)" ->
    "human rights watch hrw"), one leading article is dropped ("the Politburo"
    -> "politburo"), and whitespace is collapsed. Letters and digits stay
    together ("Project88" -> "project88"); thousands separators go ("2,000" ->
    "2000") but a decimal point stays ("1.5" -> "1.5").
    """
    text = fold(text).replace("&", " and ")
    text = _THOUSANDS_SEPARATOR.sub("", text)
    text = _DECIMAL_POINT.sub(_DECIMAL_PLACEHOLDER, text)
    chars = []
    for char in text:
        if char.isalnum() or char.isspace():
            chars.append(char)
        elif char == _DECIMAL_PLACEHOLDER:
            chars.append(".")
        elif char in _APOSTROPHES or char == ".":
            continue
        else:
            chars.append(" ")
    words = "".join(chars).split()
    if len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    return " ".join(words)


def answer_matches(
    given: str,
    accepted: Sequence[str],
    rejected: Sequence[str] = (),
) -> bool:
    """Whether the typed answer ``given`` counts as one of the ``accepted`` answers.

    ``accepted`` holds the right answer and its aliases. ``rejected`` holds known
    wrong answers, such as distractors or other concepts' names; an answer equal
    to one of them is wrong, and a typo is only forgiven when the answer is
    strictly closer to an accepted answer than to any rejected one. See the
    module docstring for the rules.
    """
    answer = _compact(normalize_answer(given))
    if not answer:
        return False
    right = {_compact(normalize_answer(text)) for text in accepted} - {""}
    wrong = {_compact(normalize_answer(text)) for text in rejected} - {""} - right
    if answer in wrong:
        return False
    if answer in right:
        return True

    best = None
    for candidate in right:
        if _NUMBER.findall(answer) != _NUMBER.findall(candidate):
            continue
        allowed = _allowed_edits(min(len(answer), len(candidate)))
        if allowed == 0:
            continue
        distance = DamerauLevenshtein.distance(answer, candidate, score_cutoff=allowed)
        if distance <= allowed and (best is None or distance < best):
            best = distance
    if best is None:
        return False
    return all(DamerauLevenshtein.distance(answer, term) > best for term in wrong)


def _compact(normalized: str) -> str:
    """A normalized answer without its spaces, so spacing never counts."""
    return normalized.replace(" ", "")


def _allowed_edits(length: int) -> int:
    """How many typing errors an answer of ``length`` characters may have."""
    if length <= 3:
        return 0
    if length <= 7:
        return 1
    return 2
