"""Whatever teachers, admins, students or imported files write is shown as text, never run.

Each test writes a list of XSS payloads into the fields of one area (directly in the
database where the admin or a teacher's form is the write path, through the import page
for imported files), opens every page that shows them in Chromium and checks that no
payload ran, none became markup, each is visible as text, and the page carries a CSP.
"""

from __future__ import annotations

import io
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from quizapp.accounts.roles import teachers_group
from quizapp.bank.models import Item
from quizapp.classroom.models import Classroom, Membership
from quizapp.library.models import Concept, Fact, Mention, Passage, Source
from quizapp.quizzes.attempts import attempt_start, attempt_submit, response_save
from quizapp.quizzes.models import Quiz, QuizItem

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAYLOADS = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=1">',
    "<img src=x onerror=alert(1)>",
    '"><svg onload=window.__xss=1>',
    "'><svg/onload=window.__xss=1>",
    "{{ 7*7 }}",
    "{% debug %}",
    "</textarea><script>window.__xss=1</script>",
    "</title><script>window.__xss=1</script>",
    '<div hx-on:load="window.__xss=1" hx-get="/" hx-trigger="load">x</div>',
    '<a href="javascript:window.__xss=1">link</a>',
    '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
]
ALL = " ".join(PAYLOADS)
MARK = "zqx"  # a word the search finds in every field that holds a payload
JS_URL = "javascript:window.__xss=1"
# A valid-looking address that tries to break out of the href attribute.
ATTRIBUTE_URL = 'https://example.org/"><svg onload=window.__xss=1>'


# Elements the payloads would create if any were rendered as markup.
INJECTED = r"""() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    if (['SCRIPT', 'IFRAME'].includes(el.tagName) && el.outerHTML.includes('__xss')) {
      found.push(el.outerHTML);
    }
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      const handler = name.startsWith('on') || name.startsWith('hx-')
        || name.startsWith('data-hx-') || name === 'srcdoc';
      const link = ['href', 'src', 'action', 'formaction'].includes(name)
        && /^\s*javascript:/i.test(attr.value);
      if ((handler && attr.value.includes('__xss')) || link) {
        found.push(el.outerHTML.slice(0, 200));
      }
    }
  }
  return found;
}"""


# Fields with a length limit get the payloads that fit in 120 characters; PostgreSQL,
# unlike SQLite, refuses a longer value.
SHORT = '<script>window.__xss=1</script>"><svg onload=window.__xss=1>'
LIMITED = {"title", "author", "original", "outlet", "name", "user", "quiz", "class", "alias"}


def evil(tag: str) -> str:
    """Every payload in one field (those that fit, where the field has a length limit),
    led by a tag that says which field it is."""
    return f"{MARK}-{tag} {SHORT if tag in LIMITED else ALL}"


def start(text: str) -> str:
    """What survives where a page shortens the field (truncatechars:50 and up)."""
    return text[:45]


@pytest.fixture
def bank(transactional_db, content_dir):
    call_command("loadcontent", str(content_dir), stdout=io.StringIO())
    call_command("generate", "--approve", stdout=io.StringIO())


@pytest.fixture
def library(transactional_db, content_dir):
    call_command("loadcontent", str(content_dir), stdout=io.StringIO())


@pytest.fixture
def dialogs(page):
    opened: list[str] = []

    def dismiss(dialog):
        opened.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    return opened


@pytest.fixture
def log_in(page, live_server):
    """Put a session cookie for ``user`` in the browser, as logging in would."""

    def enter(user) -> None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        page.context.clear_cookies()
        page.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
        )

    return enter


def make_teacher(django_user_model, username: str = "teach"):
    user = django_user_model.objects.create_user(username, password="teach-pass-2024")
    user.groups.add(teachers_group())
    return user


def check_page(page, dialogs, url: str | None, *texts: str) -> None:
    """Open url (or check the page as it is), then: CSP sent, nothing ran, texts shown as text."""
    if url is not None:
        response = page.goto(url)
        assert response is not None and response.status == 200, url
        policy = response.headers.get("content-security-policy", "")
        assert "script-src" in policy and "'unsafe-inline'" not in policy, (url, policy)
        assert "'unsafe-eval'" not in policy, (url, policy)
    page.wait_for_load_state("load")
    where = url or page.url
    assert page.evaluate("typeof window.__xss") == "undefined", where
    assert page.evaluate(INJECTED) == [], where
    assert dialogs == [], where
    shown = page.evaluate("document.title + '\\n' + document.body.textContent")
    for text in texts:
        assert text in shown, (where, text[:40])
    # A payload that became markup would be refused by the CSP and logged as an error.
    assert page.js_errors == [], (where, page.js_errors)


@pytest.mark.parametrize(
    "body",
    [
        "<p>" + PAYLOADS[0] + "</p>",  # runs
        '<meta http-equiv="Content-Security-Policy" content="script-src \'none\'">'
        + PAYLOADS[1],  # blocked by the CSP, but markup all the same
        '<p hx-on:load="window.__xss=1">quiet</p>',
    ],
)
def test_the_check_catches_a_payload_rendered_as_markup(page, dialogs, body):
    page.set_content(
        f"<!doctype html><html><head><title>t</title></head><body>{body}</body></html>"
    )
    with pytest.raises(AssertionError):
        check_page(page, dialogs, None, *[p for p in PAYLOADS if p in body])


def test_admin_written_library_fields_render_as_text(
    bank, page, dialogs, log_in, django_user_model
):
    passage = Passage.objects.filter(mentions__isnull=False).order_by("pk").first()
    source = passage.source
    Source.objects.filter(pk=source.pk).update(
        title=evil("title"),
        summary=evil("summary"),
        citation=evil("citation"),
        author=evil("author"),
        original_title=evil("original"),
        outlet=evil("outlet"),
        url=ATTRIBUTE_URL,
    )
    # Appended, so the spans of mentions and items earlier in the passage stay valid.
    passage.text = f"{passage.text} {evil('passage')}"
    passage.refold()
    passage.save()
    concept = Mention.objects.filter(passage=passage).first().concept
    Concept.objects.filter(pk=concept.pk).update(
        name=evil("name"),
        definition=evil("definition"),
        explanation=evil("explanation"),
        aliases=[evil("alias")],
        folded=f"{concept.folded} {MARK}",
    )
    fact = Fact.objects.filter(passage__source=source).order_by("pk").first()
    Fact.objects.filter(pk=fact.pk).update(statement=evil("statement"))
    fact.concepts.add(concept)
    log_in(make_teacher(django_user_model))

    check_page(page, dialogs, "/", evil("title"))
    check_page(page, dialogs, "/sources/", evil("title"), evil("citation"))
    check_page(
        page,
        dialogs,
        source.get_absolute_url(),
        evil("title"),
        evil("summary"),
        evil("author"),
        evil("original"),
        evil("outlet"),
        evil("passage"),
    )
    link = page.get_by_role("link", name=evil("original"))
    assert link.get_attribute("href") == ATTRIBUTE_URL
    check_page(page, dialogs, "/concepts/", evil("name"))
    check_page(
        page,
        dialogs,
        concept.get_absolute_url(),
        evil("name"),
        evil("definition"),
        evil("explanation"),
        evil("alias"),
        evil("statement"),
        evil("passage"),
    )
    check_page(page, dialogs, f"/search/?q={MARK}", evil("name"), evil("passage"))
    check_page(page, dialogs, "/bank/", evil("title"), evil("name"))
    # The query itself is echoed back into the search box and the heading.
    reflected = '"><svg onload=window.__xss=1></textarea><script>window.__xss=1</script>'
    check_page(page, dialogs, f"/search/?q={quote(reflected)}", reflected)
    assert page.get_by_role("searchbox").input_value() == reflected


def test_teacher_written_items_render_as_text_in_bank_and_study(
    bank, page, dialogs, log_in, django_user_model
):
    Item.objects.update(
        teacher_prompt=evil("prompt"),
        teacher_answer=evil("answer"),
        teacher_explanation=evil("explanation"),
    )
    item = Item.objects.filter(kind="qa").order_by("pk").first()
    log_in(make_teacher(django_user_model))
    check_page(page, dialogs, "/bank/", start(evil("prompt")), start(evil("answer")))
    check_page(page, dialogs, f"/bank/?q={MARK}", start(evil("prompt")))
    check_page(
        page, dialogs, f"/bank/{item.pk}/", evil("prompt"), evil("answer"), evil("explanation")
    )
    assert page.get_by_label("Prompt").input_value() == evil("prompt")

    log_in(django_user_model.objects.create_user("learner", password="learn-pass-2024"))
    check_page(page, dialogs, "/study/session/?deck=all", evil("prompt"))
    typed = page.locator("#typed").count() == 1
    if typed:
        page.locator("#typed").fill(ALL)  # echoed back with the answer
    page.locator("#reveal").click()
    page.locator("#grade-good").wait_for()
    shown = [evil("prompt"), evil("answer"), evil("explanation"), *([ALL] if typed else [])]
    check_page(page, dialogs, None, *shown)


def test_quiz_class_and_username_fields_render_as_text(
    bank, page, dialogs, log_in, django_user_model
):
    teacher = make_teacher(django_user_model)
    student = django_user_model.objects.create_user(evil("user"), password="x")
    Item.objects.update(teacher_prompt=evil("prompt"), teacher_explanation=evil("explanation"))
    quiz = Quiz.objects.create(owner=teacher, title=evil("quiz"), description=evil("about"))
    for position, kind in enumerate(("mcq", "true_false", "qa"), start=1):
        item = Item.objects.filter(kind=kind, status="approved").order_by("pk").first()
        QuizItem.objects.create(quiz=quiz, item=item, position=position)
    room = Classroom.objects.create(teacher=teacher, name=evil("class"))
    Membership.objects.create(classroom=room, student=student)
    room.assignments.create(quiz=quiz)

    log_in(student)
    check_page(page, dialogs, "/classes/", evil("class"), evil("user"))
    check_page(page, dialogs, f"/quizzes/{quiz.pk}/take/", evil("quiz"), evil("about"))
    attempt = attempt_start(quiz=quiz, student=student, now=timezone.now())
    check_page(page, dialogs, f"/quizzes/attempts/{attempt.pk}/", evil("quiz"), evil("prompt"))
    qa = quiz.questions.get(position=3)
    response_save(attempt=attempt, question=qa, data={"text": ALL}, now=timezone.now())
    attempt_submit(attempt=attempt, now=timezone.now())
    check_page(page, dialogs, f"/quizzes/attempts/{attempt.pk}/", evil("quiz"), evil("prompt"), ALL)

    log_in(teacher)
    check_page(page, dialogs, "/classes/", evil("class"))
    check_page(page, dialogs, room.get_absolute_url(), evil("class"), evil("user"), evil("quiz"))
    check_page(page, dialogs, "/quizzes/", evil("quiz"))
    check_page(page, dialogs, f"/quizzes/{quiz.pk}/", evil("quiz"))
    check_page(page, dialogs, f"/quizzes/{quiz.pk}/edit/", evil("quiz"), evil("prompt"))
    check_page(
        page,
        dialogs,
        f"/quizzes/{quiz.pk}/results/",
        evil("quiz"),
        evil("user"),
        start(evil("prompt")),
    )
    check_page(
        page,
        dialogs,
        f"/quizzes/{quiz.pk}/attempts/{attempt.pk}/",
        evil("prompt"),
        ALL,  # the student's typed answer
    )
    check_page(
        page, dialogs, f"/quizzes/{quiz.pk}/print/", evil("quiz"), evil("about"), evil("prompt")
    )


def test_an_imported_term_list_renders_as_text(
    bank, page, dialogs, log_in, django_user_model, tmp_path
):
    terms = [f"{MARK}-term{n} {payload}" for n, payload in enumerate(PAYLOADS)]
    definitions = [
        f"{MARK}-definition{n} {payload} means danger" for n, payload in enumerate(PAYLOADS)
    ]
    upload = tmp_path / "evil.txt"
    upload.write_text("".join(f"{t}\t{d}\n" for t, d in zip(terms, definitions, strict=True)))
    title = f"{MARK}-set {PAYLOADS[0]} {PAYLOADS[3]}"
    log_in(make_teacher(django_user_model))
    page.goto("/exchange/import/")
    page.locator("#id_format").select_option("quizlet")
    page.get_by_label("Set title").fill(title)
    page.get_by_label("File").set_input_files(str(upload))
    page.get_by_role("button", name="Import").click()
    page.wait_for_load_state("load")
    source = Source.objects.get(title=title)
    imported = Item.objects.filter(passage__source=source).order_by("pk")
    assert imported.count() == len(PAYLOADS)
    check_page(page, dialogs, None)
    check_page(page, dialogs, source.get_absolute_url(), title, *terms, *definitions)
    check_page(page, dialogs, f"/bank/?q={MARK}-term", start(terms[0]))
    check_page(page, dialogs, f"/bank/{imported.first().pk}/", title)
    check_page(page, dialogs, f"/search/?q={MARK}", title)
    check_page(page, dialogs, f"/study/session/?deck=source:{source.slug}")
    page.locator("#reveal").click()
    page.locator("#grade-good").wait_for()
    check_page(page, dialogs, None)


def js_source(source: Source) -> None:
    Source.objects.filter(pk=source.pk).update(url=JS_URL, original_title="The article")


def test_a_javascript_source_address_cannot_run(library, page, dialogs):
    source = Source.objects.order_by("pk").first()
    js_source(source)
    # The admin's form refuses the address; one written behind its back is blocked by the CSP.
    with pytest.raises(ValidationError):
        Source.objects.get(pk=source.pk).full_clean()
    response = page.goto(source.get_absolute_url())
    assert "script-src" in response.headers.get("content-security-policy", "")
    # Not even a link: the page cites the original without one.
    expect(page.get_by_role("link", name="The article")).to_have_count(0)
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert dialogs == []


def test_a_javascript_source_address_is_not_linked(library, page):
    source = Source.objects.order_by("pk").first()
    js_source(source)
    page.goto(source.get_absolute_url())
    assert page.locator('a[href^="javascript:" i]').count() == 0
