"""Figures for the statistics page, each computed by one aggregate query.

Charts are drawn as server-rendered SVG from these numbers: no chart library and
no script, and each chart has a table or text alternative for screen readers.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate

from quizapp.study.models import Card, Review, StudySettings

HEATMAP_WEEKS = 26
FORECAST_DAYS = 30
MATURE_DAYS = 21  # as Anki: a card is mature once its stability passes three weeks
CELL = 14


def _local_dates(queryset, field: str, settings: StudySettings) -> Counter:
    """Count rows per study day (local date, shifted by the day-start hour)."""
    shifted = F(field) - dt.timedelta(hours=settings.day_starts_at)
    rows = (
        queryset.annotate(day=TruncDate(shifted, tzinfo=settings.zone))
        .values("day")
        .annotate(n=Count("pk"))
    )
    return Counter({row["day"]: row["n"] for row in rows})


def heatmap(user, settings: StudySettings, now: dt.datetime) -> dict:
    today = settings.day_start(now).date()
    first = today - dt.timedelta(days=today.weekday() + 7 * (HEATMAP_WEEKS - 1))
    since = dt.datetime.combine(first, dt.time(settings.day_starts_at), tzinfo=settings.zone)
    counts = _local_dates(
        Review.objects.filter(user=user, reviewed_at__gte=since), "reviewed_at", settings
    )
    peak = max(counts.values(), default=0)
    cells = []
    for offset in range((today - first).days + 1):
        day = first + dt.timedelta(days=offset)
        n = counts.get(day, 0)
        level = 0 if n == 0 else min(4, 1 + (4 * n - 1) // max(peak, 1))
        cells.append(
            {
                "x": (offset // 7) * CELL,
                "y": (offset % 7) * CELL,
                "n": n,
                "day": day,
                "level": level,
            }
        )
    return {
        "cells": cells,
        "width": HEATMAP_WEEKS * CELL,
        "height": 7 * CELL,
        "total": sum(counts.values()),
        "active_days": len(counts),
        "streak": _streak(counts, today),
    }


def _streak(counts: Counter, today: dt.date) -> int:
    days, day = 0, today
    if not counts.get(day):
        day -= dt.timedelta(days=1)  # today not studied yet does not break the streak
    while counts.get(day):
        days += 1
        day -= dt.timedelta(days=1)
    return days


def forecast(user, settings: StudySettings, now: dt.datetime) -> dict:
    today = settings.day_start(now).date()
    horizon = settings.day_start(now) + dt.timedelta(days=FORECAST_DAYS)
    # Only cards the queue will really show: not suspended, buried, hidden or retired.
    cards = (
        Card.objects.filter(user=user, due__lt=horizon).active(now).exclude(state=Card.State.NEW)
    )
    counts = _local_dates(cards, "due", settings)
    overdue = sum(n for day, n in counts.items() if day < today)
    days = [today + dt.timedelta(days=i) for i in range(FORECAST_DAYS)]
    values = [counts.get(d, 0) + (overdue if i == 0 else 0) for i, d in enumerate(days)]
    peak = max(values, default=0) or 1
    bars = [
        {
            "x": i * 12,
            "y": 85 - round(80 * v / peak),
            "height": round(80 * v / peak),
            "n": v,
            "day": d,
        }
        for i, (d, v) in enumerate(zip(days, values, strict=True))
    ]
    return {"bars": bars, "width": FORECAST_DAYS * 12, "total": sum(values)}


def retention(user, now: dt.datetime) -> dict:
    """True retention: the share of reviews of mature-state cards not answered Again."""
    recent = Review.objects.filter(
        user=user, reviewed_at__gte=now - dt.timedelta(days=30), state_before=Card.State.REVIEW
    ).aggregate(total=Count("pk"), passed=Count("pk", filter=Q(rating__gt=1)))
    total = recent["total"]
    return {
        "total": total,
        "passed": recent["passed"],
        "percent": round(100 * recent["passed"] / total, 1) if total else None,
    }


def states(user) -> list[tuple[str, int]]:
    rows = Card.objects.filter(user=user).aggregate(
        n_suspended=Count("pk", filter=Q(suspended=True)),
        **{
            f"n_{value}": Count("pk", filter=Q(state=value, suspended=False))
            for value in Card.State.values
        },
    )
    return [(label, rows[f"n_{value}"]) for value, label in Card.State.choices] + [
        ("Suspended", rows["n_suspended"])
    ]


def mastery(user) -> list[dict]:
    """Per concept: cards studied and the share that are mature."""
    rows = (
        Card.objects.filter(user=user, item__concepts__isnull=False)
        .values("item__concepts__slug", "item__concepts__name")
        .annotate(
            total=Count("pk"),
            mature=Count("pk", filter=Q(state=Card.State.REVIEW, stability__gte=MATURE_DAYS)),
            learnt=Count("pk", filter=~Q(state=Card.State.NEW)),
        )
        .order_by("item__concepts__name")
    )
    return [
        {
            "slug": r["item__concepts__slug"],
            "name": r["item__concepts__name"],
            "total": r["total"],
            "learnt": r["learnt"],
            "mature": r["mature"],
            "percent": round(100 * r["mature"] / r["total"]) if r["total"] else 0,
        }
        for r in rows
    ]


def for_user(user, settings: StudySettings, now: dt.datetime) -> dict:
    return {
        "heatmap": heatmap(user, settings, now),
        "forecast": forecast(user, settings, now),
        "retention": retention(user, now),
        "states": states(user),
        "mastery": mastery(user),
        "mature_days": MATURE_DAYS,
    }
