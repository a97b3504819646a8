"""python manage.py export {anki,csv,gift} --out FILE [--source SLUG | --concept SLUG]."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quizapp.exchange.exporting import DELIMITERS, FORMATS, build_export
from quizapp.study.decks import EVERYTHING, Deck, parse_deck


class Command(BaseCommand):
    help = (
        "Export the approved items as an Anki package (anki), a Quizlet term list (csv: "
        "term<TAB>definition, or CSV with a header using --delimiter comma) or Moodle GIFT (gift)."
    )

    def add_arguments(self, parser):
        parser.add_argument("format", choices=FORMATS)
        parser.add_argument(
            "--out", required=True, metavar="FILE", help="Where to write; - for stdout (csv, gift)."
        )
        deck = parser.add_mutually_exclusive_group()
        deck.add_argument("--source", metavar="SLUG", help="Only the items of this reading.")
        deck.add_argument("--concept", metavar="SLUG", help="Only the items of this concept.")
        parser.add_argument(
            "--delimiter", choices=sorted(DELIMITERS), default="tab", help="For csv (default tab)."
        )
        parser.add_argument(
            "--base-url",
            default="",
            metavar="URL",
            help="Site address, e.g. https://quiz.example.org, to make source links absolute.",
        )

    def handle(self, *args, format: str, out: str, source=None, concept=None, **options):
        if format == "anki" and out == "-":
            raise CommandError("An Anki package is binary: give a file with --out, not -.")
        deck = self._deck(source, concept)
        export = build_export(
            format, deck, delimiter=options["delimiter"], base_url=options["base_url"]
        )
        if out == "-":
            self.stdout.write(export.content.decode(), ending="")
            # The counts go to stderr, so a piped export holds only the export.
            self.stderr.write(export.summary())
            return
        try:
            Path(out).write_bytes(export.content)
        except OSError as error:
            raise CommandError(f"Cannot write {out}: {error.strerror}.") from error
        self.stdout.write(f"{export.summary()[:-1]} to {out}.")

    def _deck(self, source: str | None, concept: str | None) -> Deck:
        """The chosen deck; an unknown slug stops the command before anything is written."""
        if source is None and concept is None:
            return EVERYTHING
        kind, slug = ("source", source) if source is not None else ("concept", concept)
        deck = parse_deck(f"{kind}:{slug}")
        if deck is None:
            raise CommandError(f"No {kind} with the slug {slug!r}.")
        return deck
