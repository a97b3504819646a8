"""Propose the concepts and dated or numbered facts an imported article could teach.

Plain heuristics over the passages (no model download, nothing to train): runs of
capitalised words are names, "Human Rights Watch (HRW)" gives an acronym as an alias,
quoted short phrases and YAKE key phrases are terms, years and numbers become facts.
The teacher confirms or edits every proposal, so a wrong guess costs one click; what
matters is that junk (sentence-initial words, months, demonyms) does not drown the list.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from quizapp.exchange.article_text import sentence_spans
from quizapp.generation.citing import BLANK
from quizapp.generation.words import STOP_WORDS
from quizapp.library.folding import fold
from quizapp.library.mentions import is_acronym, locate

MAX_CONCEPTS = 80
MAX_FACTS = 30
MAX_QUOTED_WORDS = 4

MORE_STOP_WORDS = {
    "about", "after", "again", "against", "all", "also", "although", "amid", "among", "any",
    "because", "been", "before", "being", "both", "can", "could", "despite", "did", "do",
    "does", "during", "each", "even", "every", "few", "had", "here", "how", "however", "if",
    "last", "many", "may", "meanwhile", "might", "more", "most", "much", "must", "my", "no",
    "not", "now", "one", "only", "other", "over", "should", "since", "so", "some", "such",
    "than", "then", "there", "these", "those", "through", "thus", "too", "two", "under",
    "unlike", "until", "us", "very", "what", "when", "where", "while", "why", "would", "yet",
    "likewise", "therefore", "according", "ibid", "i", "me", "him", "your",
}  # fmt: skip
STOPS = STOP_WORDS | MORE_STOP_WORDS
MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday",
}  # fmt: skip
NOT_NAMES = STOPS | MONTHS  # a capitalised word that is one of these names nothing
# Words that introduce a person's name: "Chinese President Xi Jinping" names Xi Jinping.
TITLES = {
    "president", "prime", "minister", "chairman", "chairwoman", "secretary", "general",
    "professor", "prof", "dr", "mr", "mrs", "ms", "premier", "chancellor", "director",
    "chief", "king", "queen", "prince", "senator", "governor", "ambassador", "judge", "pope",
    "sir", "dame", "lord", "lady", "colonel", "captain", "bishop", "father", "sister",
}  # fmt: skip
# Heads that say what kind of thing a name is; the last word of a name is its head.
KIND_WORDS = {
    "document": {
        "directive", "declaration", "constitution", "report", "agreement", "treaty", "law",
        "act", "resolution", "decree", "charter", "convention", "amendment", "code", "bill",
        "plan", "program", "programme", "policy", "strategy", "decision", "circular",
        "manifesto", "accord", "accords", "protocol", "doctrine",
    },
    "event": {
        "congress", "revolution", "revolutions", "protest", "protests", "movement", "summit",
        "war", "conference", "election", "elections", "uprising", "massacre", "crisis",
        "olympics", "campaign", "reform", "reforms", "spring", "riots", "strike",
    },
    "organization": {
        "party", "committee", "organization", "organisation", "council", "watch", "house",
        "university", "academy", "assembly", "news", "magazine", "journal", "newspaper",
        "times", "union", "association", "institute", "institution", "foundation", "agency",
        "ministry", "department", "bank", "court", "army", "police", "politburo",
        "commission", "bureau", "office", "parliament", "senate", "government",
        "corporation", "company", "network", "radio", "service", "federation", "league",
        "alliance", "front", "fund", "center", "centre", "school", "college", "project",
        "post", "press", "tribune", "nations", "forum", "secretariat", "group",
    },
    "place": {
        "sea", "ocean", "river", "mountain", "mountains", "city", "province", "island",
        "islands", "bay", "gulf", "lake", "valley", "street", "square", "district", "county",
        "region", "kingdom", "republic", "strait", "peninsula", "europe", "asia", "africa",
        "america", "states", "east", "west", "wales", "delta", "coast", "highlands",
    },
}  # fmt: skip
# A head word alone ("Party", "Constitution") is too vague to be a concept of its own.
VAGUE_ALONE = set().union(*KIND_WORDS.values()) - {
    "politburo", "europe", "asia", "africa", "america", "wales", "olympics", "secretariat",
} | {"state", "people", "nation", "country", "internet", "web"}  # fmt: skip
GROUP_HEADS = {"group"}  # "Group 72" is a group of people, not an organization's office
DIRECTIONS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
              "middle", "central", "upper", "lower"}  # fmt: skip
DEMONYM_ENDINGS = ("ese", "ian", "ish", "ean", "ic", "ist", "ern", "ite", "al")
PLACE_ACRONYMS = {"US", "USA", "UK", "UAE", "PRC", "DPRK", "ROK", "EU"}
JUNK_ACRONYMS = {"OK", "TV", "AM", "PM", "ID", "II", "III", "IV", "VI", "VII", "VIII", "IX",
                 "XI", "XII", "AD", "BC", "CEO", "PS", "FAQ", "PDF", "URL", "HTML"}  # fmt: skip
# Vietnamese names put the family name first; these few cover most of the population,
# so a capitalised run that starts with one is taken for a person.
VIETNAMESE_FAMILY_NAMES = {
    "nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "do",
    "ho", "ngo", "duong", "ly", "truong", "au", "dinh", "doan", "lam", "luong", "mai", "trinh",
    "cao", "ha", "ta", "to", "quach", "lai", "chau", "thai",
}  # fmt: skip
PLACE_PREPOSITIONS = {"in", "from", "across", "throughout", "inside", "near", "visited"}

# Words, with inner dots, hyphens and apostrophes ("J.D", "Sino-Vietnamese", "O’Brien"),
# but not a possessive "’s", which ends a name: "Vietnam’s Communist Party".
TOKEN_RE = re.compile(r"\w+(?:(?:['’](?!s\b)|[.\-])\w+)*")
RUN_GAP_RE = re.compile(r"^(?: | [-–] )$")  # only a space, or a spaced dash, continues a name
QUOTED_RE = re.compile(r"[“\"]([^”\"\n]{3,80})[”\"]")
ACRONYM_DEF_RE = re.compile(r"\s\((?P<acronym>[A-Z][A-Za-z]{1,7})\)")
YEAR_RE = re.compile(r"(?<![\w\-,.])(1[5-9]\d\d|20\d\d)(?![\w\-])")
NUMBER_RE = re.compile(r"(?<![\w\-,.$€£])(\d{1,3}(?:,\d{3})+|\d+)(?![\w\-]|[.,]\d)")


@dataclass
class Candidate:
    """A proposed concept: what the teacher sees, ticks and may edit."""

    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    definition: str = ""
    count: int = 1
    found_as: str = "name"  # name, acronym, quoted or keyphrase: why it was proposed

    @property
    def names(self) -> list[str]:
        return [self.name, *self.aliases]


@dataclass
class FactCandidate:
    """A year or number stated in one sentence, to be asked as a cloze or a choice."""

    answer: str
    kind: str  # "year" or "number", as Fact.AnswerKind names them
    value: int
    passage: int  # index in the passage list, from 0
    start: int
    end: int
    statement: str


@dataclass
class Proposal:
    concepts: list[Candidate]
    facts: list[FactCandidate]


@dataclass
class _Run:
    tokens: list[str]
    text: str
    initial: bool  # starts its sentence, so its capital letter proves nothing
    before: str  # the word before it, folded


def propose(passages: list[str]) -> Proposal:
    """Every candidate concept and fact of an article's passages, best first."""
    text = "\n".join(passages)
    runs = list(_capitalised_runs(passages))
    lowercase = {fold(t) for t in TOKEN_RE.findall(text) if t[0].islower()}
    mid_caps = {
        fold(tok) for run in runs for i, tok in enumerate(run.tokens) if i or not run.initial
    }
    found: dict[str, Candidate] = {}
    acronyms = _acronym_expansions(text)
    for run in runs:
        for name, hint in _names_in_run(run, lowercase, mid_caps):
            _add(found, name, hint or _kind_of(name, run.before), "name")
    for expansion, acronym in acronyms.items():
        _add(found, expansion, _kind_of(expansion, ""), "name")
        found[fold(expansion)].aliases.append(acronym)
    expanded = set(acronyms.values())
    for acronym in re.findall(r"(?<![\w\-])[A-Z][A-Z0-9]{1,5}(?![\w\-])", text):
        if acronym not in expanded and is_acronym(acronym) and acronym not in JUNK_ACRONYMS:
            kind = "place" if acronym in PLACE_ACRONYMS else "organization"
            _add(found, acronym, kind, "acronym")
    for term in _quoted_terms(text):
        title_case = all(_is_capitalised(w) for w in term.split() if fold(w) not in STOPS)
        _add(found, term, _kind_of(term, "") if title_case else "term", "quoted")
    for phrase in _key_phrases(text, found):
        _add(found, phrase, "term", "keyphrase")
    concepts = _tidy(list(found.values()), text)
    for concept in concepts:
        concept.definition = definition_for(concept.names, passages)
    concepts = [c for c in concepts if c.definition][:MAX_CONCEPTS]
    return Proposal(concepts=concepts, facts=numeric_facts(passages)[:MAX_FACTS])


def _add(found: dict[str, Candidate], name: str, kind: str, found_as: str) -> None:
    key = fold(name)
    if key in found:
        found[key].count += 1
    else:
        found[key] = Candidate(name=name, kind=kind, found_as=found_as)


def _capitalised_runs(passages: list[str]):
    for passage in passages:
        for s_start, s_end in sentence_spans(passage):
            sentence = passage[s_start:s_end]
            tokens = list(TOKEN_RE.finditer(sentence))
            run: list[re.Match] = []
            for i, match in enumerate([*tokens, None]):
                if match is not None and _continues(sentence, run, match, tokens, i):
                    run.append(match)
                    continue
                if run:
                    yield _make_run(sentence, tokens, run)
                run = []
                if match is not None and _starts(match, tokens, i, sentence):
                    run.append(match)


def _is_capitalised(token: str) -> bool:
    return token[0].isupper()


def _starts(match: re.Match, tokens: list[re.Match], i: int, sentence: str) -> bool:
    token = match.group(0)
    if _is_capitalised(token):
        return True
    # "2013 Constitution": a year that begins a name
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    return (
        token.isdigit()
        and nxt is not None
        and _is_capitalised(nxt.group(0))
        and sentence[match.end() : nxt.start()] == " "
    )


def _continues(sentence: str, run: list[re.Match], match: re.Match, tokens, i: int) -> bool:
    if not run or not RUN_GAP_RE.match(sentence[run[-1].end() : match.start()]):
        return False
    token = match.group(0)
    if _is_capitalised(token):
        return True
    if token.isdigit():  # "Directive 24", "Group 72"
        return _is_capitalised(run[-1].group(0)) and not token.startswith("0")
    if token == "of":  # "University of New South Wales", but not "Politburo of the ..."
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        return (
            nxt is not None
            and _is_capitalised(nxt.group(0))
            and sentence[match.end() : nxt.start()] == " "
        )
    return False


def _make_run(sentence: str, tokens: list[re.Match], run: list[re.Match]) -> _Run:
    if run[-1].group(0) == "of":
        run = run[:-1]
    index = tokens.index(run[0])
    # An opening quote or bracket before the first word still makes it sentence-initial.
    initial = index == 0 or not sentence[: run[0].start()].strip(" “\"‘'([")
    before = fold(tokens[index - 1].group(0)) if index else ""
    return _Run(
        [m.group(0) for m in run], sentence[run[0].start() : run[-1].end()], initial, before
    )


def _names_in_run(run: _Run, lowercase: set[str], mid_caps: set[str]):
    """The name or names a capitalised run holds, each with a kind if the run tells it."""
    tokens = list(run.tokens)
    if run.initial:
        # "Despite", "The", "Meanwhile": a capital that only starts the sentence.
        while (
            tokens
            and fold(tokens[0]) not in mid_caps
            and (fold(tokens[0]) in lowercase or fold(tokens[0]) in STOPS or len(tokens) == 1)
        ):
            tokens = tokens[1:]
    while tokens and fold(tokens[0]) in NOT_NAMES:
        tokens = tokens[1:]
    titled = [i for i, t in enumerate(tokens) if fold(t) in TITLES]
    if titled and titled[-1] + 1 < len(tokens):
        head, person = tokens[: titled[0]], tokens[titled[-1] + 1 :]
        if _acceptable(head):
            yield _joined(run.text, head), None
        yield _joined(run.text, person), "person"
        return
    if titled:
        return
    if _acceptable(tokens):
        yield _joined(run.text, tokens), None


def _joined(text: str, tokens: list[str]) -> str:
    """The tokens as the text writes them (keeping a spaced dash between them)."""
    start = text.find(tokens[0])
    end = text.find(tokens[-1], start) + len(tokens[-1])
    return text[start:end]


def _acceptable(tokens: list[str]) -> bool:
    if not tokens:
        return False
    words = [fold(t) for t in tokens]
    if all(w in NOT_NAMES or w in TITLES or w.isdigit() for w in words):
        return False
    if all(_is_demonym(t) for t in tokens):
        return False
    if len(tokens) == 1:
        word = words[0]
        if len(word) < 2 or word in VAGUE_ALONE:
            return False  # "Party" alone is too vague to be a concept of its own
        parts = tokens[0].split("-")
        if len(parts) > 1 and all(_is_capitalised(p) for p in parts):
            return False  # "US-China": a relation between two names, not a name
    return True


def _is_demonym(token: str) -> bool:
    last = token.split("-")[-1].lower()
    # ("Nepal" is short enough to escape the adjectival "-al" of "Constitutional".)
    return (
        _is_capitalised(token)
        and last.endswith(DEMONYM_ENDINGS)
        and not (last.endswith("al") and len(last) <= 5)
        and last not in VAGUE_ALONE
        and not is_acronym(token)
    )


def _kind_of(name: str, before: str) -> str:
    """Guess a kind from the name's head word, its other words, and the word before it."""
    words = [fold(w) for w in TOKEN_RE.findall(name)]
    if "of" in words[1:]:
        words = words[: words.index("of")]  # "University of New South Wales" is a university
    heads = [w for w in words if not w.isdigit()] or words
    if heads and heads[-1] in GROUP_HEADS and words[-1].isdigit():
        return "group"
    for candidates in (heads[-1:], heads):
        for kind, vocabulary in KIND_WORDS.items():
            if any(w in vocabulary for w in candidates):
                return kind
    if words and words[0] in DIRECTIONS:
        return "place"
    if any(ch.isdigit() for w in words for ch in w):
        return "term" if name.isupper() else "organization"  # "COVID-19", "Project88"
    if len(words) == 1:
        if before in PLACE_PREPOSITIONS:
            return "place"
        return "group" if words[0].endswith("s") and not words[0].endswith("ss") else "place"
    if words[0] in VIETNAMESE_FAMILY_NAMES or len(words) <= 4:
        return "place" if before in PLACE_PREPOSITIONS else "person"
    return "term"


def _acronym_expansions(text: str) -> dict[str, str]:
    """ "Human Rights Watch (HRW)" gives {"Human Rights Watch": "HRW"}."""
    found: dict[str, str] = {}
    for match in ACRONYM_DEF_RE.finditer(text):
        acronym = match.group("acronym")
        letters = [ch for ch in acronym if ch.isupper()]
        words = text[: match.start()].split()[-12:]
        # The shortest tail of capitalised words (and "of") whose initials spell the acronym.
        for size in range(1, len(words) + 1):
            tail = words[-size:]
            if not all(_is_capitalised(w) or w in ("of", "for", "and") for w in tail):
                break
            initials = [w[0] for w in tail if _is_capitalised(w)]
            if initials[:1] == letters[:1] and _subsequence(letters, initials):
                found[" ".join(tail)] = acronym
                break
    return found


def _subsequence(letters: list[str], initials: list[str]) -> bool:
    it = iter(initials)
    return all(letter in it for letter in letters)


def _quoted_terms(text: str) -> list[str]:
    terms = []
    for match in QUOTED_RE.finditer(text):
        term = match.group(1).strip(" .,;:!?")
        words = term.split()
        if not 1 <= len(words) <= MAX_QUOTED_WORDS or len(term) < 3:
            continue
        if fold(words[0]) in STOPS or fold(words[-1]) in STOPS:
            continue  # "politicize it", "into all-level school curricula": fragments
        terms.append(term)
    return terms


def _key_phrases(text: str, found: dict[str, Candidate]) -> list[str]:
    """Lowercase key phrases YAKE ranks high that the text uses at least twice."""
    import yake  # here: only proposing needs it

    folded_text = fold(text)
    known = list(found)
    phrases = []
    for phrase, _score in yake.KeywordExtractor(lan="en", n=3, top=120).extract_keywords(text):
        words = phrase.split()
        if not phrase.islower() or len(words) < 2 or any(w in STOPS for w in words):
            continue
        key = fold(phrase)
        if folded_text.count(key) < 2 or any(key in k or k in key for k in known):
            continue
        known.append(key)
        phrases.append(phrase)
    return phrases[:15]


def _tidy(concepts: list[Candidate], text: str) -> list[Candidate]:
    """Fold surnames and plurals into the names they belong to, drop the dubious rest."""
    concepts = _merge_aliases(_merge_plurals(concepts))
    concepts = [c for c in concepts if not _only_inside_longer_names(c, concepts, text)]
    people = [c for c in concepts if c.kind == "person" and " " in c.name]
    kept = []
    for concept in concepts:
        if " " not in concept.name and not is_acronym(concept.name):
            owners = [
                p for p in people if fold(concept.name) in {fold(p.name.split()[0]),
                                                           fold(p.name.split()[-1])}
            ]  # fmt: skip
            if len(owners) == 1:
                owners[0].aliases.append(concept.name)  # "Swanton" for Ben Swanton
                owners[0].count += concept.count
                continue
            if len(owners) > 1:
                continue  # a surname two people share names neither
        kept.append(concept)
    _drop_shared_aliases(kept)
    kept.sort(key=lambda c: (-c.count, locate(text, c.name) or (len(text), 0)))
    return kept


def _merge_aliases(concepts: list[Candidate]) -> list[Candidate]:
    """A candidate that is another's alias ("HRW" for Human Rights Watch) joins it."""
    alias_of = {fold(a): c for c in concepts for a in c.aliases}
    merged = []
    for concept in concepts:
        owner = alias_of.get(fold(concept.name))
        if owner is not None and owner is not concept:
            owner.count += concept.count
            continue
        merged.append(concept)
    return merged


def _only_inside_longer_names(concept: Candidate, concepts: list[Candidate], text: str) -> bool:
    """ "BBC" when the text only ever says "BBC News"."""
    if concept.found_as != "acronym":
        return False
    pattern = rf"(?<![\w\-]){re.escape(concept.name)}(?![\w\-])"
    alone = len(re.findall(pattern, text))
    for other in concepts:
        if other is not concept and re.search(pattern, other.name):
            alone -= text.count(other.name)
    return alone <= 0


def _merge_plurals(concepts: list[Candidate]) -> list[Candidate]:
    by_name = {fold(c.name): c for c in concepts}
    merged = []
    for concept in concepts:
        key = fold(concept.name)
        singular = None
        if key.endswith("ies"):
            singular = by_name.get(key[:-3] + "y")  # "Communist Parties"
        elif key.endswith("s"):
            singular = by_name.get(key[:-1])
        if singular is not None and singular is not concept:
            singular.aliases.append(concept.name)
            singular.count += concept.count
            continue
        merged.append(concept)
    return merged


def _drop_shared_aliases(concepts: list[Candidate]) -> None:
    owners = Counter(fold(n) for c in concepts for n in c.names)
    for concept in concepts:
        concept.aliases = list(
            dict.fromkeys(a for a in concept.aliases if owners[fold(a)] == 1 and a != concept.name)
        )


def definition_for(names: list[str], passages: list[str]) -> str:
    """A description of the concept from the text that does not name it: the appositive
    after its first mention ("Freedom House, a nonpartisan organization ..."), else the
    first sentence naming it with every name blanked."""
    first_sentence = fallback = ""
    for passage in passages:
        for s_start, s_end in sentence_spans(passage):
            sentence = passage[s_start:s_end]
            span = _first_name_span(sentence, names)
            if span is None:
                continue
            # Only a name near the start is followed by its own appositive; "in Vietnam, a
            # movement ..." describes the movement.
            near_start = len(sentence[: span[0]].split()) <= 3
            appositive = _appositive(sentence[span[1] :]) if near_start else ""
            if appositive and not _names_any(appositive, names):
                return appositive
            if not first_sentence and 6 <= len(sentence.split()) <= 60:
                first_sentence = blank_names(sentence, names)
            elif not fallback:
                fallback = _window(blank_names(sentence, names))
    return first_sentence or fallback


def _window(sentence: str, reach: int = 20) -> str:
    """The words around the first blank of a sentence too long to show whole."""
    words = sentence.split()
    at = next((i for i, w in enumerate(words) if BLANK in w), 0)
    start, end = max(0, at - reach), min(len(words), at + reach + 1)
    return ("… " if start else "") + " ".join(words[start:end]) + (" …" if end < len(words) else "")


def _first_name_span(sentence: str, names: list[str]) -> tuple[int, int] | None:
    spans = [s for s in (locate(sentence, n) for n in names) if s]
    return min(spans) if spans else None


APPOSITIVE_NOT = {
    "which", "who", "where", "when", "while", "and", "but", "said", "known", "once", "as",
    "not", "now", "then", "says", "told", "argues", "is", "was", "wrote", "writes", "added",
    "adds", "has", "had", "did", "does", "will",
}  # fmt: skip
APPOSITIVE_RE = re.compile(r"^(?: \([^)]*\))?, (?P<phrase>(?:an?|the|[a-z])[^,;:.()]{8,180}),")


def _appositive(rest: str) -> str:
    match = APPOSITIVE_RE.match(rest)
    if not match:
        return ""
    phrase = match.group("phrase").strip()
    first = phrase.split()[0]
    # "known as ...", "wrote in ...", "for the first time": a clause or an adverbial, not a
    # noun phrase describing the name.
    if first not in {"a", "an", "the"} and (
        first in APPOSITIVE_NOT or first in STOPS or first.endswith(("ed", "ing", "ly"))
    ):
        return ""
    return phrase[0].upper() + phrase[1:] + "."


def _names_any(text: str, names: list[str]) -> bool:
    return any(locate(text, n) for n in names)


def blank_names(text: str, names: list[str]) -> str:
    """``text`` with every whole-word occurrence of any name replaced by a blank."""
    for name in sorted(names, key=len, reverse=True):
        span = locate(text, name)
        while span:
            text = f"{text[: span[0]]}{BLANK}{text[span[1] :]}"
            span = locate(text, name)
    return text


def numeric_facts(passages: list[str]) -> list[FactCandidate]:
    """Each year or number that a sentence states once, not as part of a name."""
    facts = []
    for index, passage in enumerate(passages):
        for s_start, s_end in sentence_spans(passage):
            sentence = passage[s_start:s_end]
            if not 6 <= len(sentence.split()) <= 45:
                continue
            for kind, regex in (("year", YEAR_RE), ("number", NUMBER_RE)):
                for match in regex.finditer(sentence):
                    answer = match.group(1)
                    value = int(answer.replace(",", ""))
                    if kind == "number" and (YEAR_RE.fullmatch(answer) or value < 2):
                        continue
                    if sentence.count(answer) != 1 or _inside_name(sentence, match):
                        continue
                    facts.append(
                        FactCandidate(answer, kind, value, index, s_start, s_end, sentence)
                    )
    return facts


def _inside_name(sentence: str, match: re.Match) -> bool:
    """ "Directive 24", "Group 72", "2013 Constitution": a number that is part of a name."""
    before = re.search(r"(\w+) $", sentence[: match.start()])
    after = re.match(r" (\w+)", sentence[match.end() :])
    return any(
        word and _is_capitalised(word.group(1)) and fold(word.group(1)) not in NOT_NAMES
        for word in (before, after)
    )
