"""The teacher's import pages: upload, review, confirm; and who may use them."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from quizapp.bank.models import Item
from quizapp.exchange.models import ArticleDraft
from quizapp.library.models import Concept, Source
from tests.exchange.test_article_import import ARTICLE

pytestmark = pytest.mark.django_db
UPLOAD = reverse("exchange:article_upload")
ARTICLE_BYTES = ARTICLE.encode()


def upload(client, title="The Delta Accord", data=ARTICLE_BYTES, name="delta.txt"):
    return client.post(UPLOAD, {"title": title, "url": "", "file": SimpleUploadedFile(name, data)})


def review_data(page_context, **changes) -> dict:
    """The review form as the browser would post it, every proposal as shown."""
    formset = page_context["formset"]
    data = {f"{formset.prefix}-{k}": v for k, v in formset.management_form.initial.items()}
    for form in formset.forms:
        for name in ("name", "kind", "aliases", "definition"):
            data[form[name].html_name] = form[name].value()
        if form["include"].value():
            data[form["include"].html_name] = "on"
    data["facts"] = [str(i) for i in page_context["facts_form"]["facts"].value() or []]
    data.update(changes)
    return data


def test_anonymous_users_are_sent_to_log_in(client):
    response = client.get(UPLOAD)
    assert response.status_code == 302 and "/login" in response["Location"]


def test_students_are_forbidden(client, student):
    client.force_login(student)
    assert client.get(UPLOAD).status_code == 403
    assert upload(client).status_code == 403
    assert not ArticleDraft.objects.exists()


def test_upload_review_and_confirm_imports_the_article(client, teacher):
    client.force_login(teacher)
    page = client.get(UPLOAD)
    assert page.status_code == 200 and b'enctype="multipart/form-data"' in page.content
    response = upload(client)
    draft = ArticleDraft.objects.get(owner=teacher)
    assert response["Location"] == reverse("exchange:article_review", args=[draft.pk])
    review = client.get(response["Location"])
    assert review.status_code == 200
    assert b"Human Rights Watch" in review.content and b"Generating items" in review.content
    data = review_data(review.context)
    # The teacher unticks the first candidate and renames another.
    first = review.context["formset"].forms[0]
    data.pop(first["include"].html_name)
    marsh = next(f for f in review.context["formset"].forms if f["name"].value() == "Elena Marsh")
    data[marsh["name"].html_name] = "Dr Elena Marsh"
    data[marsh["aliases"].html_name] = "Marsh; Elena Marsh"
    done = client.post(response["Location"], data, follow=True)
    source = Source.objects.get(slug="the-delta-accord")
    assert done.redirect_chain[-1][0] == source.get_absolute_url()
    assert not Concept.objects.filter(name=first["name"].value()).exists()
    assert Concept.objects.filter(name="Dr Elena Marsh", aliases=["Marsh", "Elena Marsh"]).exists()
    items = Item.objects.filter(passage__source=source)
    assert items.exists()
    message = str(next(iter(done.context["messages"])))
    assert f"{items.count()} items" in message and "bank" in message
    assert "?source=the-delta-accord" in message
    assert not ArticleDraft.objects.exists()


def test_htmx_confirm_gets_a_client_redirect(client, teacher):
    client.force_login(teacher)
    review_url = upload(client)["Location"]
    data = review_data(client.get(review_url).context)
    response = client.post(review_url, data, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response["HX-Redirect"] == Source.objects.get().get_absolute_url()


def test_tick_none_clears_every_box_and_keeps_edits(client, teacher):
    client.force_login(teacher)
    review_url = upload(client)["Location"]
    context = client.get(review_url).context
    first = context["formset"].forms[0]
    data = review_data(context, action="none")
    data[first["name"].html_name] = "Renamed"
    response = client.post(review_url, data)
    assert response.status_code == 200
    forms = response.context["formset"].forms
    assert not any(f["include"].value() for f in forms)
    assert forms[0]["name"].value() == "Renamed"
    assert not Source.objects.exists()
    # Importing with nothing ticked still makes the source, with no new concept.
    data = review_data(response.context)
    client.post(review_url, data)
    assert Source.objects.filter(slug="the-delta-accord").exists()
    assert not Concept.objects.exists()


def test_a_definition_that_names_its_concept_is_refused(client, teacher):
    client.force_login(teacher)
    review_url = upload(client)["Location"]
    context = client.get(review_url).context
    form = context["formset"].forms[0]
    data = review_data(context)
    data[form["definition"].html_name] = f"{form['name'].value()} is important."
    response = client.post(review_url, data)
    assert response.status_code == 400
    assert b"must not name it" in response.content
    assert not Source.objects.exists() and not Concept.objects.exists()


def test_a_forged_number_of_forms_is_refused(client, teacher):
    client.force_login(teacher)
    review_url = upload(client)["Location"]
    context = client.get(review_url).context
    data = review_data(context, **{"concept-TOTAL_FORMS": "500"})
    assert client.post(review_url, data).status_code == 400
    assert not Source.objects.exists()


def test_another_teachers_draft_is_not_found(client, teacher, django_user_model):
    other = django_user_model.objects.create_user("other", password="pw-other-1")
    other.groups.add(*teacher.groups.all())
    draft = ArticleDraft.objects.create(owner=other, title="Theirs", text="A passage. " * 30)
    client.force_login(teacher)
    url = reverse("exchange:article_review", args=[draft.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "import"}).status_code == 404
    assert ArticleDraft.objects.filter(pk=draft.pk).exists() and not Source.objects.exists()


@pytest.mark.parametrize(
    ("post", "message"),
    [
        ({"title": "T", "text": ""}, b"Upload a file or paste the text"),
        ({"title": "T", "text": "   "}, b"Upload a file or paste the text"),
        ({"title": "!!!", "text": "Some text here. " * 20}, b"letters or digits"),
    ],
)
def test_bad_uploads_show_the_form_again(client, teacher, post, message):
    client.force_login(teacher)
    response = client.post(UPLOAD, post)
    assert response.status_code == 400 and message in response.content
    assert not ArticleDraft.objects.exists()


def test_undecodable_file_is_refused(client, teacher):
    client.force_login(teacher)
    response = upload(client, data=b"caf\xe9 " * 50)
    assert response.status_code == 400 and b"UTF-8" in response.content
    assert not ArticleDraft.objects.exists()


def test_pasted_text_works_too(client, teacher):
    client.force_login(teacher)
    response = client.post(UPLOAD, {"title": "Pasted", "text": ARTICLE})
    assert response.status_code == 302
    assert len(ArticleDraft.objects.get().passages) == 4


def test_a_taken_title_is_refused_at_upload(client, teacher):
    Source.objects.create(slug="the-delta-accord", title="Other")
    client.force_login(teacher)
    response = upload(client)
    assert response.status_code == 400 and b"already exists" in response.content


def test_proposals_are_computed_once_at_upload_not_on_each_review(client, teacher, monkeypatch):
    client.force_login(teacher)
    upload(client)
    draft = ArticleDraft.objects.get(owner=teacher)
    stored = draft.proposal
    assert any(c["name"] == "Human Rights Watch" for c in stored["concepts"])

    def no_proposing(passages):
        raise AssertionError("the review page proposed again")

    monkeypatch.setattr("quizapp.exchange.article_views.propose", no_proposing)
    review = client.get(reverse("exchange:article_review", args=[draft.pk]))
    assert review.status_code == 200 and b"Human Rights Watch" in review.content
    response = client.post(
        reverse("exchange:article_review", args=[draft.pk]), review_data(review.context)
    )
    assert response.status_code == 302
    assert Source.objects.filter(title="The Delta Accord").exists()


def test_the_upload_page_states_the_size_limits(client, teacher):
    client.force_login(teacher)
    page = client.get(UPLOAD).content.decode()
    assert "1.0\xa0MB" in page and "150,000 characters" in page
