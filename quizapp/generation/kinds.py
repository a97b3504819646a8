"""The one table of item kinds: how each kind is studied, answered, shuffled and exported.

Every set of kinds the project needs (the bank model's choices, the flashcard kinds, the quiz
kinds, the Anki and GIFT forms, the templates' flags) is derived from ``ITEM_KINDS`` below, so a
new kind is one record here plus its generator. Plain Python: generation imports it without
Django.
"""

from __future__ import annotations

from dataclasses import dataclass

# How a learner gives the answer in a quiz.
CHOICE, TYPED, MATCHING, ORDERING, RECALL = "choice", "typed", "matching", "ordering", "recall"


@dataclass(frozen=True)
class ItemKind:
    value: str
    label: str
    answer_form: str  # CHOICE, TYPED, MATCHING, ORDERING or RECALL (self-graded only)
    flashcard: bool  # studied as a card with the FSRS scheduler
    typable: bool  # the study card offers a box to type the answer before revealing
    in_quizzes: bool  # a quiz may ask it (graded by the server)
    # A missed quiz question of this kind becomes one flashcard of the same item.
    becomes_card: bool
    # The prompt states the answer's words by design (a claim to judge, items to pair or order).
    prompt_shows_answer: bool = False
    anki: str = ""  # "basic", "cloze" or "" (not exported to Anki)
    gift: bool = True  # Moodle's GIFT format can express it
    # The options are always True and False, in that order: a quiz never shuffles them, a study
    # card does not list them (the prompt is the claim to judge), GIFT writes its T/F form.
    fixed_options: bool = False

    @property
    def is_choice(self) -> bool:
        return self.answer_form == CHOICE

    @property
    def always_shuffled(self) -> bool:
        """Matching columns and ordering statements are shown shuffled whatever the quiz says:
        in their stored order they would give the answer away."""
        return self.answer_form in (MATCHING, ORDERING)

    @property
    def easier(self) -> bool:
        """Recognition (pick or pair) rather than recall: the builder's "easier" quizzes."""
        return self.answer_form in (CHOICE, MATCHING)


ITEM_KINDS: tuple[ItemKind, ...] = (
    ItemKind("definition", "Definition", RECALL, True, False, False, True, anki="basic"),
    ItemKind("reverse", "Reverse definition", TYPED, True, True, True, True, anki="basic"),
    ItemKind("cloze", "Cloze", TYPED, True, True, True, True, anki="cloze"),
    ItemKind("qa", "Question and answer", TYPED, True, True, True, True, anki="basic"),
    ItemKind("mcq", "Multiple choice", CHOICE, False, False, True, True),
    ItemKind(
        "true_false",
        "True or false",
        CHOICE,
        False,
        False,
        True,
        True,
        prompt_shows_answer=True,
        fixed_options=True,
    ),
    ItemKind("matching", "Matching", MATCHING, False, False, True, False, prompt_shows_answer=True),
    ItemKind(
        "ordering",
        "Ordering",
        ORDERING,
        False,
        False,
        True,
        False,
        prompt_shows_answer=True,
        gift=False,
    ),
    ItemKind("who_said", "Who said it", CHOICE, True, True, True, True, anki="basic"),
    ItemKind("short_answer", "Short answer", TYPED, False, True, True, True, anki="basic"),
)

KIND = {kind.value: kind for kind in ITEM_KINDS}
KIND_VALUES = tuple(kind.value for kind in ITEM_KINDS)
KIND_CHOICES = [(kind.value, kind.label) for kind in ITEM_KINDS]


def kinds_where(**flags) -> tuple[str, ...]:
    """The kind values whose attributes equal ``flags``, in table order:
    ``kinds_where(flashcard=True)``, ``kinds_where(is_choice=True)``."""
    return tuple(
        kind.value
        for kind in ITEM_KINDS
        if all(getattr(kind, name) == wanted for name, wanted in flags.items())
    )


FLASHCARD_KINDS = kinds_where(flashcard=True)
TYPABLE_KINDS = kinds_where(typable=True)
CHOICE_KINDS = kinds_where(is_choice=True)
TYPED_KINDS = kinds_where(answer_form=TYPED)
QUIZ_KINDS = kinds_where(in_quizzes=True)
ANKI_KINDS = tuple(kind.value for kind in ITEM_KINDS if kind.anki)
