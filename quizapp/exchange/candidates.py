"""Propose the concepts and facts an imported article could teach.

Plain heuristics over the passages (no model download, nothing to train): runs of
capitalised words are names, "Human Rights Watch (HRW)" gives an acronym as an alias,
quoted short phrases and YAKE key phrases are terms; word rarity (wordfreq) tells an
ordinary English word from a name; facts come from fact_candidates.py.
The teacher confirms or edits every proposal, so a wrong guess costs one click; what
matters is that junk (sentence-initial words, months, demonyms) does not drown the list.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field

from quizapp.exchange.fact_candidates import (
    NUMBERING_WORDS,
    FactCandidate,
    attribute_claims,
    propose_facts,
)
from quizapp.exchange.name_words import (
    COMMON_ZIPF,
    DEMONYM_ENDINGS,
    DIRECTIONS,
    GROUP_HEADS,
    JUNK_ACRONYMS,
    KIND_WORDS,
    NAME_ABBREVIATIONS,
    NOT_NAMES,
    PLACE_ACRONYMS,
    PLACE_PREPOSITIONS,
    SPEECH_VERBS,
    STOPS,
    TITLE_ADJECTIVES,
    TITLES,
    VAGUE_ALONE,
    VERY_COMMON_ZIPF,
    VIETNAMESE_FAMILY_NAMES,
    is_common_word,
    is_inflected_word,
    rarest_zipf,
    zipf,
)
from quizapp.generation.citing import BLANK
from quizapp.generation.sentences import sentence_spans
from quizapp.library.folding import fold
from quizapp.library.mentions import is_acronym, locate

MAX_CONCEPTS = 80
# Head words after which "on" or "and" may go on with a name: documents and organizations.
NAMED_HEADS = KIND_WORDS["document"] | KIND_WORDS["organization"]
MAX_FACTS = 40
MAX_QUOTED_WORDS = 4
KEY_PHRASE_WINDOW = 8_000  # characters of each window YAKE reads
KEY_PHRASE_WINDOWS = 4
REPEATED_PHRASE = 4  # uses that make a phrase of common words a term of the article
# Words, with inner dots, hyphens and apostrophes ("J.D", "Sino-Vietnamese", "O’Brien"),
# but not a possessive "’s", which ends a name: "Vietnam’s Communist Party".
TOKEN_RE = re.compile(r"\w+(?:(?:['’](?!s\b)|[.\-])\w+)*")
RUN_GAP_RE = re.compile(r"^(?: | [-–] )$")  # only a space, or a spaced dash, continues a name
QUOTED_RE = re.compile(r"[“\"]([^”\"\n]{3,80})[”\"]")
ACRONYM_DEF_RE = re.compile(r"\s\((?P<acronym>[A-Z][A-Za-z]{1,7})\)")


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
class Proposal:
    concepts: list[Candidate]
    facts: list[FactCandidate]

    def as_json(self) -> dict:
        """Plain data to store with a draft, so the review page never proposes again."""
        return {
            "concepts": [asdict(c) for c in self.concepts],
            "facts": [asdict(f) for f in self.facts],
        }

    @classmethod
    def from_json(cls, data: dict) -> Proposal:
        return cls(
            concepts=[Candidate(**c) for c in data.get("concepts", [])],
            facts=[FactCandidate(**f) for f in data.get("facts", [])],
        )


@dataclass
class _Run:
    tokens: list[str]
    text: str
    initial: bool  # starts its sentence or clause, so its capital letter proves nothing
    before: str  # the word before it, folded ("in Hanoi and Da Nang": the word before both)
    after: str  # the word after it, folded


def propose(passages: list[str]) -> Proposal:
    """Every candidate concept and fact of an article's passages, best first."""
    text = "\n".join(passages)
    runs = list(_capitalised_runs(passages))
    lowercase = {fold(t) for t in TOKEN_RE.findall(text) if t[0].islower()}
    mid_caps = {
        fold(tok) for run in runs for i, tok in enumerate(run.tokens) if i or not run.initial
    }
    found: dict[str, Candidate] = {}
    votes: dict[str, Counter] = defaultdict(Counter)  # kind clues, every occurrence's
    acronyms = _acronym_expansions(text)
    for run in runs:
        for name, hint in _names_in_run(run, lowercase, mid_caps):
            kind, weight = (hint, 3) if hint else _kind_of(name, run.before, run.after)
            _add(found, name, kind, "name")
            votes[fold(name)][kind] += weight
    for expansion, acronym in acronyms.items():
        _add(found, expansion, _kind_of(expansion)[0], "name")
        found[fold(expansion)].aliases.append(acronym)
    for acronym in _standalone_acronyms(text, set(acronyms.values())):
        _add(found, acronym, "place" if acronym in PLACE_ACRONYMS else "organization", "acronym")
    for term in _quoted_terms(text):
        title_case = all(_is_capitalised(w) for w in term.split() if fold(w) not in STOPS)
        _add(found, term, _kind_of(term)[0] if title_case else "term", "quoted")
    for phrase in _key_phrases(text, found):
        _add(found, phrase, "term", "keyphrase")
    for key, clues in votes.items():
        found[key].kind = clues.most_common(1)[0][0]  # the kind most contexts point to
    concepts = _tidy(list(found.values()), text)
    for concept in concepts:
        concept.definition = definition_for(concept.names, passages)
    concepts = [c for c in concepts if c.definition][:MAX_CONCEPTS]
    facts = attribute_claims(propose_facts(passages), concepts)
    return Proposal(concepts=concepts, facts=facts[:MAX_FACTS])


def _add(found: dict[str, Candidate], name: str, kind: str, found_as: str) -> None:
    """A new candidate, or one more occurrence of a known one; "Nguyen Phu Trong" and
    "Nguyễn Phú Trọng" are one name, written with its diacritics where the text has them."""
    key = fold(name)
    known = found.get(key)
    if known is None:
        found[key] = Candidate(name=name, kind=kind, found_as=found_as)
        return
    known.count += 1
    if name != known.name and name not in known.aliases:
        if _accents(name) > _accents(known.name):
            known.aliases.append(known.name)
            known.name = name
        else:
            known.aliases.append(name)


def _accents(name: str) -> int:
    return sum(fold(ch) != ch.lower() for ch in name)


def _standalone_acronyms(text: str, expanded: set[str]) -> list[str]:
    """Acronyms the text uses without spelling them out: only those used twice or more and
    of three letters or more (an organisation's, not "TW" in a document number), or a
    country's."""
    found = re.findall(r"(?<![\w\-/])[A-Z][A-Z0-9]{1,5}(?![\w\-/])", text)
    counts = Counter(found)
    return [
        acronym
        for acronym in found
        if acronym not in expanded
        and is_acronym(acronym)
        and acronym not in JUNK_ACRONYMS
        and (acronym in PLACE_ACRONYMS or (counts[acronym] >= 2 and len(acronym) >= 3))
    ]


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
    if not run:
        return False
    gap = sentence[run[-1].end() : match.start()]
    token = match.group(0)
    if gap == ". " and token.isdigit():  # "Directive No. 24": the number is the name's
        return fold(run[-1].group(0)) in NUMBERING_WORDS and len(run) > 1
    if gap == ". " and _is_capitalised(token):  # "St. Petersburg"
        return len(run) == 1 and fold(run[0].group(0)) in NAME_ABBREVIATIONS
    if not RUN_GAP_RE.match(gap):
        return False
    if _is_capitalised(token):
        return True
    if token.isdigit():  # "Directive 24", "Group 72"
        return _is_capitalised(run[-1].group(0)) and not token.startswith("0")
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    capital_next = (
        nxt is not None
        and _is_capitalised(nxt.group(0))
        and sentence[match.end() : nxt.start()] == " "
    )
    if token == "of":  # "University of New South Wales", but not "Politburo of the ..."
        return capital_next
    words = [fold(m.group(0)) for m in run]
    if token == "on":  # "Covenant on Civil ...", "Commission on Human Rights"
        return capital_next and words[-1] in NAMED_HEADS
    if token == "and":  # "Ministry of Information and Communications", not "Hanoi and Hue"
        return capital_next and bool({"of", "on"} & set(words)) and bool(NAMED_HEADS & set(words))
    return False


def _make_run(sentence: str, tokens: list[re.Match], run: list[re.Match]) -> _Run:
    while run[-1].group(0) in ("of", "and"):
        run = run[:-1]
    index = tokens.index(run[0])
    # An opening quote or bracket before the first word still makes it sentence-initial,
    # and so does a colon or semicolon: "the directive demands: Strictly ..."
    lead = sentence[: run[0].start()].rstrip(" “\"‘'([")
    initial = index == 0 or not lead or lead.endswith((":", ";", "—", "–"))
    last = tokens.index(run[-1])
    after = fold(tokens[last + 1].group(0)) if last + 1 < len(tokens) else ""
    return _Run(
        [m.group(0) for m in run],
        sentence[run[0].start() : run[-1].end()],
        initial,
        _word_before(tokens, index),
        after,
    )


def _word_before(tokens: list[re.Match], index: int) -> str:
    """The word before a run, looking past "X and" so both names of "in Hanoi and Da Nang"
    have "in" before them."""
    at = index - 1
    if (
        at >= 1
        and tokens[at].group(0) in ("and", "or")
        and _is_capitalised(tokens[at - 1].group(0))
    ):
        at -= 1
        while at >= 0 and _is_capitalised(tokens[at].group(0)):
            at -= 1
    return fold(tokens[at].group(0)) if at >= 0 else ""


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
        head, person = tokens[: titled[0]], _person_after_title(tokens[titled[-1] + 1 :])
        if _acceptable(head, lowercase):
            yield _joined(run.text, head), None
        if person:
            yield _joined(run.text, person), "person"
        return
    if titled:
        return
    if _acceptable(tokens, lowercase):
        yield _joined(run.text, tokens), None


def _person_after_title(tokens: list[str]) -> list[str]:
    """ "Minister of Justice Nguyễn Đình Lộc": the name after the office the title holds,
    from its Vietnamese family name, else after "of" and one word ("Secretary of State X")."""
    if not tokens or fold(tokens[0]) != "of":
        return tokens
    for i, token in enumerate(tokens[1:], start=1):
        if fold(token) in VIETNAMESE_FAMILY_NAMES:
            return tokens[i:]
    rest = tokens[2:]
    return rest if rest and not all(is_common_word(t) for t in rest) else []


def _joined(text: str, tokens: list[str]) -> str:
    """The tokens as the text writes them (keeping a spaced dash between them)."""
    start = text.find(tokens[0])
    end = text.find(tokens[-1], start) + len(tokens[-1])
    return text[start:end]


def _ordinary(token: str, lowercase: set[str]) -> bool:
    """A word an English text writes in lowercase: an inflection of a frequent word, one of
    the most frequent words ("Let", "Last": more common than any country's name), or a
    frequent word this text also writes in lowercase ("China" never is)."""
    folded = fold(token)
    return (
        folded in STOPS
        or is_inflected_word(token)
        or zipf(token) >= VERY_COMMON_ZIPF
        or (is_common_word(token) and folded in lowercase)
    )


def _acceptable(tokens: list[str], lowercase: set[str]) -> bool:
    if not tokens:
        return False
    words = [fold(t) for t in tokens]
    if all(w in NOT_NAMES or w in TITLES or w.isdigit() for w in words):
        return False
    if all(_is_demonym(t) for t in tokens):
        return False
    heads = set().union(*KIND_WORDS.values())
    if not heads & set(words) and all(_ordinary(t, lowercase) for t in tokens):
        return False  # "Strictly", "Regarding": ordinary English words, capitalised
    if len(tokens) == 1 and is_acronym(tokens[0]) and len(tokens[0]) < 3:
        return tokens[0] in PLACE_ACRONYMS  # "US", but not "TW" of a document number
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


def _kind_of(name: str, before: str = "", after: str = "") -> tuple[str, int]:
    """A kind guessed from the name's head word ("Ministry", "Directive"), else from its
    context ("said" after it, "in" before it), else from its shape; with a weight, so that
    across all its occurrences the surest clue wins."""
    words = [fold(w) for w in TOKEN_RE.findall(name)]
    if "of" in words[1:]:
        words = words[: words.index("of")]  # "University of New South Wales" is a university
    named = [w for w in words if not w.isdigit()]
    # "Directive No. 24" is headed by "directive", "Article 117" by "article".
    heads = [w for w in named if w not in NUMBERING_WORDS] or named or words
    if heads and heads[-1] in GROUP_HEADS and words[-1].isdigit():
        return "group", 3
    for candidates in (heads[-1:], heads):
        for kind, vocabulary in KIND_WORDS.items():
            if any(w in vocabulary for w in candidates):
                return kind, 3
    if words and words[0] in DIRECTIONS:
        return "place", 3
    if any(ch.isdigit() for w in words for ch in w):
        return ("term" if name.isupper() else "organization"), 1  # "COVID-19", "Project88"
    if before in PLACE_PREPOSITIONS:  # before "said": "officials in Hue said" name no Hue
        return "place", 2
    if after in SPEECH_VERBS or (before in TITLES and before not in TITLE_ADJECTIVES):
        return "person", 2
    if len(words) == 1:
        return ("group" if words[0].endswith("s") and not words[0].endswith("ss") else "place"), 1
    if words[0] in VIETNAMESE_FAMILY_NAMES or len(words) <= 4:
        return "person", 1
    return "term", 1


def _acronym_expansions(text: str) -> dict[str, str]:
    """ "Human Rights Watch (HRW)" gives {"Human Rights Watch": "HRW"}."""
    found: dict[str, str] = {}
    for match in ACRONYM_DEF_RE.finditer(text):
        acronym = match.group("acronym")
        letters = [ch for ch in acronym if ch.isupper()]
        # A window before the match, not all the text before it: that was quadratic.
        words = text[max(0, match.start() - 300) : match.start()].split()[-12:]
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
    """Lowercase key phrases YAKE ranks high that the text uses at least twice, and that
    hold a word rarer than everyday English ("great firewall", not "free trade") or that
    the text keeps using."""

    folded_text = fold(text)
    known = list(found)
    phrases = []
    for phrase in _ranked_phrases(text):
        words = phrase.split()
        if not phrase.islower() or len(words) < 2 or any(w in STOPS for w in words):
            continue
        key = fold(phrase)
        uses = folded_text.count(key)
        if uses < 2 or any(key in k or k in key for k in known):
            continue
        if rarest_zipf(words) >= COMMON_ZIPF and uses < REPEATED_PHRASE:
            continue
        known.append(key)
        phrases.append(phrase)
    return phrases[:15]


def _ranked_phrases(text: str) -> list[str]:
    """YAKE's key phrases of a few windows spread over the text, best first. YAKE's time
    grows with the square of what it reads on some texts (a long run of "a: b, c and d."
    took 33 s at 64 KB), so it reads windows of bounded size, not the whole article."""
    import yake  # here: only proposing needs it

    extractor = yake.KeywordExtractor(lan="en", n=3, top=120)
    step = max(KEY_PHRASE_WINDOW, len(text) // KEY_PHRASE_WINDOWS + 1)
    best: dict[str, float] = {}
    for start in range(0, len(text), step):
        for phrase, score in extractor.extract_keywords(text[start : start + KEY_PHRASE_WINDOW]):
            best[phrase] = min(score, best.get(phrase, score))
    return sorted(best, key=best.get)


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
