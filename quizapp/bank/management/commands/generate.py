"""python manage.py generate [--json FILE] [--seed N]: rebuild the question bank."""

import json

from django.core.management.base import BaseCommand

from quizapp.bank.library_input import load_library
from quizapp.bank.models import Item
from quizapp.bank.regeneration import sync_bank
from quizapp.generation.kinds import KIND_VALUES
from quizapp.generation.pipeline import generate_bank


class Command(BaseCommand):
    help = "Generate and validate every item from the library, and update the bank in place."

    def add_arguments(self, parser):
        parser.add_argument(
            "--json", dest="json_path", metavar="FILE", help="Also write each item as a JSON line."
        )
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument(
            "--approve",
            action="store_true",
            help="Approve every item not yet reviewed (for a demo; teachers approve otherwise).",
        )

    def handle(self, *args, json_path=None, seed: int = 0, approve: bool = False, **options):
        result = generate_bank(load_library(), seed=seed)
        report = sync_bank(result)
        if approve:
            approved = Item.objects.filter(status=Item.Status.GENERATED).update(
                status=Item.Status.APPROVED
            )
            self.stdout.write(f"Approved {approved} items.")
        self.stdout.write("Items per kind:")
        for kind in KIND_VALUES:
            self.stdout.write(f"  {kind:<13} {result.counts.get(kind, 0)}")
        self.stdout.write(f"  {'total':<13} {len(result.items)}")
        self.stdout.write("Rejected per reason:")
        for reason, count in sorted(result.rejected.items()) or [("none", 0)]:
            self.stdout.write(f"  {reason:<30} {count}")
        self.stdout.write(
            f"Bank: {report.created} created, {report.updated} updated, "
            f"{report.unchanged} unchanged, {report.retired} retired, {report.restored} restored, "
            f"{report.unapproved} reworded and back to review."
        )
        if json_path:
            self._write_json(json_path, result)

    def _write_json(self, path: str, result) -> None:
        with open(path, "w", encoding="utf-8") as out:
            for item in result.items:
                out.write(json.dumps(item.as_json(), ensure_ascii=False, sort_keys=True) + "\n")
        self.stdout.write(f"Wrote {len(result.items)} items to {path}.")
