"""An imported set belongs to the teacher who imported it; another's same title is separate."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from quizapp.bank.models import Item
from quizapp.exchange.list_import import import_term_list
from quizapp.library.models import Source

pytestmark = pytest.mark.django_db
TITLE = "Vietnam terms"


def import_list(user, content: str, title: str = TITLE):
    client = Client()
    client.force_login(user)
    upload = SimpleUploadedFile("terms.txt", content.encode())
    data = {"format": "quizlet", "title": title, "file": upload}
    return client.post(reverse("exchange:import"), data)


def answers_of(user) -> dict[str, tuple[str, bool]]:
    # By key: a retired item has lost its passage (a re-import replaces them).
    items = Item.objects.filter(key__startswith=f"import:{user.pk}:")
    return {item.prompt: (item.answer, item.retired_at is None) for item in items}


def test_another_teachers_list_with_the_same_title_leaves_the_first_alone(teacher, other_teacher):
    import_list(teacher, "Politburo\tThe party's top body\nDoi Moi\tThe 1986 reforms\n")
    mine = answers_of(teacher)
    response = import_list(other_teacher, "Politburo\tA vegetable soup\n")
    assert response.status_code == 302
    assert answers_of(teacher) == mine  # not rewritten, nothing retired
    assert answers_of(other_teacher) == {"Politburo": ("A vegetable soup", True)}
    sources = Source.objects.filter(title=TITLE)
    assert {source.imported_by for source in sources} == {teacher, other_teacher}
    assert len({source.slug for source in sources}) == 2


def test_a_reimport_by_the_same_teacher_updates_their_set(teacher, other_teacher):
    import_list(other_teacher, "Politburo\tA vegetable soup\n")
    import_list(teacher, "Politburo\tThe top body\nDoi Moi\tThe 1986 reforms\n")
    first = Item.objects.get(passage__source__imported_by=teacher, prompt="Politburo")
    import_list(teacher, "Politburo\tThe party's top body\n")
    first.refresh_from_db()
    assert first.answer == "The party's top body"
    assert answers_of(teacher)["Doi Moi"] == ("The 1986 reforms", False)  # retired
    assert Source.objects.filter(imported_by=teacher).count() == 1
    assert answers_of(other_teacher) == {"Politburo": ("A vegetable soup", True)}


def test_a_set_imported_before_owners_is_given_to_its_importer(teacher):
    result = import_term_list("Politburo\tThe top body\n", title=TITLE, user=teacher, header=False)
    item = Item.objects.get(passage__source=result.source)
    # As the importer left it before sets had owners.
    Source.objects.filter(pk=result.source.pk).update(imported_by=None)
    Item.objects.filter(pk=item.pk).update(key=item.key.replace(f":{teacher.pk}:", ":"))
    migration = importlib.import_module("quizapp.library.migrations.0004_imported_sets_owners")
    migration.give_owners(apps, None)
    import_list(teacher, "Politburo\tThe party's top body\n")
    item.refresh_from_db()
    assert item.answer == "The party's top body" and item.retired_at is None
    assert Source.objects.get().imported_by == teacher
