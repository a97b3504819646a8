"""An attempt's deadline is read from its quiz as the quiz is set now, so the stored copy
goes; and an attempt records whether its missed questions have become flashcards, which
every attempt submitted before now has (they were carded on submission)."""

from django.db import migrations, models


def mark_submitted_as_carded(apps, schema_editor):
    apps.get_model("quizzes", "Attempt").objects.filter(submitted_at__isnull=False).update(
        missed_carded=True
    )


class Migration(migrations.Migration):
    dependencies = [
        ("quizzes", "0002_one_open_attempt"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="attempt",
            name="deadline",
        ),
        migrations.AddField(
            model_name="attempt",
            name="missed_carded",
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(mark_submitted_as_carded, migrations.RunPython.noop),
    ]
