"""Crash test: SIGKILL gunicorn during the load, restart it, check every acknowledged write.

Seeds a fresh database like bench/load.py (SQLite in a temp dir, or PostgreSQL with
--database-url, created and dropped here), starts gunicorn in its own process group and drives
N students who grade cards and take the quiz. The clients note every write the server
acknowledged (a 2xx/3xx answer): grades (card, version, rating), saved answers (attempt,
question, text) and submissions. After --kill-after seconds the whole process group gets
SIGKILL; gunicorn is restarted on the same database and the database is checked against the
clients' ledger, then for integrity. Prints `name: value unit` lines; exits 1 if a check fails.
Run: .venv/bin/python bench/crash.py [--students 20] [--kill-after 8] [--workers 2]
     [--database-url postgres://postgres@127.0.0.1:5432/quizapp_crash]
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import signal
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import (  # noqa: E402  (needs ROOT on the path first)
    HOST,
    HTMX,
    PHASE,
    Student,
    _card_of,
    prepare_run,
    run_phase,
    start_gunicorn,
    wait_until_up,
)

SAVE_PATH_RE = re.compile(r"^/quizzes/attempts/(\d+)/questions/(\d+)/$")
SUBMIT_PATH_RE = re.compile(r"^/quizzes/attempts/(\d+)/submit/$")


@dataclass
class Ledger:
    """What the clients know the server stored: only writes it acknowledged."""

    # (card id, version = reps before, rating, recorded): "recorded" is False when the server
    # answered "already graded", so only the existence of that version's review is expected.
    reviews: list[tuple[int, int, int, bool]] = field(default_factory=list)
    # (attempt, question) -> every text sent, in order, and the index of the last one acknowledged
    sent: dict[tuple[int, int], list[str]] = field(default_factory=dict)
    acked: dict[tuple[int, int], int] = field(default_factory=dict)
    acked_answers: int = 0
    submits: set[int] = field(default_factory=set)
    # Set just before the kill: a failure before it is a real error, not the crash.
    killed: threading.Event = field(default_factory=threading.Event)
    errors_before_kill: int = 0
    writes_cut_by_kill: int = 0  # POSTs sent before the kill that got no answer
    lock: threading.Lock = field(default_factory=threading.Lock)


class CrashStudent(Student):
    """A load.py student that writes every acknowledged write into the shared ledger."""

    def __init__(self, port: int, username: str, ledger: Ledger) -> None:
        super().__init__(port, username)
        self.ledger = ledger

    def request(self, method: str, path: str, body: dict | None = None, headers=None):
        """As Student.request; a POST the server acknowledges goes into the ledger."""
        save = SAVE_PATH_RE.match(path) if method == "POST" else None
        if save:
            # Noted before sending: an unacknowledged later save may still have committed.
            key = (int(save.group(1)), int(save.group(2)))
            with self.ledger.lock:
                self.ledger.sent.setdefault(key, []).append(body["text"])
                index = len(self.ledger.sent[key]) - 1
        sent_before_kill = not self.ledger.killed.is_set()
        status, hdrs, text = super().request(method, path, body, headers)
        with self.ledger.lock:
            if not 200 <= status < 400 and not self.ledger.killed.is_set():
                self.ledger.errors_before_kill += 1
            elif status == 0 and method == "POST" and sent_before_kill:
                self.ledger.writes_cut_by_kill += 1
        if method != "POST" or not 200 <= status < 400:
            return status, hdrs, text
        with self.ledger.lock:
            if path == "/study/review/":
                recorded = "Graded " in text
                entry = (int(body["card"]), int(body["version"]), int(body["rating"]), recorded)
                self.ledger.reviews.append(entry)
            elif save and text.startswith("Saved at"):  # a refusal is a 200 with an error span
                self.ledger.acked[key] = max(index, self.ledger.acked.get(key, -1))
                self.ledger.acked_answers += 1
            elif match := SUBMIT_PATH_RE.match(path):
                self.ledger.submits.add(int(match.group(1)))
        return status, hdrs, text


def crash_loop(student: Student, deadline: float, quiz: int, answers: dict[int, str]) -> None:
    """Grade cards, and often take the quiz with answers unique to this attempt."""
    current = student.study_front()
    while time.perf_counter() < deadline:
        if random.random() < 0.08:
            tag = random.randrange(10**6)  # so a stored answer names the save it came from
            student.quiz(quiz, {q: f"{a} v{tag}" for q, a in answers.items()})
            continue
        if current is None:
            current = student.study_front()
            if current is None:
                time.sleep(0.05)  # the server is gone: do not spin on refused connections
            continue
        student.reveal(*current)
        current = student.grade(*current)


def group_alive(pgid: int) -> list[int]:
    """Pids still running (not zombies) in the process group."""
    alive = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            alive.append(int(stat.parent.name))
    return alive


def kill_group(server, ledger: Ledger) -> int:
    """SIGKILL the gunicorn master and every worker at once; returns how many were killed."""
    pids = group_alive(server.pid)
    ledger.killed.set()
    os.killpg(server.pid, signal.SIGKILL)
    server.wait(timeout=30)
    for _ in range(100):
        if not group_alive(server.pid):
            return len(pids)
        time.sleep(0.05)
    raise RuntimeError(f"processes survived SIGKILL: {group_alive(server.pid)}")


def check_ledger(ledger: Ledger) -> dict[str, int]:
    """Compare the clients' acknowledged writes with what the database holds."""
    from django.db.models import Count, F

    from quizapp.quizzes.models import Attempt, Response
    from quizapp.study.models import Card, Review

    stored = set(Review.objects.values_list("card_id", "reps_before", "rating"))
    versions = {(card, version) for card, version, _ in stored}
    missing_reviews = [
        (card, version, rating)
        for card, version, rating, recorded in ledger.reviews
        if (card, version) not in versions or (recorded and (card, version, rating) not in stored)
    ]
    answers = {
        (a, q): text
        for a, q, text in Response.objects.values_list("attempt_id", "question_id", "answer")
    }
    missing_answers = [
        (key, ledger.sent[key][index], answers.get(key))
        for key, index in ledger.acked.items()
        if answers.get(key) not in ledger.sent[key][index:]
    ]
    unsubmitted = list(
        Attempt.objects.filter(pk__in=ledger.submits, submitted_at__isnull=True).values_list(
            "pk", flat=True
        )
    )
    duplicates = (
        Review.objects.values("card_id", "reps_before").annotate(n=Count("id")).filter(n__gt=1)
    )
    mismatched = Card.objects.annotate(n=Count("reviews")).exclude(reps=F("n"))
    for what, rows in [
        ("missing review (card, version, rating)", missing_reviews),
        ("missing answer ((attempt, question), acknowledged, stored)", missing_answers),
        ("unsubmitted attempt", unsubmitted),
    ]:
        for row in rows:
            print(f"  {what}: {row}", file=sys.stderr)
    return {
        "missing_reviews": len(missing_reviews),
        "missing_answers": len(missing_answers),
        "missing_submissions": len(unsubmitted),
        "duplicate_reviews": duplicates.count(),
        "card_reps_mismatches": mismatched.count(),
    }


def check_integrity(postgres: bool) -> list[str]:
    """Problems the database itself reports; an empty list means the check passed."""
    from django.db import DatabaseError, connection

    problems = []
    with connection.cursor() as cursor:
        if not postgres:
            cursor.execute("PRAGMA integrity_check")
            rows = [row[0] for row in cursor.fetchall()]
            if rows != ["ok"]:
                problems += [f"integrity_check: {row}" for row in rows]
            cursor.execute("PRAGMA foreign_key_check")
            problems += [f"foreign_key_check: {row}" for row in cursor.fetchall()]
            return problems
        # Foreign keys are enforced by PostgreSQL itself; amcheck verifies every B-tree index
        # of the app against its table (heapallindexed: each row has its index entry).
        cursor.execute("CREATE EXTENSION IF NOT EXISTS amcheck")
        cursor.execute(
            "SELECT c.oid, c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
            " JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE a.amname = 'btree' AND n.nspname = 'public'"
        )
        indexes = cursor.fetchall()
        for oid, name in indexes:
            try:
                cursor.execute("SELECT bt_index_check(%s, true)", [oid])
            except DatabaseError as exc:  # a corrupt index is a finding, not a crash
                problems.append(f"bt_index_check {name}: {exc}")
        print(f"amcheck_indexes: {len(indexes)} indexes")
    return problems


def sabotage(ledger: Ledger) -> None:
    """Lose one acknowledged review and one answer on purpose, to show the checks see it."""
    from quizapp.quizzes.models import Response
    from quizapp.study.models import Review

    card, version, _, _ = ledger.reviews[-1]
    Review.objects.filter(card_id=card, reps_before=version).delete()
    attempt, question = next(iter(ledger.acked))
    Response.objects.filter(attempt_id=attempt, question_id=question).delete()


def smoke(student: CrashStudent) -> tuple[int, int, bool]:
    """After the restart: /healthz, a study page, and one grade that must be recorded."""
    from quizapp.study.models import Card

    conn = http.client.HTTPConnection(HOST, student.conn.port, timeout=10)
    conn.request("GET", "/healthz")
    health = conn.getresponse().status
    student.conn.close()  # its socket died with the old server
    status, _, text = student.request("GET", "/study/session/?deck=all")
    shown_card = _card_of(text)
    if shown_card is None:
        return health, status, False
    card_id, shown_at = shown_card
    # The client may not know a version whose grade committed just before the kill.
    student.reps[card_id] = Card.objects.get(pk=card_id).reps
    student.request(
        "GET", f"/study/session/?deck=all&show={card_id}&shown_at={shown_at}", headers=HTMX
    )
    before = len(student.ledger.reviews)
    student.grade(card_id, shown_at)
    graded = len(student.ledger.reviews) > before and student.ledger.reviews[-1][3]
    return health, status, graded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=20)
    parser.add_argument("--kill-after", type=float, default=8, help="seconds of load")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database-url", default="")
    parser.add_argument(
        "--sabotage",
        action="store_true",
        help="delete one acknowledged review and answer before checking (the checks must fail)",
    )
    args = parser.parse_args()

    run = prepare_run("crash", args.database_url, args.students, args.workers)
    port, env, log, postgres = run.port, run.env, run.log, run.postgres
    server = start_gunicorn(port, args.workers, env, log, new_session=True)
    failed = False
    try:
        wait_until_up(port, server)
        ledger = Ledger()
        students = [CrashStudent(port, username, ledger) for username in run.setup["usernames"]]
        for student in students:
            student.login()
        killed: list[int] = []
        killer = threading.Timer(args.kill_after, lambda: killed.append(kill_group(server, ledger)))
        killer.start()
        # The students go on half a second past the kill, so the kill lands mid-request.
        run_phase(
            "crash", students, args.kill_after + 0.5, crash_loop, run.setup["quiz"], run.answers
        )
        killer.join()
        if not killed:
            raise RuntimeError("the kill did not happen; see the traceback above")
        print(f"killed_processes: {killed[0]} processes")
        print(f"requests_sent: {len(PHASE['crash'].latencies)} requests")
        print(f"errors_before_kill: {ledger.errors_before_kill} count")
        print(f"writes_cut_by_kill: {ledger.writes_cut_by_kill} requests")
        after_kill = PHASE["crash"].errors - ledger.errors_before_kill
        print(f"failed_requests_at_or_after_kill: {after_kill} requests")

        started = time.perf_counter()
        server = start_gunicorn(port, args.workers, env, log, new_session=True)
        wait_until_up(port, server)
        print(f"restart_seconds: {time.perf_counter() - started:.2f} s")

        print(f"acknowledged_reviews: {len(ledger.reviews)} count")
        print(f"acknowledged_answers: {ledger.acked_answers} count")
        print(f"acknowledged_submissions: {len(ledger.submits)} count")
        if args.sabotage:
            sabotage(ledger)
        results = check_ledger(ledger)
        for key, value in results.items():
            print(f"{key}: {value} count")
        problems = check_integrity(postgres)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        print(f"integrity_check: {'ok' if not problems else 'FAILED'}")
        health, study, graded = smoke(students[0])
        print(f"restarted_healthz: {health} status")
        print(f"restarted_study_page: {study} status")
        print(f"restarted_grade_recorded: {'yes' if graded else 'no'}")
        failed = any(results.values()) or bool(problems) or ledger.errors_before_kill > 0
        failed = failed or health != 200 or study != 200 or not graded
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        log.close()
        from django.db import connections

        connections.close_all()
        run.drop_database()
    print(f"result: {'FAILED' if failed else 'passed'}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
