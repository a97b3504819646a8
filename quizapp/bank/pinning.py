"""A quiz never changes under its students, nor under its owner because of someone else.

The bank is shared: an edit of an item's wording (a teacher's, an admin's, regeneration's)
changes it for every learner's flashcards. Quizzes are owned, and graded against the
wording their questions show. So before an item's wording changes, the questions that must
keep the old one are moved onto a frozen copy of it (origin "kept", retired, never offered
again): every question of a quiz students have attempted, and, when a teacher edits, every
question of another teacher's quiz. The item itself is then changed in place, so cards and
review history that point at it stay, and the editor's own unattempted quizzes follow it.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from quizapp.bank.models import Item

# What a question shows or is graded on; a change to any of these moves quizzes to a copy.
WORDING_FIELDS = frozenset(
    {"kind", "prompt", "answer", "accepted", "options", "extra", "explanation"}
    | {"teacher_prompt", "teacher_answer", "teacher_explanation", "teacher_options"}
)


def items_in_attempted_quizzes() -> set[int]:
    """Every item a quiz with attempts uses: what regeneration must not change under it."""
    used = Item.objects.filter(quiz_uses__quiz__attempts__isnull=False)
    return set(used.values_list("pk", flat=True))


def keep_for_quizzes(item: Item, *, editor=None) -> int:
    """Move the questions that must keep ``item``'s saved wording onto a copy of it;
    call before saving a change. ``editor`` is the teacher making it (None for
    regeneration, which only spares attempted quizzes). Returns how many moved."""
    keep = Q(quiz__attempts__isnull=False)
    if editor is not None:
        keep |= ~Q(quiz__owner=editor)
    questions = item.quiz_uses.filter(keep).values_list("pk", flat=True).distinct()
    moved = list(questions)
    if moved:
        item.quiz_uses.model.objects.filter(pk__in=moved).update(item=_kept_copy(item))
    return len(moved)


def _kept_copy(item: Item) -> Item:
    # From the database, not ``item``: the caller may already hold the new wording.
    copy = Item.objects.get(pk=item.pk)
    concepts = list(copy.concepts.values_list("pk", flat=True))
    now = timezone.now()
    copy.pk = copy.id = None
    copy._state.adding = True
    copy.key = f"{item.key[:170]}@kept-{now:%Y%m%d%H%M%S%f}"
    copy.origin, copy.kept_from, copy.retired_at = Item.Origin.KEPT, item, now
    copy.save()
    # Its concepts and fact stay, so decks and statistics still find what it tests.
    copy.concepts.set(concepts)
    return copy
