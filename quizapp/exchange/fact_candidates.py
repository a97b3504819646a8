"""Propose the facts an imported article states: years and numbers, the items of a list it
gives, and claims it reports ("X said that ...").

Each proposal cites the sentence that states it and waits for the teacher's tick. A number
that is part of a name or a date ("Directive No. 24", "Resolution 36", "July 13") is no
fact of its own: asking for it tests the name, not the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quizapp.exchange.name_words import MONTHS, SPEECH_VERBS, TITLES, is_common_word
from quizapp.generation.sentences import sentence_spans
from quizapp.library.folding import fold
from quizapp.library.mentions import locate

# Words before a number that make it part of a name or a reference, not a quantity.
NUMBERING_WORDS = {
    "no", "nos", "number", "article", "clause", "item", "point", "chapter", "page", "pp", "p",
    "section", "paragraph", "decree", "resolution", "directive",
}  # fmt: skip
YEAR_RE = re.compile(r"(?<![\w\-,.])(1[5-9]\d\d|20\d\d)(?![\w\-])")
NUMBER_RE = re.compile(r"(?<![\w\-,.$€£])(\d{1,3}(?:,\d{3})+|\d+)(?![\w\-]|[.,]\d)")
# "Nguyễn Văn A, the party chief, said that ...": a capitalised name (an appositive or a
# title between it and the verb allowed), a speech verb, then what was said.
CLAIM_RE = re.compile(
    r"(?P<speaker>(?:[A-ZÀ-Ỹ][\w’'.\-]*\s){0,4}[A-ZÀ-Ỹ][\w’'\-]+)"
    r"(?:\s\([^()]{1,20}\))?(?:,[^,;:]{3,80},)?\s(?:has\s|had\s|also\s)?"
    rf"(?P<verb>{'|'.join(sorted(SPEECH_VERBS))})\b[^.;:]{{0,40}}?\s(?:that\s)?(?P<claim>[^;]{{12,}})"
)
# "the directive demands: a, b and c": a colon, then three or more items.
LIST_RE = re.compile(r":\s+(?P<items>[^:;]+?)[.!?]?$")
LIST_SPLIT_RE = re.compile(r",\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
MAX_LIST_ITEM_WORDS = 10


@dataclass
class FactCandidate:
    """A fact the article states, to be asked as a cloze, a choice or "who said it"."""

    answer: str
    kind: str  # year, number, person (a claim's speaker) or phrase, as Fact.AnswerKind names
    value: int | None
    passage: int  # index in the passage list, from 0
    start: int
    end: int
    statement: str
    said_by: str = ""  # the speaker's name, for a reported claim
    found_as: str = ""  # number, claim or list: why it was proposed

    @property
    def label(self) -> str:
        """How the review page lists it: the answer, then the sentence that states it."""
        if self.found_as == "claim":
            return f"Who said it: {self.said_by} — {self.statement}"
        return f"{self.answer} — {self.statement}"


def propose_facts(passages: list[str]) -> list[FactCandidate]:
    """Every proposed fact, in the article's order, numbers first within a sentence."""
    facts = []
    for index, passage in enumerate(passages):
        for start, end in sentence_spans(passage):
            sentence = passage[start:end]
            if not 6 <= len(sentence.split()) <= 60:
                continue
            at = (index, start, end, sentence)
            facts.extend(numeric_facts(*at))
            facts.extend(claim_facts(*at))
            facts.extend(list_facts(*at))
    return facts


def numeric_facts(index: int, start: int, end: int, sentence: str) -> list[FactCandidate]:
    """Each year or number the sentence states once, not as part of a name or a date."""
    facts = []
    for kind, regex in (("year", YEAR_RE), ("number", NUMBER_RE)):
        for match in regex.finditer(sentence):
            answer = match.group(1)
            value = int(answer.replace(",", ""))
            if kind == "number" and (YEAR_RE.fullmatch(answer) or value < 2):
                continue
            if sentence.count(answer) != 1 or inside_name(sentence, match):
                continue
            fact = FactCandidate(answer, kind, value, index, start, end, sentence, "", "number")
            facts.append(fact)
    return facts


def inside_name(sentence: str, match: re.Match) -> bool:
    """ "Directive No. 24", "Group 72", "2013 Constitution", "July 13", "Feb. 3": a number
    that is part of a name, a reference or a date."""
    before = re.search(r"(\w+)\.? $", sentence[: match.start()])
    after = re.match(r" (\w+)", sentence[match.end() :])
    for word in (before, after):
        if word is None:
            continue
        folded = fold(word.group(1))
        if folded in MONTHS or (word is before and folded in NUMBERING_WORDS):
            return True
        if word.group(1)[0].isupper() and not _function_word(folded):
            return True
    return False


def _function_word(folded: str) -> bool:
    return folded in {"the", "a", "an", "in", "on", "of", "by", "at", "to", "for", "and", "or",
                      "with", "from", "since", "until", "about", "nearly", "some", "almost",
                      "over", "under", "than", "more", "fewer", "only", "just", "all"}  # fmt: skip


def claim_facts(index: int, start: int, end: int, sentence: str) -> list[FactCandidate]:
    """ "X said that ...": the claim, with X as its speaker, asked as "who said it"."""
    match = CLAIM_RE.search(sentence)
    if match is None:
        return []
    speaker = _speaker(match.group("speaker"))
    if not speaker:
        return []
    return [FactCandidate(speaker, "person", None, index, start, end, sentence, speaker, "claim")]


def _speaker(text: str) -> str:
    """The name in "Dr. Lê Văn Hòa" or "Former Minister Nguyễn Đình Lộc", without titles
    and sentence-initial words; "" when what is left is no name ("The report", "He")."""
    words = text.split()
    while words and (fold(words[0].rstrip(".")) in TITLES or is_common_word(words[0])):
        words = words[1:]
    if words and fold(words[0]) == "of":
        return ""
    return " ".join(words) if words else ""


def list_facts(index: int, start: int, end: int, sentence: str) -> list[FactCandidate]:
    """The items of "... demands: a, b and c", each a fact citing the whole sentence."""
    match = LIST_RE.search(sentence)
    if match is None or len(sentence[: match.start()].split()) < 2:
        return []
    items = [i.strip(" .") for i in LIST_SPLIT_RE.split(match.group("items"))]
    items = [i for i in items if i]
    if len(items) < 3 or any(len(i.split()) > MAX_LIST_ITEM_WORDS for i in items):
        return []
    return [
        FactCandidate(item, "phrase", None, index, start, end, sentence, "", "list")
        for item in items
        if sentence.count(item) == 1
    ]


def attribute_claims(facts: list[FactCandidate], concepts: list) -> list[FactCandidate]:
    """Each reported claim's speaker named as the proposed concept the text calls them by
    ("Former Minister of Justice Nguyễn Đình Lộc warned" → Nguyễn Đình Lộc), its answer the
    speaker's name as the sentence writes it; a claim by no proposed person, organization
    or group is dropped: "who said it" needs a speaker the teacher can keep."""
    speakers = [c for c in concepts if c.kind in ("person", "organization", "group")]
    kept = []
    for fact in facts:
        if fact.found_as != "claim":
            kept.append(fact)
            continue
        owner = next((c for c in speakers if _names_speaker(c.names, fact.said_by)), None)
        span = owner and _name_span(fact.statement, owner.names, fact.said_by)
        if not span:
            continue
        fact.answer = fact.statement[span[0] : span[1]]
        fact.said_by, fact.kind = owner.name, owner.kind
        kept.append(fact)
    return kept


def _names_speaker(names: list[str], speaker: str) -> bool:
    """Whether the speaker's words end with one of the names, whole words only."""
    folded = fold(speaker)
    return any(folded == fold(n) or folded.endswith(" " + fold(n)) for n in names)


def _name_span(statement: str, names: list[str], speaker: str) -> tuple[int, int] | None:
    """Where the statement names the speaker, in the words before the speech verb."""
    at = max(statement.find(speaker), 0)
    window = statement[at : at + len(speaker)]
    spans = [s for s in (locate(window, n) for n in names) if s]
    if not spans:
        return None
    start, end = min(spans)
    return at + start, at + end
