"""Forms of the study pages; every posted value is validated before it is used."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.http import QueryDict

from quizapp.study.models import Review, StudySettings


@dataclass(frozen=True)
class Grade:
    """A posted grade, validated.

    Parsed here rather than by a Django form: a form deep-copies its fields on every
    request, which cost more than the rest of reading the grade on the app's busiest
    request (docs/performance.md).
    """

    card: int
    version: int
    rating: int
    deck: str
    shown_at: int

    @classmethod
    def from_post(cls, data: QueryDict) -> Grade:
        """The grade in ``data``; ValueError, naming the field, if anything is amiss."""
        deck = data.get("deck", "")
        if len(deck) > 200:
            raise ValueError("deck: at most 200 characters.")
        return cls(
            card=_whole(data, "card", 1),
            version=_whole(data, "version", 0),
            rating=_whole(data, "rating", Review.Rating.AGAIN, Review.Rating.EASY),
            deck=deck,
            shown_at=_whole(data, "shown_at", 0),
        )


# The largest id or count a database column here holds (a 64-bit integer).
LARGEST = 2**63 - 1


def whole_number(value: str, least: int = 0, most: int = LARGEST) -> int | None:
    """``value`` as a whole number from ``least`` to ``most``, or None.

    ASCII digits only: int() would also take "٣" or "1_000".
    """
    if not (value.isascii() and value.isdigit()):
        return None
    number = int(value)
    return number if least <= number <= most else None


def _whole(data: QueryDict, name: str, least: int, most: int = LARGEST) -> int:
    number = whole_number(data.get(name, "").strip(), least, most)
    if number is None:
        raise ValueError(f"{name}: a whole number from {least} to {most} is required.")
    return number


class StudySettingsForm(forms.ModelForm):
    class Meta:
        model = StudySettings
        fields = [
            "desired_retention",
            "new_per_day",
            "reviews_per_day",
            "time_zone",
            "day_starts_at",
        ]
        labels = {
            "desired_retention": "Desired retention (0.70 to 0.97)",
            "new_per_day": "New cards per day",
            "reviews_per_day": "Reviews per day",
            "day_starts_at": "A new study day starts at (hour, 0–23)",
        }
        widgets = {
            "desired_retention": forms.NumberInput(
                attrs={"step": "0.01", "min": "0.70", "max": "0.97"}
            )
        }
