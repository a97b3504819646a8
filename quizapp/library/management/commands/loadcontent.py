"""python manage.py loadcontent [PATH] [--check] [--prune]: validate, then load the study
material."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from quizapp.library.content.checks import check_content
from quizapp.library.content.reader import read_content
from quizapp.library.content.sync import sync_content, unpruned_deletions


class Command(BaseCommand):
    help = "Validate content/ (readings, concepts, facts) and load it in one transaction."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(settings.CONTENT_DIR))
        parser.add_argument("--check", action="store_true", help="Only validate; write nothing.")
        parser.add_argument(
            "--prune",
            action="store_true",
            help="Let an empty facts file delete its reading's facts.",
        )

    def handle(self, *args, path: str, check: bool, prune: bool, **options):
        bundle, problems = read_content(Path(path))
        problems += check_content(bundle)
        if not prune:
            problems += unpruned_deletions(bundle)
        if problems:
            for problem in sorted(problems, key=lambda p: (p.file, p.line)):
                self.stderr.write(str(problem))
            raise CommandError(f"{len(problems)} problem(s) found; nothing was loaded.")
        counts = (
            f"{len(bundle.sources)} sources, "
            f"{sum(len(s.passages) for s in bundle.sources)} passages, "
            f"{len(bundle.concepts)} concepts, {len(bundle.facts)} facts, "
            f"{len(bundle.mentions)} mentions"
        )
        if check:
            self.stdout.write(f"Content is valid: {counts}.")
            return
        report = sync_content(bundle)
        if not report.changed:
            self.stdout.write(f"No changes: {counts} already up to date.")
            return
        for label, counter in (
            ("created", report.created),
            ("updated", report.updated),
            ("deleted", report.deleted),
        ):
            if +counter:
                parts = ", ".join(f"{n} {what}" for what, n in sorted(counter.items()) if n)
                self.stdout.write(f"{label.capitalize()}: {parts}")
        self.stdout.write(self.style.SUCCESS(f"Loaded {counts}."))
