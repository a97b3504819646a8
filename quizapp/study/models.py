"""A learner's memory of each item (Card) and every grading of it (Review)."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from quizapp.bank.models import Item
from quizapp.quizzes.withheld import withheld_items

TIME_ZONES = sorted(zoneinfo.available_timezones() - {"localtime", "Factory"})


class StudySettings(models.Model):
    """How one learner wants to be scheduled."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="study_settings"
    )
    desired_retention = models.FloatField(
        default=0.9, validators=[MinValueValidator(0.70), MaxValueValidator(0.97)]
    )
    new_per_day = models.PositiveIntegerField(default=20, validators=[MaxValueValidator(9999)])
    reviews_per_day = models.PositiveIntegerField(
        default=200, validators=[MaxValueValidator(99999)]
    )
    time_zone = models.CharField(max_length=64, default="UTC", choices=[(z, z) for z in TIME_ZONES])
    day_starts_at = models.PositiveSmallIntegerField(
        default=4,
        validators=[MaxValueValidator(23)],
        help_text="Hour at which a new study day begins, as in Anki (4 = 4 a.m.).",
    )

    class Meta:
        verbose_name_plural = "study settings"
        constraints = [
            models.CheckConstraint(
                condition=Q(desired_retention__gte=0.70, desired_retention__lte=0.97),
                name="retention_in_range",
            )
        ]

    def __str__(self) -> str:
        return f"Study settings of {self.user}"

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def day_start(self, now: dt.datetime) -> dt.datetime:
        """When the learner's current study day began, as an aware datetime."""
        local = now.astimezone(self.zone)
        start = local.replace(hour=self.day_starts_at, minute=0, second=0, microsecond=0)
        if local < start:
            start -= dt.timedelta(days=1)
        return start

    def next_day_start(self, now: dt.datetime) -> dt.datetime:
        return self.day_start(now) + dt.timedelta(days=1)


class CardQuerySet(models.QuerySet):
    def active(self, now: dt.datetime) -> CardQuerySet:
        """Cards that may be shown: not suspended or buried, and whose item a teacher
        has not hidden nor regeneration retired. queue_sql.py states the same in SQL."""
        return (
            self.filter(suspended=False, item__retired_at__isnull=True)
            .filter(Q(buried_until__isnull=True) | Q(buried_until__lte=now))
            .exclude(item__status=Item.Status.HIDDEN)
        )

    def shown_to(self, user, now: dt.datetime) -> CardQuerySet:
        """The learner's cards that may be shown now: active, and none of an item withheld
        from them (quizzes/withheld.py). queue_sql.py states the same in SQL."""
        return self.filter(user=user).active(now).exclude(item_id__in=withheld_items(user, now))


class Card(models.Model):
    """One learner's memory of one item; the fsrs Card is rebuilt from these columns."""

    class State(models.IntegerChoices):
        NEW = 0, "New"
        LEARNING = 1, "Learning"
        REVIEW = 2, "Review"
        RELEARNING = 3, "Relearning"

    # No index of its own: the unique (user, item) and the queue's index both lead with it.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cards", db_index=False
    )
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="cards")
    state = models.PositiveSmallIntegerField(choices=State, default=State.NEW)
    step = models.PositiveSmallIntegerField(null=True, blank=True)
    stability = models.FloatField(null=True, blank=True)
    difficulty = models.FloatField(null=True, blank=True)
    due = models.DateTimeField()
    last_review = models.DateTimeField(null=True, blank=True)
    reps = models.PositiveIntegerField(
        default=0, help_text="Reviews so far; the version a grade applies to."
    )
    lapses = models.PositiveIntegerField(default=0)
    suspended = models.BooleanField(default=False)
    buried_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CardQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "item"], name="one_card_per_user_item"),
        ]
        # item and buried_until too, so the study queue finds, orders (due, then item) and
        # counts the cards it may show from the index alone, never reading a card's row.
        indexes = [
            models.Index(fields=["user", "suspended", "state", "due", "item", "buried_until"])
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.item.key}"


class Review(models.Model):
    """One grading of a card, with the card's columns before and after it."""

    class Rating(models.IntegerChoices):
        AGAIN = 1, "Again"
        HARD = 2, "Hard"
        GOOD = 3, "Good"
        EASY = 4, "Easy"

    # Neither key has an index of its own: the unique (card, reps_before) and the index
    # (user, reviewed_at, state_before) lead with them, and every review writes each index.
    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="reviews", db_index=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews", db_index=False
    )
    rating = models.PositiveSmallIntegerField(choices=Rating)
    reviewed_at = models.DateTimeField(db_index=True)
    duration_ms = models.PositiveIntegerField(null=True, blank=True)
    reps_before = models.PositiveIntegerField()
    state_before = models.PositiveSmallIntegerField(choices=Card.State)
    state_after = models.PositiveSmallIntegerField(choices=Card.State)
    before = models.JSONField(help_text="The card's scheduling columns before the review.")
    after = models.JSONField(help_text="The card's scheduling columns after the review.")

    class Meta:
        constraints = [
            # A double submit (double click, two tabs, a retried request) cannot record twice.
            models.UniqueConstraint(
                fields=["card", "reps_before"], name="one_review_per_card_version"
            ),
        ]
        # state_before too, so the study queue counts today's reviews from the index alone.
        indexes = [models.Index(fields=["user", "reviewed_at", "state_before"])]

    def __str__(self) -> str:
        return f"{self.get_rating_display()} on {self.card_id} at {self.reviewed_at:%Y-%m-%d %H:%M}"
