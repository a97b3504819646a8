"""A NUL character anywhere in a request is refused with a 400 page, and nothing changes.

PostgreSQL cannot hold a NUL in text: each of these was a 500 (DataError) there, and the
walk at the end puts a NUL into every path segment, query parameter and form field of every
URL the permission matrix knows, as a visitor, a student and a teacher. Run it on
PostgreSQL (DATABASE_URL=postgres://...) as well as SQLite.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from quizapp.bank.models import Item
from quizapp.classroom.models import Membership
from quizapp.exchange.models import ArticleDraft
from quizapp.library.models import Source
from quizapp.quizzes.models import Quiz, Response
from quizapp.study.models import Card, Review
from tests.hardening.conftest import URL_NAMES
from tests.hardening.test_permission_matrix import RULES, _data, url_of

pytestmark = pytest.mark.django_db
NUL = "\x00"
COUNTED = (Item, Source, Quiz, Response, Card, Review, Membership, ArticleDraft)


def _client(world: dict, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world["users"][role])
    return client


def _refused(response) -> bool:
    return response.status_code == 400 and b"NUL character" in response.content


def _counts() -> dict:
    return {model.__name__: model.objects.count() for model in COUNTED}


def test_a_search_for_nul_is_refused_for_a_visitor(db):
    response = Client().get("/search/?q=%00")
    assert _refused(response)
    assert "Bad request" in response.text


@pytest.mark.parametrize(
    ("method", "name", "field"),
    [
        ("get", "study:session", None),
        ("post", "study:review", None),
        ("post", "study:undo", None),
        ("get", "exchange:export", "csv"),
    ],
)
def test_a_deck_with_nul_is_refused(world, method, name, field):
    client = _client(world, "student")
    url = reverse(name, args=[field] if field else [])
    response = getattr(client, method)(url, {"deck": "source:a\x00b"})
    assert _refused(response)


def test_join_and_share_links_with_nul_are_refused(world):
    client = _client(world, "student")
    assert _refused(client.get("/classes/join/a%00b/"))
    assert _refused(client.post("/classes/join/a%00b/"))
    assert _refused(client.get("/quizzes/shared/%00/"))


def test_the_builders_item_search_refuses_nul(world):
    quiz = world["args"]["quiz"]
    response = _client(world, "teacher").get(reverse("quizzes:search", args=[quiz]), {"q": NUL})
    assert _refused(response)


def test_a_typed_answer_with_nul_is_refused_and_not_saved(world):
    attempt, question = world["args"]["attempt"], world["args"]["question"]
    before = _counts()
    url = reverse("quizzes:answer", args=[attempt, question])
    response = _client(world, "student").post(url, {"text": "Đổi\x00Mới", "choice": "a\x00"})
    assert _refused(response)
    assert _counts() == before


def test_a_pasted_article_with_nul_is_refused(world):
    url = reverse("exchange:article_upload")
    before = _counts()
    response = _client(world, "teacher").post(url, {"title": "T", "text": "One\x00two."})
    assert _refused(response)
    assert _counts() == before


def test_a_nul_in_a_cookie_or_header_is_refused(world):
    client = _client(world, "student")
    client.cookies["sessionid"] = "abcdefgh\x00"
    assert _refused(client.get(reverse("study:home")))
    user_agent = Client(headers={"user-agent": "bot\x00"})
    assert _refused(user_agent.post(reverse("login"), {"username": "x", "password": "y"}))


def _with_nul_in_each_segment(url: str):
    path, _, query = url.partition("?")
    segments = path.split("/")
    for index, segment in enumerate(segments):
        if segment:
            changed = [*segments[:index], segment + "%00", *segments[index + 1 :]]
            yield "/".join(changed) + (f"?{query}" if query else "")


def _with_nul_in_each_query_value(url: str):
    path, _, query = url.partition("?")
    pairs = [pair.split("=", 1) for pair in query.split("&") if pair] + [["q", ""]]
    for index in range(len(pairs)):
        changed = [f"{k}={v}%00" if i == index else f"{k}={v}" for i, (k, v) in enumerate(pairs)]
        yield f"{path}?{'&'.join(changed)}"


def _with_nul_in_each_field(data: dict):
    fields = {**data, "text": ""}
    for key in fields:
        yield {**fields, key: f"{fields[key]}{NUL}"}
    yield {**fields, f"x{NUL}": "1"}


@pytest.mark.parametrize("role", ["anonymous", "student", "teacher"])
def test_nul_in_every_parameter_of_every_url_is_refused(world, role):
    client = _client(world, role)
    before = _counts()
    not_refused = []
    for name in URL_NAMES:
        rule, url = RULES[name], url_of(name, world)
        data = _data(rule, world)
        requests = [("get", variant, {}) for variant in _with_nul_in_each_segment(url)]
        requests += [("get", variant, {}) for variant in _with_nul_in_each_query_value(url)]
        requests += [("post", variant, data) for variant in _with_nul_in_each_segment(url)]
        requests += [("post", url, variant) for variant in _with_nul_in_each_field(data)]
        for method, target, fields in requests:
            response = getattr(client, method)(target, fields)
            if not _refused(response):
                status = response.status_code
                not_refused.append(f"{method.upper()} {target!r} {fields!r}: {status}")
    assert not not_refused, f"{len(not_refused)} not refused:\n" + "\n".join(not_refused[:40])
    assert _counts() == before
