"""Benchmark: database queries per request for every main page, at two data sizes.

Builds a small world (the fixture content, one class, a quiz of three questions, one student's
study history), counts each page's queries through the whole middleware stack, then grows every
collection a page lists or aggregates (sources, passages, concepts, items, cards, reviews,
quizzes, questions, students, attempts, classes, members) and counts again. A count that grows
with the data is an N+1. Prints `queries_<page>_small: N` and `queries_<page>_large: N` lines.
Run: .venv/bin/python bench/queries.py

The same world and page list back tests/hardening/test_query_counts.py.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_CONTENT = ROOT / "tests" / "fixtures" / "content"
# What _answer_all answers: the option to pick, or the text to type, by answer form.
ANSWER_FIELD = {"choice": "choice", "typed": "text", "recall": "text"}


@dataclass
class Sizes:
    """How much of everything the world holds; the large world multiplies each."""

    sources: int
    passages_per_source: int
    concepts: int
    items: int
    cards: int
    reviews_per_card: int
    questions: int
    students: int
    classes: int
    quizzes: int


SMALL = Sizes(0, 0, 0, 0, 0, 0, 3, 1, 0, 0)
LARGE = Sizes(20, 10, 30, 300, 300, 5, 20, 15, 8, 10)


@dataclass
class World:
    """The objects the pages are requested for; ``grow`` swaps in bigger ones."""

    teacher: object
    student: object
    classroom: object = None
    quiz: object = None  # one question per page, set for the class; results live here
    quiz_all: object = None  # all questions on one page
    attempt_open: object = None  # the student's open attempt at ``quiz``
    attempt_all: object = None  # the student's open attempt at ``quiz_all``
    attempt_done: object = None  # the student's submitted attempt at ``quiz``
    item: object = None
    source_slug: str = "alpha"
    concept_slug: str = "test-committee"


def build_world(teacher, student) -> World:
    """The small world: fixture content, generated and approved, and one class with a quiz."""
    from django.core.management import call_command

    from quizapp.classroom.models import Classroom, Membership

    call_command("loadcontent", str(FIXTURE_CONTENT), stdout=io.StringIO())
    call_command("generate", "--approve", stdout=io.StringIO())
    world = World(teacher=teacher, student=student)
    world.classroom = Classroom.objects.create(teacher=teacher, name="Year 12")
    Membership.objects.create(classroom=world.classroom, student=student)
    _quizzes(world, SMALL, tag="small")
    _study_history(student, SMALL, tag="small")
    world.item = world.quiz.questions.first().item
    return world


def grow(world: World) -> None:
    """Multiply every collection a page lists or aggregates, and point at bigger objects."""
    _library(LARGE)
    _study_history(world.student, LARGE, tag="large")
    _classes(world, LARGE)
    _quizzes(world, LARGE, tag="large")


def _library(sizes: Sizes) -> None:
    from quizapp.library.models import Concept, Mention, Passage, Source

    text = "The drafting committee met again to revise the declaration. "
    # The fixture's reading grows too, so its own page is measured at both sizes.
    alpha = Source.objects.get(slug="alpha")
    Passage.objects.bulk_create(
        Passage(source=alpha, ordinal=100 + n, text=text, folded=text.lower())
        for n in range(sizes.passages_per_source)
    )
    sources = Source.objects.bulk_create(
        Source(slug=f"grown-{n}", title=f"Grown reading {n}", order=10 + n)
        for n in range(sizes.sources)
    )
    passages = list(Passage.objects.filter(source=alpha, ordinal__gte=100))
    passages += Passage.objects.bulk_create(
        Passage(source=source, ordinal=n, text=text, folded=text.lower())
        for source in sources
        for n in range(1, sizes.passages_per_source + 1)
    )
    concepts = Concept.objects.bulk_create(
        Concept(
            slug=f"grown-concept-{n}",
            name=f"Grown committee {n}",
            kind="organization",
            definition="A body that met to revise a text.",
            folded=f"grown committee {n}",
        )
        for n in range(sizes.concepts)
    )
    # Every grown concept is mentioned in every tenth passage, and the fixture's concept in all.
    fixture_concept = Concept.objects.get(slug="test-committee")
    Mention.objects.bulk_create(
        [Mention(passage=p, concept=fixture_concept, start=4, end=22) for p in passages]
        + [
            Mention(passage=p, concept=c, start=4, end=22)
            for c in concepts
            for p in passages[:: max(1, len(passages) // 10)]
        ]
    )


def _study_history(user, sizes: Sizes, tag: str) -> None:
    """Approved items, a due review card for each, and past reviews of every card."""
    from django.utils import timezone

    from bench.seed import seed_items, seed_review_cards, seed_reviews
    from quizapp.bank.models import Item

    template = Item.objects.filter(kind="qa", passage__isnull=False).first()
    now = timezone.now()
    if sizes.items:
        seed_items(sizes.items, template.passage_id, template.start, template.end, prefix=tag)
        seed_review_cards(user.pk, tag, now - dt.timedelta(hours=1))
    if sizes.reviews_per_card:
        # The whole history again: reviews of every card the user holds.
        seed_reviews(user.pk, sizes.reviews_per_card, now)


def _classes(world: World, sizes: Sizes) -> None:
    from django.contrib.auth import get_user_model

    from quizapp.classroom.models import Classroom, Membership

    users = get_user_model().objects.bulk_create(
        get_user_model()(username=f"member-{n}") for n in range(sizes.students * 2)
    )
    Membership.objects.bulk_create(Membership(classroom=world.classroom, student=u) for u in users)
    for n in range(sizes.classes):
        room = Classroom.objects.create(teacher=world.teacher, name=f"Set {n}")
        Membership.objects.bulk_create(Membership(classroom=room, student=u) for u in users[:5])
        # The student is in several classes too, which the study and quiz pages list.
        Membership.objects.create(classroom=room, student=world.student)


def _quizzes(world: World, sizes: Sizes, tag: str) -> None:
    """A quiz per layout with ``sizes.questions`` questions, set for the class; other students'
    submitted attempts; the student's submitted and open attempts; more quizzes besides."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from quizapp.bank.models import Item
    from quizapp.classroom.models import Membership
    from quizapp.generation.kinds import ITEM_KINDS
    from quizapp.quizzes.attempts import attempt_start, attempt_submit
    from quizapp.quizzes.models import Quiz, QuizItem

    answerable = tuple(kind.value for kind in ITEM_KINDS if kind.answer_form in ANSWER_FIELD)
    kinds = ("mcq", "true_false", "qa") if tag == "small" else answerable
    items = list(Item.objects.filter(status="approved", kind__in=kinds).order_by("kind", "pk"))
    if tag == "small":
        items = [next(i for i in items if i.kind == kind) for kind in kinds]
    items = items[: sizes.questions]

    def make(title: str, layout: str) -> Quiz:
        quiz = Quiz.objects.create(
            owner=world.teacher, title=title, layout=layout, attempts_allowed=0
        )
        QuizItem.objects.bulk_create(
            QuizItem(quiz=quiz, item=item, position=n) for n, item in enumerate(items, start=1)
        )
        world.classroom.assignments.create(quiz=quiz)
        return quiz

    world.quiz = make(f"Quiz {tag}", Quiz.Layout.ONE_PER_PAGE)
    world.quiz_all = make(f"Quiz {tag} on one page", Quiz.Layout.ALL_ON_ONE_PAGE)
    others = [
        get_user_model().objects.create_user(f"{tag}-taker-{n}") for n in range(sizes.students - 1)
    ]
    Membership.objects.bulk_create(Membership(classroom=world.classroom, student=u) for u in others)
    for student in [*others, world.student]:
        attempt = attempt_start(quiz=world.quiz, student=student, now=timezone.now())
        _answer_all(attempt)
        attempt_submit(attempt=attempt, now=timezone.now())
    world.attempt_done = attempt
    world.attempt_open = attempt_start(quiz=world.quiz, student=world.student, now=timezone.now())
    _answer_all(world.attempt_open)
    world.attempt_all = attempt_start(
        quiz=world.quiz_all, student=world.student, now=timezone.now()
    )
    _answer_all(world.attempt_all)
    for n in range(sizes.quizzes):
        make(f"Extra {tag} {n}", Quiz.Layout.ONE_PER_PAGE)


def _answer_all(attempt) -> None:
    """Answer every choice and typed question (the first option; the right text)."""
    from django.utils import timezone

    from quizapp.quizzes.answer_fields import AnswerFields
    from quizapp.quizzes.attempts import response_save

    for question in attempt.quiz.questions.select_related("item"):
        field = ANSWER_FIELD.get(question.item.kind_info.answer_form)
        if field is None:
            continue
        first = AnswerFields(attempt.pk, question.pk).option_value(0)
        data = {"choice": first} if field == "choice" else {"text": question.item.answer}
        response_save(attempt=attempt, question=question, data=data, now=timezone.now())


@dataclass
class Page:
    """One request: who makes it, and how (``request`` may look things up first)."""

    name: str
    role: str  # "anonymous", "student" or "teacher"
    request: Callable  # (client, world) -> (method, url, data)
    htmx: bool = False  # sent as htmx sends it (a fragment back rather than a redirect)


def _get(url: str | Callable, **data) -> Callable:
    return lambda client, world: ("get", url(world) if callable(url) else url, data)


def _revealed_back(client, world):
    front = client.get("/study/session/", {"deck": "all"}).content.decode()
    card = re.search(r'name="show" value="(\d+)"', front).group(1)
    return "get", "/study/session/", {"deck": "all", "show": card}


def _review_post(client, world):
    from quizapp.study.models import Card

    front = client.get("/study/session/", {"deck": "all"}).content.decode()
    card = Card.objects.get(pk=re.search(r'name="show" value="(\d+)"', front).group(1))
    data = {"card": card.pk, "version": card.reps, "rating": 3, "deck": "all", "shown_at": 0}
    return "post", "/study/review/", data


PAGES = [
    Page("reader_home", "anonymous", _get("/")),
    Page("source_list", "anonymous", _get("/sources/")),
    Page("source", "anonymous", _get(lambda w: f"/sources/{w.source_slug}/")),
    Page("concept_list", "anonymous", _get("/concepts/")),
    Page("concept", "anonymous", _get(lambda w: f"/concepts/{w.concept_slug}/")),
    Page("search", "anonymous", _get("/search/", q="committee")),
    Page("study_home", "student", _get("/study/")),
    Page("study_session_front", "student", _get("/study/session/", deck="all")),
    Page("study_session_back", "student", _revealed_back),
    # The constant count per review is asserted in tests/study/test_pages.py; here it is printed.
    Page("study_review_post", "student", _review_post, htmx=True),
    Page("study_stats", "student", _get("/study/stats/")),
    Page("bank_list", "teacher", _get("/bank/")),
    Page("bank_item", "teacher", _get(lambda w: f"/bank/{w.item.pk}/")),
    Page("quiz_list_teacher", "teacher", _get("/quizzes/")),
    Page("quiz_list_student", "student", _get("/quizzes/")),
    Page("quiz_edit", "teacher", _get(lambda w: f"/quizzes/{w.quiz.pk}/edit/")),
    Page("quiz_detail", "teacher", _get(lambda w: f"/quizzes/{w.quiz.pk}/")),
    Page("quiz_take", "student", _get(lambda w: f"/quizzes/{w.quiz.pk}/take/")),
    Page(
        "attempt_one_per_page", "student", _get(lambda w: f"/quizzes/attempts/{w.attempt_open.pk}/")
    ),
    Page(
        "attempt_all_on_one_page",
        "student",
        _get(lambda w: f"/quizzes/attempts/{w.attempt_all.pk}/"),
    ),
    Page(
        "attempt_review",
        "student",
        _get(lambda w: f"/quizzes/attempts/{w.attempt_open.pk}/review/"),
    ),
    Page("attempt_result", "student", _get(lambda w: f"/quizzes/attempts/{w.attempt_done.pk}/")),
    Page("quiz_results", "teacher", _get(lambda w: f"/quizzes/{w.quiz.pk}/results/")),
    Page(
        "quiz_attempt_detail",
        "teacher",
        _get(lambda w: f"/quizzes/{w.quiz.pk}/attempts/{w.attempt_done.pk}/"),
    ),
    Page("quiz_results_csv", "teacher", _get(lambda w: f"/quizzes/{w.quiz.pk}/results.csv")),
    Page("classes_teacher", "teacher", _get("/classes/")),
    Page("classes_student", "student", _get("/classes/")),
    Page("class_detail", "teacher", _get(lambda w: f"/classes/{w.classroom.pk}/")),
    Page("account", "student", _get("/accounts/me/")),
    Page("data_download", "student", _get("/accounts/me/data.json")),
]


def count_queries(client, world: World, page: Page) -> int:
    """The queries of one request, after one warm-up request (so first-visit work, such as
    adding new cards or caching content types, is not counted)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _login(client, world, page.role)
    for measured in (False, True):
        method, url, data = page.request(client, world)
        with CaptureQueriesContext(connection) as queries:
            headers = {"HX-Request": "true"} if page.htmx else {}
            response = getattr(client, method)(url, data, headers=headers)
            # A streamed download runs its queries while it is read.
            body = b"".join(response.streaming_content) if response.streaming else b""
        assert response.status_code == 200, (page.name, measured, response.status_code, body[:200])
    return len(queries)


def _login(client, world: World, role: str) -> None:
    client.logout()
    if role != "anonymous":
        client.force_login(getattr(world, role))


def _setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    from bench.in_process import setup_django

    setup_django("queries-bench")
    import logging
    import warnings

    from django.conf import settings

    # Served as they are: the manifest storage would need collectstatic first.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    warnings.filterwarnings("ignore", message="No directory at")
    logging.getLogger("axes").setLevel(logging.WARNING)


def main() -> None:
    _setup_django()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    from quizapp.accounts.roles import teachers_group

    call_command("migrate", verbosity=0)
    users = get_user_model().objects
    teacher = users.create_user("tea", password="bench-pass-1")
    teacher.groups.add(teachers_group())
    student = users.create_user("stu", password="bench-pass-1")
    world = build_world(teacher, student)
    client = Client()
    small = {page.name: count_queries(client, world, page) for page in PAGES}
    grow(world)
    large = {page.name: count_queries(client, world, page) for page in PAGES}
    for page in PAGES:
        print(f"queries_{page.name}_small: {small[page.name]} queries")
        print(f"queries_{page.name}_large: {large[page.name]} queries")
    grown = [name for name in small if large[name] > small[name]]
    print(
        f"pages_whose_queries_grow: {len(grown)} pages"
        + (f" ({', '.join(grown)})" if grown else "")
    )


if __name__ == "__main__":
    main()
