"""Benchmark: "grade and fetch the next card" with 100,000 cards and 1,000,000 reviews.

Seeds one learner's collection in a fresh SQLite file (WAL, as in production on
SQLite), then times POST /study/review/ as htmx sends it, in process through the
whole middleware stack, and prints `name: value unit` lines.
Run: .venv/bin/python bench/review.py [--cards N] [--reviews-per-card N] [--requests N]
     [--close-connections]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
# htmx posts forms urlencoded (the test client's default, multipart, costs 0.3 ms more to parse).
FORM = "application/x-www-form-urlencoded"
sys.path.insert(0, str(ROOT))

from bench.in_process import setup_django  # noqa: E402  (needs ROOT on the path first)


def setup(cards: int, per_card: int):
    db = setup_django("review-bench")
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from bench.seed import seed_items, seed_review_cards, seed_reviews
    from quizapp.library.models import Passage, Source

    call_command("migrate", verbosity=0)
    source = Source.objects.create(slug="bench", title="Bench")
    passage = Passage.objects.create(source=source, ordinal=1, text="Answer", folded="answer")
    user = get_user_model().objects.create_user("bench", password="bench-pass-1")
    started = time.perf_counter()
    seed_items(cards, passage.pk, 0, 6)
    now = timezone.now()
    seed_review_cards(user.pk, "bulk", now - dt.timedelta(hours=1))
    seed_reviews(user.pk, per_card, now)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"seed_time: {time.perf_counter() - started:.1f} s")
    print(f"db_size: {db.stat().st_size / 2**20:.0f} MiB")
    return user


def _p95(values: list[float]) -> float:
    return sorted(values)[int(0.95 * len(values)) - 1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--reviews-per-card", type=int, default=10)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument(
        "--close-connections",
        action="store_true",
        help="after each response, close the database connection as a server does when "
        "CONN_MAX_AGE allows no reuse (the test client keeps it open)",
    )
    args = parser.parse_args()
    user = setup(args.cards, args.reviews_per_card)

    from django.db import close_old_connections, connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from quizapp.study.models import Card, Review

    print(f"cards: {Card.objects.count()} cards")
    print(f"reviews: {Review.objects.count()} reviews")
    client = Client()
    client.force_login(user)
    timings, cpu, queries = [], [], []
    load_before = os.getloadavg()[0]
    card = Card.objects.filter(user=user).order_by("due", "pk").first()
    for i in range(args.requests + 20):
        data = {"card": card.pk, "version": card.reps, "rating": 3, "deck": "all", "shown_at": 0}
        with CaptureQueriesContext(connection) as captured:
            started, started_cpu = time.perf_counter(), time.thread_time()
            response = client.post(
                "/study/review/", urlencode(data), content_type=FORM, headers={"HX-Request": "true"}
            )
            elapsed, elapsed_cpu = time.perf_counter() - started, time.thread_time() - started_cpu
        assert response.status_code == 200, response.status_code
        if i >= 20:  # the first requests warm caches and connections
            timings.append(elapsed * 1000)
            cpu.append(elapsed_cpu * 1000)
            queries.append(len(captured))
        if args.close_connections:
            # What Django's request_finished handler does; the next request reconnects.
            close_old_connections()
        card = Card.objects.filter(user=user).order_by("due", "pk").first()
        if card.due > card.last_review + dt.timedelta(days=1):
            card = Card.objects.filter(user=user, state=Card.State.REVIEW).order_by("due").first()
        if args.close_connections:
            close_old_connections()
    # The floor: a refused grade (400) passes the same middleware, session and login check.
    floor, floor_cpu = [], []
    for _ in range(120):
        started, started_cpu = time.perf_counter(), time.thread_time()
        response = client.post(
            "/study/review/", "rating=9", content_type=FORM, headers={"HX-Request": "true"}
        )
        floor.append((time.perf_counter() - started) * 1000)
        floor_cpu.append((time.thread_time() - started_cpu) * 1000)
        assert response.status_code == 400, response.status_code
    print(f"grade_and_next_median: {statistics.median(timings):.2f} ms")
    print(f"grade_and_next_p95: {_p95(timings):.2f} ms")
    print(f"grade_and_next_max: {max(timings):.2f} ms")
    # CPU time of the request's thread: what the code costs, whatever else the machine runs.
    print(f"grade_and_next_cpu_median: {statistics.median(cpu):.2f} ms")
    print(f"grade_and_next_cpu_p95: {_p95(cpu):.2f} ms")
    print(f"refused_post_median: {statistics.median(floor[20:]):.2f} ms")
    print(f"refused_post_cpu_median: {statistics.median(floor_cpu[20:]):.2f} ms")
    print(f"queries_per_review: {max(queries)} queries")
    print(f"p95_under_15ms: {int(_p95(timings) < 15)} bool")
    # Other processes on the machine inflate the wall-clock figures; this says how busy it was.
    print(f"load_average: {load_before:.2f} → {os.getloadavg()[0]:.2f} processes")


if __name__ == "__main__":
    main()
