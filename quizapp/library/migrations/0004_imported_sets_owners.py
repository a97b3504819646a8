"""Give the term lists and GIFT files imported before sets had owners their importer.

The importer wrote "… imported … by USERNAME on DD Month YYYY (format)." into the summary;
that user becomes the owner, and the set's item keys gain the owner's id as new imports'
keys have it, so the owner's next import of the same file updates these items (and
learners' cards keep their history). A set whose importer is gone stays without an owner:
nobody's import can change it any more.
"""

import re

from django.conf import settings
from django.db import migrations

IMPORTER = re.compile(r" by (\S+) on \d{1,2} \w+ \d{4} \(")


def _importer(source, users):
    found = IMPORTER.findall(source.summary)
    return users.filter(username=found[-1]).first() if found else None


def give_owners(apps, schema_editor):
    Source = apps.get_model("library", "Source")
    Item = apps.get_model("bank", "Item")
    users = apps.get_model(*settings.AUTH_USER_MODEL.split("."))._default_manager
    imported = Source.objects.filter(
        slug__startswith="import-", from_content=False, imported_by=None
    ).exclude(kind="article")
    for source in imported:
        owner = _importer(source, users)
        if owner is None:
            continue
        source.imported_by = owner
        source.save(update_fields=["imported_by"])
        items = Item.objects.filter(passage__source=source, key__regex=r"^import:[0-9a-f]+$")
        for item in items:
            item.key = item.key.replace("import:", f"import:{owner.pk}:", 1)
            item.save(update_fields=["key"])


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0003_source_imported_by"),
        ("bank", "0004_item_study_card"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(give_owners, migrations.RunPython.noop)]
