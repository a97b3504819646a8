"""Item-writing flaws: the rules a teacher applies when reading a question, as checks.

The rules follow Haladyna, Downing and Rodriguez's guidelines for multiple-choice items
(2002) and the rule-based flaw checkers built on them: options homogeneous in kind, form
and length; options that agree with the stem's grammar; exactly one defensible answer;
no cue to the answer in the stem; a false statement that is grammatical, plausible and
really false; no trivia. Each rule has a slug (``generate`` reports rejections by it)
and looks at one item with what ``FlawContext`` knows of the library. An item that
breaks any rule is not kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from quizapp.generation.citing import BLANK
from quizapp.generation.records import FactIn, Item, Library
from quizapp.generation.sentences import sentence_around
from quizapp.generation.validators import PICKED_KINDS
from quizapp.generation.words import content_words, overlap
from quizapp.library.folding import fold
from quizapp.library.kinds import CONCEPT_KINDS
from quizapp.library.mentions import contains_folded

Rule = Callable[["FlawContext", Item], bool]
RULES: dict[str, Rule] = {}


def rule(slug: str) -> Callable[[Rule], Rule]:
    """Register a check under the slug that reports it; it returns True for a flawed item."""

    def register(check: Rule) -> Rule:
        RULES[slug] = check
        return check

    return register


# Words that report speech or writing: "who said it?" is asked only of a saying.
REPORTING = re.compile(
    r"\b(say|says|said|argu\w*|warn\w*|wr[io]te|writes|written|claim\w*|call\w*|describ\w*"
    r"|told|tell\w*|stat\w*|insist\w*|contend\w*|not(e|es|ed)|observ\w*|believ\w*"
    r"|accord\w*|propos\w*|urg\w*|assert\w*|maintain\w*|predict\w*|suggest\w*|label\w*"
    r"|brand\w*|accus\w*|prais\w*|criticis\w*|criticiz\w*|quot\w*|declar\w*|condemn\w*"
    r"|reject\w*|demand\w*|announc\w*|vow\w*|pledg\w*|promis\w*|explain\w*|view\w*)\b",
    re.IGNORECASE,
)
# Questions about the citation rather than the matter: which outlet, when published.
CITATION_TRIVIA = re.compile(
    r"\b(which|what) (news ?\w*|outlet|newspaper|magazine|publication|website|journal|"
    r"media outlet|broadcaster)\b|\b(published|reported|appeared|ran|carried)\b.*\?$"
    r"|\bwhen did .*\b(report|article|op-ed|piece|story)\b",
    re.IGNORECASE,
)
# Words read with a vowel sound first ("an hour", "a union", "an NGO"), for "a"/"an".
VOWEL_SOUND = re.compile(r"^(?:[aeio]|u(?!ni|s[eu]|ro|tr|y)|hon|hour|heir)", re.IGNORECASE)
ACRONYM = re.compile(r"^[A-Z]{2,}\b")
NUMBER_FORM = re.compile(r"^\d[\d,]*$")
LENGTH_CUE_RATIO = 1.6  # the right option this much longer than every distractor stands out
SIMILAR_DESCRIPTIONS = 0.6  # word overlap above which two matching descriptions are confusable


class FlawContext:
    """What the rules need to know about the library, built once per generation."""

    def __init__(self, library: Library):
        self.library = library
        self.facts = {fact.slug: fact for fact in library.facts}
        self.concept_of_name = {
            fold(name): concept for concept in library.concepts.values() for name in concept.names
        }

    def right_answers(self, fact: FactIn) -> set[str]:
        """Every answer another form of the same fact accepts, folded."""
        concept = self.library.concepts.get(fact.answer_concept)
        names = concept.names if concept else ()
        return {fold(a).strip() for a in (fact.answer, *fact.members, *names)}

    def sentence_names(self, fact: FactIn) -> set[str]:
        """Folded names of the concepts the fact's own sentence mentions."""
        passage = self.library.passage_of(fact)
        start, end = sentence_around(passage.text, fact.start, fact.end)
        slugs = {m.concept for m in passage.mentions if m.start < end and m.end > start}
        return {
            fold(n)
            for slug in slugs
            if slug in self.library.concepts
            for n in self.library.concepts[slug].names
        }

    def fact_of(self, item: Item) -> FactIn | None:
        return self.facts.get(item.fact)


def flaws(context: FlawContext, item: Item) -> list[str]:
    """The slugs of every rule ``item`` breaks."""
    return [slug for slug, check in RULES.items() if check(context, item)]


def _distractors(item: Item) -> list[str]:
    return list(item.extra.get("distractors", []))


def _is_choice(item: Item) -> bool:
    """Options the generator picked (not true/false's fixed pair)."""
    return item.kind in PICKED_KINDS


# Options: homogeneous in kind, role and form.


@rule("options-mixed-kinds")
def options_mixed_kinds(context: FlawContext, item: Item) -> bool:
    """Every option names a thing of the answer's kind and, where it has one, its role."""
    kind = item.extra.get("option_kind")
    if not _is_choice(item) or kind not in CONCEPT_KINDS or item.extra.get("authored"):
        return False  # an author's distractors need not be concepts of the library
    answer = context.concept_of_name.get(fold(item.answer))
    for option in _distractors(item):
        concept = context.concept_of_name.get(fold(option))
        if concept is None or concept.kind != kind:
            return True
        if answer is not None and answer.role and concept.role != answer.role:
            return item.kind != "who_said"  # there, every quoted person is a fair option
    return False


@rule("options-mixed-forms")
def options_mixed_forms(context: FlawContext, item: Item) -> bool:
    """Years among years, figures among figures, a number in words among numbers in words."""
    if not _is_choice(item):
        return False
    options = [item.answer, *_distractors(item)]
    kind = item.extra.get("option_kind")
    if kind == "year":
        return not all(re.fullmatch(r"\d{4}", o) for o in options)
    if kind == "number":
        forms = {bool(NUMBER_FORM.match(o.strip())) for o in options}
        return len(forms) > 1
    return False


@rule("option-length-cue")
def option_length_cue(context: FlawContext, item: Item) -> bool:
    """The right option is not conspicuously the longest (a classic cue)."""
    distractors = _distractors(item)
    if not _is_choice(item) or not distractors:
        return False
    longest = max(len(d) for d in distractors)
    return len(item.answer) > LENGTH_CUE_RATIO * longest and len(item.answer) - longest > 12


@rule("option-grammar")
def option_grammar(context: FlawContext, item: Item) -> bool:
    """An "a" or "an" right before the blank agrees with every option."""
    if not _is_choice(item) or "_____" not in item.prompt:
        return False
    before = item.prompt.split("_____")[0].rstrip().split()
    article = before[-1].lower() if before else ""
    if article not in ("a", "an"):
        return False
    return any(
        _vowel_sound(option) != (article == "an") for option in [item.answer, *_distractors(item)]
    )


@rule("option-also-right")
def option_also_right(context: FlawContext, item: Item) -> bool:
    """No distractor is also defensible: an alias, another member of the same list, an answer
    another form of the fact accepts, or a concept named in the fact's own sentence."""
    fact = context.fact_of(item)
    if not _is_choice(item) or fact is None:
        return False
    right = context.right_answers(fact)
    if item.kind == "who_said":
        right = {fold(n) for n in item.extra.get("answer_names", [item.answer])}
    siblings = context.sentence_names(fact) - right
    for option in _distractors(item):
        folded = fold(option).strip()
        if folded in right or folded in siblings:
            return True
    return False


@rule("option-named-in-stem")
def option_named_in_stem(context: FlawContext, item: Item) -> bool:
    """A distractor the stem itself names ("…, writing with X, claimed") is no alternative."""
    if not _is_choice(item):
        return False
    return any(contains_folded(item.prompt, option) for option in _distractors(item))


@rule("phrase-distractors-not-authored")
def phrase_distractors_not_authored(context: FlawContext, item: Item) -> bool:
    """A phrase answer's options are written by an author, or there is no multiple choice:
    other facts' phrases read as absurd alternatives ("technology / alarmist")."""
    fact = context.fact_of(item)
    if not _is_choice(item) or item.kind == "who_said" or fact is None:
        return False
    generated_ok = fact.answer_kind in CONCEPT_KINDS or fact.answer_kind in (
        "year",
        "date",
        "number",
    )
    return not fact.distractors and not generated_ok


# Stems: no cue, no trivia, "who said it?" only of sayings.


@rule("stem-cues-answer")
def stem_cues_answer(context: FlawContext, item: Item) -> bool:
    """The right option shares a distinctive word with the stem and no distractor does
    ("clang association"): a test-wise learner picks it without knowing."""
    distractors = _distractors(item)
    if not _is_choice(item) or not distractors:
        return False
    stem = content_words(item.prompt)
    if not content_words(item.answer) & stem:
        return False
    return not any(content_words(d) & stem for d in distractors)


@rule("citation-trivia")
def citation_trivia(context: FlawContext, item: Item) -> bool:
    """Which outlet ran a report, on which day an article appeared: a footnote, not the
    matter the reading teaches."""
    fact = context.fact_of(item)
    if fact is None or not fact.question:
        return False
    answer = context.library.concepts.get(fact.answer_concept)
    if answer is not None and answer.role == "outlet":
        return True
    return bool(CITATION_TRIVIA.search(fact.question))


@rule("who-said-not-a-saying")
def who_said_not_a_saying(context: FlawContext, item: Item) -> bool:
    """ "Who said it?" quotes a claim, not an action."""
    fact = context.fact_of(item)
    return item.kind == "who_said" and fact is not None and not REPORTING.search(fact.statement)


# True/false: a false claim is grammatical, of the same kind, and really false.


@rule("false-claim-ungrammatical")
def false_claim_ungrammatical(context: FlawContext, item: Item) -> bool:
    """The swap keeps "a"/"an" in agreement with the word that follows it."""
    swapped = item.extra.get("swapped")
    if item.kind != "true_false" or not swapped:
        return False
    claim = item.extra.get("claim", "")
    position = claim.find(swapped[1])
    before = claim[:position].rstrip().split()
    article = before[-1].lower() if before else ""
    return article in ("a", "an") and _vowel_sound(swapped[1]) != (article == "an")


@rule("false-claim-may-be-true")
def false_claim_may_be_true(context: FlawContext, item: Item) -> bool:
    """The value swapped in is not named elsewhere in the claim or in the fact's own
    passage (where the statement may hold for it too), and is not a place, which may
    contain the true one ("in China" for "in Xinjiang")."""
    swapped = item.extra.get("swapped")
    fact = context.fact_of(item)
    if item.kind != "true_false" or not swapped or fact is None:
        return False
    wrong = swapped[1]
    claim = item.extra.get("claim", "")
    if claim.count(wrong) > 1 or fold(wrong).strip() in context.right_answers(fact):
        return True
    if fact.distractors:
        return False  # an author vouched that it is wrong
    concept = context.concept_of_name.get(fold(wrong))
    if concept is None:
        return False
    passage = context.library.passage_of(fact)
    in_passage = any(m.concept == concept.slug for m in passage.mentions)
    return concept.kind == "place" or in_passage


@rule("false-claim-other-role")
def false_claim_other_role(context: FlawContext, item: Item) -> bool:
    """A swapped-in concept plays the answer's role; anything else makes the claim absurd."""
    swapped = item.extra.get("swapped")
    if item.kind != "true_false" or not swapped:
        return False
    right = context.concept_of_name.get(fold(swapped[0]))
    wrong = context.concept_of_name.get(fold(swapped[1]))
    if right is None or wrong is None:
        return False
    return wrong.kind != right.kind or (bool(right.role) and wrong.role != right.role)


# Matching and ordering: coherent sets.


@rule("matching-ambiguous")
def matching_ambiguous(context: FlawContext, item: Item) -> bool:
    """Each description fits one name only: none repeats a word of its own name or names
    another of the set, and no two are near-copies (two co-authors "of the same article")."""
    if item.kind != "matching":
        return False
    pairs = item.extra.get("pairs", [])
    if any(content_words(name) & content_words(description) for name, description in pairs):
        return True  # "Separation of powers: the principle of dividing powers…"
    for index, (_, description) in enumerate(pairs):
        for other, (other_name, other_description) in enumerate(pairs):
            if index == other:
                continue
            if contains_folded(description, other_name):
                return True
            if overlap(description, other_description) > SIMILAR_DESCRIPTIONS:
                return True
    return False


@rule("ordering-incoherent")
def ordering_incoherent(context: FlawContext, item: Item) -> bool:
    """The events to order belong together: one reading or one shared concept."""
    if item.kind != "ordering" or "facts" not in item.extra:
        return False
    facts = [context.facts[slug] for slug in item.extra["facts"] if slug in context.facts]
    if len({f.source for f in facts}) == 1:
        return False
    shared = set.intersection(*(set(f.concepts) for f in facts)) if facts else set()
    return not shared


# Concepts: a definition that defines.


@rule("definition-is-a-blanked-sentence")
def definition_is_a_blanked_sentence(context: FlawContext, item: Item) -> bool:
    """A concept's "definition" that is only the sentence naming it, with the name blanked
    (what an import proposes until a teacher writes one), defines nothing: asked forwards it
    expects the sentence back, asked backwards it is a cloze under a wrong heading."""
    if item.kind == "matching":
        return any(BLANK in description for _, description in item.extra.get("pairs", []))
    if item.kind not in ("definition", "reverse") or not item.concepts:
        return False
    concept = context.library.concepts.get(item.concepts[0])
    return concept is not None and BLANK in concept.definition


# Citations: the cited span shows what the item asks, not only a name.


@rule("span-only-a-name")
def span_only_a_name(context: FlawContext, item: Item) -> bool:
    """A concept's card cites a sentence or more, not just the concept's name. (A fact's
    span is its author's quote, checked by loadcontent to state the answer.)"""
    passage = context.library.passages.get((item.source, item.passage))
    if passage is None or item.fact:
        return False
    return len(passage.text[item.start : item.end].split()) < 5 and len(passage.text.split()) >= 5


def _vowel_sound(word: str) -> bool:
    if ACRONYM.match(word):
        return word[0] in "AEFHILMNORSX"  # spelt out: "an FBI", "a CIA"
    return bool(VOWEL_SOUND.match(word))
