"""Load benchmark: simulated students against gunicorn, with worker memory and a ratio.

Prepares a fresh database (SQLite in a temp dir, or PostgreSQL with --database-url, created
and dropped here), loads the demo content, approves the generated items, creates N students
in one class with a quiz assigned, starts gunicorn with production settings and drives the
students with threads over http.client. Prints `name: value unit` lines.
Run: .venv/bin/python bench/load.py [--students 50] [--seconds 60] [--workers 2]
     [--database-url postgres://postgres@127.0.0.1:5432/quizapp_load]
"""

from __future__ import annotations

import argparse
import http.client
import io
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlparse

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "load-bench-pass-1"
HOST = "127.0.0.1"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
HTMX = {"HX-Request": "true"}
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CARD_RE = re.compile(r'id="card-(\d+)-heading"')
SHOWN_RE = re.compile(r'name="shown_at" value="(\d+)"')
ATTEMPT_RE = re.compile(r"/quizzes/attempts/(\d+)/")
QUESTION_RE = re.compile(r"/quizzes/attempts/\d+/questions/(\d+)/")

# Production settings, but static files collected into a temp dir rather than the checkout.
SETTINGS_MODULE = """from quizapp.settings import *  # noqa: F401,F403
STATIC_ROOT = {static_root!r}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def prepare_environment(tmp: Path, database_url: str) -> dict[str, str]:
    """Write the settings override and set the environment both Django and gunicorn read."""
    (tmp / "load_settings.py").write_text(SETTINGS_MODULE.format(static_root=str(tmp / "static")))
    env = {
        "DJANGO_SETTINGS_MODULE": "load_settings",
        "PYTHONPATH": os.pathsep.join([str(tmp), str(ROOT)]),
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "0",
        "SECRET_KEY": "load-bench-only-secret-key-" + "x" * 40,
        "ALLOWED_HOSTS": HOST,
        # Plain HTTP on the loopback: no redirect to HTTPS.
        "SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)
    sys.path[:0] = [str(tmp), str(ROOT)]
    return env


def postgres_admin(database_url: str, sql: str) -> None:
    """Run CREATE/DROP DATABASE from the server's maintenance database."""
    import psycopg

    parsed = urlparse(database_url)
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql)


def _database_name(database_url: str) -> str:
    return urlparse(database_url).path.lstrip("/")


@dataclass
class Run:
    """A fresh database, seeded, and what gunicorn needs to serve it (load.py, crash.py)."""

    tmp: Path
    database_url: str
    postgres: bool
    env: dict[str, str]
    setup: dict
    answers: dict[int, str]
    port: int
    log: io.TextIOWrapper

    def drop_database(self) -> None:
        if self.postgres:
            name = _database_name(self.database_url)
            postgres_admin(self.database_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def prepare_run(prefix: str, database_url: str, students: int, workers: int) -> Run:
    """Create the database (SQLite in a temp dir unless ``database_url`` names PostgreSQL),
    set the environment, seed it for ``students`` and print the run's parameters."""
    tmp = Path(tempfile.mkdtemp(prefix=f"quizapp-{prefix}-"))
    database_url = database_url or f"sqlite:///{tmp / f'{prefix}.sqlite3'}"
    postgres = database_url.startswith("postgres")
    if postgres:
        name = _database_name(database_url)
        postgres_admin(database_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        postgres_admin(database_url, f'CREATE DATABASE "{name}"')
    env = prepare_environment(tmp, database_url)
    print(f"database: {'postgresql' if postgres else 'sqlite'}")
    print(f"students: {students} students")
    print(f"workers: {workers} processes")
    setup = seed(students)
    answers = {int(k): v for k, v in setup["answers"].items()}
    log = (tmp / "gunicorn.log").open("w")
    return Run(tmp, database_url, postgres, env, setup, answers, free_port(), log)


def seed(students: int) -> dict:
    """Content, approved items, a teacher, N students in one class, and a quiz set for it."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connections

    from quizapp.accounts.roles import teachers_group
    from quizapp.bank.models import Item
    from quizapp.classroom.models import Assignment, Classroom, Membership
    from quizapp.quizzes.models import Quiz, QuizItem
    from quizapp.study.models import StudySettings

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    quiet = io.StringIO()  # generate reports its counts; the benchmark prints its own
    call_command("loadcontent", verbosity=0, stdout=quiet)
    call_command("generate", approve=True, verbosity=0, stdout=quiet)
    User = get_user_model()
    teacher = User.objects.create_user("load-teacher", password=PASSWORD)
    teacher.groups.add(teachers_group())
    # One hash for everyone: hashing 50 passwords with Argon2 would dominate the setup.
    hashed = make_password(PASSWORD)
    users = User.objects.bulk_create(
        [User(username=f"student{n:03d}", password=hashed) for n in range(students)]
    )
    users = list(User.objects.filter(username__startswith="student").order_by("pk"))
    # Enough new cards a day that nobody runs out of cards during the run.
    StudySettings.objects.bulk_create([StudySettings(user=u, new_per_day=9999) for u in users])
    classroom = Classroom.objects.create(teacher=teacher, name="Load test class")
    Membership.objects.bulk_create([Membership(classroom=classroom, student=u) for u in users])
    quiz = Quiz.objects.create(owner=teacher, title="Load test quiz", attempts_allowed=0)
    items = Item.objects.filter(status="approved", kind__in=["qa", "short_answer"])[:5]
    answers = {}
    for position, item in enumerate(items, start=1):
        question = QuizItem.objects.create(quiz=quiz, item=item, position=position)
        answers[question.pk] = item.answer
    Assignment.objects.create(classroom=classroom, quiz=quiz)
    counts = {"items": Item.objects.filter(status="approved").count()}
    # Planner statistics, which a production database has (PostgreSQL's autovacuum keeps
    # them) and a freshly seeded one lacks: without them PostgreSQL scans whole tables
    # where a small index would do.
    with connections["default"].cursor() as cursor:
        cursor.execute("ANALYZE")
    connections.close_all()
    print(f"setup_time: {time.perf_counter() - started:.1f} s")
    print(f"approved_items: {counts['items']} items")
    return {"usernames": [u.username for u in users], "quiz": quiz.pk, "answers": answers}


@dataclass
class Stats:
    """Latencies and errors of one phase, shared by the student threads."""

    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)
    graded: int = 0
    not_recorded: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, seconds: float, ok: bool, what: str) -> None:
        with self.lock:
            self.latencies.append(seconds)
            if not ok:
                self.errors += 1
                if len(self.error_samples) < 10:
                    self.error_samples.append(what)


class Student:
    """One browser: a cookie jar, a CSRF token and the cards it has graded."""

    def __init__(self, port: int, username: str) -> None:
        self.conn = http.client.HTTPConnection(HOST, port, timeout=60)
        self.username = username
        self.cookies: dict[str, str] = {}
        self.csrf = ""
        self.reps: dict[int, int] = {}  # card id -> reps, known because only we grade it
        self.stats: Stats | None = None

    def request(self, method: str, path: str, body: dict | None = None, headers=None):
        """One request; returns (status, headers, text) and records latency and errors."""
        hdrs = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        hdrs.update(headers or {})
        data = None
        if body is not None:
            data = urlencode({**body, "csrfmiddlewaretoken": self.csrf})
            hdrs.update(FORM)
        started = time.perf_counter()
        try:
            self.conn.request(method, path, body=data, headers=hdrs)
            response = self.conn.getresponse()
            text = response.read().decode()
        except (OSError, http.client.HTTPException) as exc:
            self.conn.close()
            self._record(time.perf_counter() - started, False, f"{method} {path}: {exc!r}")
            return 0, None, ""
        elapsed = time.perf_counter() - started
        for value in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        ok = 200 <= response.status < 400
        self._record(elapsed, ok, f"{method} {path}: {response.status} {text[:200]!r}")
        if match := CSRF_RE.search(text):
            self.csrf = match.group(1)
        return response.status, response.headers, text

    def _record(self, seconds: float, ok: bool, what: str) -> None:
        if self.stats is not None:
            self.stats.record(seconds, ok, what)

    def login(self) -> None:
        self.request("GET", "/accounts/login/")
        status, _, _ = self.request(
            "POST", "/accounts/login/", {"username": self.username, "password": PASSWORD}
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"login failed for {self.username}: {status}")
        self.request("GET", "/study/")

    def study_front(self) -> tuple[int, str] | None:
        """Open the session page (full page); the card shown and its shown_at."""
        _, _, text = self.request("GET", "/study/session/?deck=all")
        return _card_of(text)

    def reveal(self, card: int, shown_at: str) -> None:
        query = urlencode({"deck": "all", "show": card, "shown_at": shown_at})
        self.request("GET", f"/study/session/?{query}", headers=HTMX)

    def grade(self, card: int, shown_at: str) -> tuple[int, str] | None:
        """POST the grade as htmx does; returns the next card from the swapped region."""
        rating = 1 if random.random() < 0.15 else 3
        version = self.reps.get(card, 0)
        body = {
            "card": card,
            "version": version,
            "rating": rating,
            "deck": "all",
            "shown_at": shown_at,
        }
        status, _, text = self.request("POST", "/study/review/", body, headers=HTMX)
        if status == 200:
            self.reps[card] = version + 1
            with self.stats.lock:
                self.stats.graded += 1
                if "Graded " not in text:
                    self.stats.not_recorded += 1
        return _card_of(text)

    def quiz(self, quiz: int, answers: dict[int, str]) -> None:
        """Start an attempt, save every answer with htmx, review and submit."""
        self.request("GET", f"/quizzes/{quiz}/take/")
        status, headers, _ = self.request("POST", f"/quizzes/{quiz}/start/", {"token": ""})
        match = ATTEMPT_RE.search(headers.get("Location", "")) if headers else None
        if status != 302 or not match:
            return
        attempt = match.group(1)
        self.request("GET", f"/quizzes/attempts/{attempt}/")
        for question, answer in answers.items():
            path = f"/quizzes/attempts/{attempt}/questions/{question}/"
            body = {"text": answer, "action": "save", "page": "1"}
            self.request("POST", path, body, headers=HTMX)
        self.request("GET", f"/quizzes/attempts/{attempt}/review/")
        self.request("POST", f"/quizzes/attempts/{attempt}/submit/", {})
        self.request("GET", f"/quizzes/attempts/{attempt}/")


def _card_of(text: str) -> tuple[int, str] | None:
    card, shown = CARD_RE.search(text), SHOWN_RE.search(text)
    if not card:
        return None
    return int(card.group(1)), shown.group(1) if shown else str(int(time.time() * 1000))


def mixed_loop(student: Student, deadline: float, quiz: int, answers: dict) -> None:
    """Study like a person would, and now and then take the quiz."""
    current = student.study_front()
    while time.perf_counter() < deadline:
        if current is None or random.random() < 0.03:
            current = student.study_front()
            if current is None:
                continue
        if random.random() < 0.02:
            student.quiz(quiz, answers)
            continue
        student.reveal(*current)
        current = student.grade(*current)


def review_loop(student: Student, deadline: float) -> None:
    """Only "grade and fetch the next card", back to back (the front gives the next id)."""
    student.stats = None
    current = student.study_front()
    student.stats = PHASE["review"]
    while time.perf_counter() < deadline and current is not None:
        current = student.grade(*current)


def minimal_loop(student: Student, deadline: float) -> None:
    while time.perf_counter() < deadline:
        student.request("GET", "/healthz")


PHASE: dict[str, Stats] = {}


def run_phase(name: str, students: list[Student], seconds: float, target, *args) -> float:
    """Run ``target`` in one thread per student for ``seconds``; returns the wall time.
    A phase run again adds to the same figures."""
    PHASE.setdefault(name, Stats())
    for student in students:
        student.stats = PHASE[name]
    deadline = time.perf_counter() + seconds
    started = time.perf_counter()
    threads = [
        threading.Thread(target=target, args=(s, deadline, *args), daemon=True) for s in students
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


def ratio_phases(students: list[Student], seconds: float, rounds: int) -> tuple[float, float]:
    """Only "grade and fetch the next card", then only the minimal view, alternating for
    ``rounds`` rounds of ``seconds / rounds`` each; the two throughputs over all rounds."""
    walls = {"review": 0.0, "minimal": 0.0}
    for n in range(rounds):
        counts = {}
        for name, loop in (("review", review_loop), ("minimal", minimal_loop)):
            before = len(PHASE[name].latencies) if name in PHASE else 0
            wall = run_phase(name, students, seconds / rounds, loop)
            walls[name] += wall
            counts[name] = (len(PHASE[name].latencies) - before) / wall
        print(f"ratio_round_{n + 1}: {counts['review'] / counts['minimal']:.2f}")
    return report("review", PHASE["review"], walls["review"]), report(
        "minimal", PHASE["minimal"], walls["minimal"]
    )


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def report(name: str, stats: Stats, wall: float) -> float:
    rps = len(stats.latencies) / wall
    prefix = "" if name == "mixed" else f"{name}_"
    print(f"{prefix}requests: {len(stats.latencies)} requests")
    print(f"{prefix}requests_per_second: {rps:.1f} req/s")
    if stats.latencies:
        print(f"{prefix}p50: {statistics.median(stats.latencies) * 1000:.1f} ms")
        print(f"{prefix}p95: {percentile(stats.latencies, 0.95):.1f} ms")
        print(f"{prefix}p99: {percentile(stats.latencies, 0.99):.1f} ms")
    print(f"{prefix}errors: {stats.errors} count")
    for sample in stats.error_samples:
        print(f"  {name} error: {sample}", file=sys.stderr)
    return rps


def worker_rss(master: int) -> list[int]:
    """VmRSS in kB of each child of the gunicorn master."""
    sizes = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            lines = status.read_text().splitlines()
        except OSError:  # the process ended while we looked
            continue
        fields = dict(line.split(":", 1) for line in lines if ":" in line)
        if fields.get("PPid", "").strip() == str(master) and "VmRSS" in fields:
            sizes.append(int(fields["VmRSS"].split()[0]))
    return sizes


def count_rows() -> tuple[int, int]:
    """Reviews stored, and quiz attempts submitted, as the database has them."""
    from django.db import connections

    from quizapp.quizzes.models import Attempt
    from quizapp.study.models import Review

    counts = Review.objects.count(), Attempt.objects.submitted().count()
    connections.close_all()
    return counts


def start_gunicorn(
    port: int, workers: int, env: dict[str, str], log, *, new_session: bool = False
) -> subprocess.Popen:
    """Start gunicorn on the loopback; ``new_session`` puts it in its own process group."""
    return subprocess.Popen(
        [
            *[str(ROOT / ".venv/bin/gunicorn"), "quizapp.wsgi:application"],
            *["-w", str(workers), "-b", f"{HOST}:{port}", "--timeout", "60"],
        ],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=new_session,
    )


def wait_until_up(port: int, server: subprocess.Popen) -> None:
    for _ in range(200):
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited during start-up; see its log")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError("gunicorn did not answer /healthz")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--ratio-seconds", type=float, default=15, help="each ratio phase, in all its rounds"
    )
    parser.add_argument(
        "--ratio-rounds",
        type=int,
        default=3,
        help="the two ratio phases alternate this many times, so a slow spell of the "
        "machine falls on both",
    )
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()

    run = prepare_run("load", args.database_url, args.students, args.workers)
    server = start_gunicorn(run.port, args.workers, run.env, run.log)
    try:
        wait_until_up(run.port, server)
        students = [Student(run.port, name) for name in run.setup["usernames"]]
        for student in students:
            student.login()
        reviews_before, _ = count_rows()
        wall = run_phase(
            "mixed", students, args.seconds, mixed_loop, run.setup["quiz"], run.answers
        )
        mixed = PHASE["mixed"]
        report("mixed", mixed, wall)
        rss = worker_rss(server.pid)
        review_rps, minimal_rps = ratio_phases(students, args.ratio_seconds, args.ratio_rounds)
        rss = [max(a, b) for a, b in zip(rss, worker_rss(server.pid), strict=False)] or rss
        graded = mixed.graded + PHASE["review"].graded
        not_recorded = mixed.not_recorded + PHASE["review"].not_recorded
        stored, submitted = count_rows()
        stored -= reviews_before
        print(f"review_to_minimal_ratio: {review_rps / minimal_rps:.2f}")
        print(f"grades_answered: {graded} count")
        print(f"grades_not_recorded: {not_recorded} count")
        print(f"reviews_stored: {stored} count")
        print(f"lost_reviews: {graded - not_recorded - stored} count")
        print(f"quiz_attempts_submitted: {submitted} count")
        for n, kb in enumerate(rss):
            print(f"worker_{n}_rss: {kb / 1024:.0f} MB")
        print(f"worker_rss_max: {max(rss) / 1024:.0f} MB")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        run.log.close()
        server_errors = [
            line
            for line in (run.tmp / "gunicorn.log").read_text().splitlines()
            if "Traceback" in line or '"status": 5' in line
        ]
        print(f"server_log_errors: {len(server_errors)} count")
        run.drop_database()


if __name__ == "__main__":
    main()
