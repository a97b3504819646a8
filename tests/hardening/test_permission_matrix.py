"""Who gets what from every URL: six roles × GET and POST, against a rule per URL name.

The URL names come from the URL conf (get_resolver, walked recursively), so a view added
later without a rule in RULES fails test_every_url_has_a_rule. The Django admin is left out
of the walk and checked on its own: staff get in, everyone else is sent to its login page.

The world is real (the `world` fixture in conftest.py): "teacher" owns a class with
"student" in it, a quiz set for that class with an open attempt and a submitted attempt by
the student, and an article draft; "student" has study cards. "other_student" and
"other_teacher" own nothing of it, and "staff" (a superuser) is a teacher who owns nothing
of it either.

Refusals are exact: a visitor is sent to log in, a wrong role gets 403, someone else's
object is a 404 (so an id says nothing about what exists), a wrong method is a 405. The
roles allowed in may get any of a small set of statuses, since a POST of minimal data can
be a redirect, a page or a form error depending on the view.
"""

from __future__ import annotations

from functools import partial

import pytest
from django.test import Client
from django.urls import reverse

from tests.hardening.conftest import URL_NAMES

# The owners come last: their POSTs may change the world (a submitted attempt, a removed
# member), and every refusal must be checked against the world as it was built.
ROLES = ("anonymous", "other_student", "other_teacher", "staff", "student", "teacher")

LOGIN = "login"  # 302 to the login page
PAGE = 200
GONE = 404
NO = 403
WRONG_METHOD = 405
# What a POST of minimal data may get from someone allowed in: a redirect after success,
# the page again, or a form error.
ACCEPTED = frozenset({200, 302, 400})


def everyone(expected) -> dict:
    return dict.fromkeys(ROLES, expected)


def public(expected=PAGE) -> dict:
    return everyone(expected)


def logged_in(expected=PAGE) -> dict:
    return {**everyone(expected), "anonymous": LOGIN}


def teachers(expected=PAGE) -> dict:
    """teacher_required: students 403; every teacher, and staff, in."""
    return {
        **everyone(expected),
        "anonymous": LOGIN,
        "student": NO,
        "other_student": NO,
    }


def teacher_owned(expected=PAGE) -> dict:
    """teacher_required, then only the owner of the quiz, class or draft; other teachers and
    staff get a 404."""
    return {
        "anonymous": LOGIN,
        "student": NO,
        "other_student": NO,
        "teacher": expected,
        "other_teacher": GONE,
        "staff": GONE,
    }


def student_owned(expected=PAGE) -> dict:
    """Only the student whose attempt or card it is; everyone else, the quiz's owner
    included, gets a 404."""
    return {**everyone(GONE), "anonymous": LOGIN, "student": expected}


def get_only(expected: dict) -> dict:
    return {"get": expected, "post": everyone(WRONG_METHOD)}


def post_only(expected: dict) -> dict:
    return {"get": everyone(WRONG_METHOD), "post": expected}


# URL name → its arguments (keys into the world), an optional query string, optional POST
# data, and the expected status per method and role.
RULES: dict[str, dict] = {
    "healthz": get_only(public()),
    "home": get_only(public()),
    # Library: the reader is public.
    "library:sources": get_only(public()),
    "library:source": {"args": ["source"], **get_only(public())},
    "library:concepts": get_only(public()),
    "library:concept": {"args": ["concept"], **get_only(public())},
    "library:search": {"query": "q=the", **get_only(public())},
    # Accounts: sign up is for visitors; a logged-in user is sent on to study.
    # (A POST with no fields at all is shown the blank form, like a GET: the view binds
    # the form to `request.POST or None`; one empty field makes it a bound, invalid form.)
    "signup": {
        "data": {"username": ""},
        "get": {**everyone(302), "anonymous": PAGE},
        "post": {**everyone(302), "anonymous": 400},
    },
    "account": get_only(logged_in()),
    "account_data": get_only(logged_in()),
    # An empty POST is refused for a missing password; nobody's account goes.
    "account_delete": post_only(logged_in(400)),
    # Django's own auth views.
    "login": {"get": public(), "post": public()},
    "logout": {"get": everyone(WRONG_METHOD), "post": everyone(302)},
    "password_change": {"get": logged_in(), "post": logged_in()},
    "password_change_done": {"get": logged_in(), "post": logged_in(WRONG_METHOD)},
    "password_reset": {"get": public(), "post": public()},
    "password_reset_done": {"get": public(), "post": public(WRONG_METHOD)},
    # A valid link is swapped for the set-password page, whoever follows it.
    "password_reset_confirm": {
        "args": ["reset_uid", "reset_token"],
        "get": public(302),
        "post": public(302),
    },
    "password_reset_complete": {"get": public(), "post": public(WRONG_METHOD)},
    # Bank: one shared bank for every teacher.
    "bank:list": get_only(teachers()),
    "bank:regeneration": get_only(teachers()),
    "bank:item": {"args": ["item"], **get_only(teachers())},
    "bank:edit": {"args": ["item"], **post_only(teachers(ACCEPTED))},
    "bank:status": {"args": ["item"], **post_only(teachers(ACCEPTED))},
    # Study: every logged-in user studies their own cards.
    "study:home": get_only(logged_in()),
    "study:session": {"query": "deck=all", **get_only(logged_in())},
    "study:review": post_only(logged_in(400)),
    "study:undo": {"data": {"deck": "all"}, **post_only(logged_in(302))},
    "study:suspend": {
        "args": ["card"],
        "data": {"deck": "all"},
        **post_only(student_owned(302)),
    },
    "study:bury": {"args": ["card"], "data": {"deck": "all"}, **post_only(student_owned(302))},
    "study:stats": get_only(logged_in()),
    "study:settings": {"get": logged_in(), "post": logged_in(ACCEPTED)},
    "study:settings_saved": get_only(logged_in()),
    # Classes: teachers run them, anyone logged in may join one by code or link.
    "classroom:classes": get_only(logged_in()),
    "classroom:create": post_only(teachers(302)),
    "classroom:detail": {"args": ["classroom"], **get_only(teacher_owned())},
    "classroom:remove_member": {
        "args": ["classroom", "member"],
        **post_only(teacher_owned(302)),
    },
    "classroom:join": post_only(logged_in(302)),
    # The join code is the capability: whoever has the link may see the class and join it.
    "classroom:join_link": {"args": ["join_code"], "get": logged_in(), "post": logged_in(302)},
    # Quizzes: built by their owners, taken by the students of the classes they are set for.
    "quizzes:list": get_only(logged_in()),
    "quizzes:new": {"get": teachers(), "post": teachers(ACCEPTED)},
    "quizzes:detail": {"args": ["quiz"], **get_only(teacher_owned())},
    "quizzes:edit": {"args": ["quiz"], **get_only(teacher_owned())},
    "quizzes:settings": {"args": ["quiz"], **post_only(teacher_owned(ACCEPTED))},
    "quizzes:assign": {"args": ["quiz"], **post_only(teacher_owned(ACCEPTED))},
    "quizzes:search": {"args": ["quiz"], **get_only(teacher_owned())},
    "quizzes:add": {
        "args": ["quiz"],
        "data_args": {"item": "addable"},
        **post_only(teacher_owned(ACCEPTED)),
    },
    "quizzes:change": {
        "args": ["quiz", "question", "action"],
        **post_only(teacher_owned(ACCEPTED)),
    },
    "quizzes:results": {"args": ["quiz"], **get_only(teacher_owned())},
    "quizzes:results_csv": {"args": ["quiz"], **get_only(teacher_owned())},
    "quizzes:attempt_detail": {"args": ["done_quiz", "done"], **get_only(teacher_owned())},
    "quizzes:print": {"args": ["quiz"], **get_only(teacher_owned())},
    # The class's students and the quiz's owner (trying it out) may take it.
    "quizzes:take": {
        "args": ["quiz"],
        **get_only({**student_owned(PAGE), "teacher": PAGE}),
    },
    "quizzes:begin": {"args": ["quiz"], **post_only({**student_owned(302), "teacher": 302})},
    # The share token is the capability: anyone logged in with the link may take the quiz.
    "quizzes:shared": {"args": ["share_token"], **get_only(logged_in())},
    "quizzes:attempt": {"args": ["attempt"], **get_only(student_owned())},
    "quizzes:review": {"args": ["attempt"], **get_only(student_owned())},
    "quizzes:finish": {"args": ["attempt"], **post_only(student_owned(302))},
    "quizzes:answer": {"args": ["attempt", "question"], **post_only(student_owned(ACCEPTED))},
    # Exchange: imports for teachers, exports for anyone logged in.
    "exchange:article_upload": {"get": teachers(), "post": teachers(400)},
    "exchange:article_review": {
        "args": ["draft"],
        "get": teacher_owned(),
        "post": teacher_owned(ACCEPTED),
    },
    "exchange:import": {"get": teachers(), "post": teachers(400)},
    "exchange:export": {"args": ["export_format"], "query": "deck=all", **get_only(logged_in())},
}


def url_of(name: str, world: dict) -> str:
    """The URL of ``name`` with the world's objects as its arguments, and its query string."""
    rule = RULES[name]
    url = reverse(name, args=[world["args"][key] for key in rule.get("args", [])])
    return f"{url}?{rule['query']}" if rule.get("query") else url


def _client_for(world: dict, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world["users"][role])
    return client


def _data(rule: dict, world: dict) -> dict:
    """The POST data: fixed values, and fields naming a world object (an item to add)."""
    fields = {key: world["args"][arg] for key, arg in rule.get("data_args", {}).items()}
    return {**rule.get("data", {}), **fields}


def _matches(response, expected) -> bool:
    if expected == LOGIN:
        return response.status_code == 302 and response.url.startswith(reverse("login"))
    if isinstance(expected, frozenset):
        return response.status_code in expected
    return response.status_code == expected


def test_the_walk_finds_every_app():
    # A guard for the walk itself: if it found nothing, the matrix would pass vacuously.
    for name in ("home", "library:source", "bank:edit", "study:review", "classroom:detail"):
        assert name in URL_NAMES
    for name in ("quizzes:answer", "exchange:export", "account_delete", "password_change"):
        assert name in URL_NAMES
    assert not [name for name in URL_NAMES if name.startswith("admin:")]


def test_every_url_has_a_rule():
    missing = [name for name in URL_NAMES if name not in RULES]
    assert not missing, f"URLs without a permission rule: {missing}"


def test_every_rule_names_a_url():
    # A rule for a URL that no longer exists would silently test nothing.
    stale = [name for name in RULES if name not in URL_NAMES]
    assert not stale, f"rules for URLs that are gone: {stale}"


def test_every_rule_covers_every_role_and_method():
    for name, rule in RULES.items():
        for method in ("get", "post"):
            assert set(rule[method]) == set(ROLES), (name, method)
            # Only a role let in may get a set of statuses; a refusal is exact.
            for role, expected in rule[method].items():
                assert expected != frozenset() and (expected != LOGIN or role == "anonymous"), (
                    name,
                    method,
                    role,
                )


@pytest.mark.django_db
@pytest.mark.parametrize("name", URL_NAMES)
def test_the_matrix(world, name):
    rule = RULES[name]
    url = url_of(name, world)
    wrong = []
    for role in ROLES:
        for method in ("get", "post"):
            client = _client_for(world, role)
            # Both go to the same URL, query string included; a POST also sends form data.
            send = client.get if method == "get" else partial(client.post, data=_data(rule, world))
            response = send(url)
            expected = rule[method][role]
            if not _matches(response, expected):
                got = response.status_code
                where = f" → {response.url}" if got in (301, 302) else ""
                wrong.append(f"{method.upper()} as {role}: expected {expected}, got {got}{where}")
    assert not wrong, f"{name} ({url}):\n" + "\n".join(wrong)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_the_admin_is_for_staff_only(world, role):
    response = _client_for(world, role).get(reverse("admin:index"))
    if role == "staff":
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))
