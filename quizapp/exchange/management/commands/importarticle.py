"""python manage.py importarticle FILE --title TITLE [--url URL] [--accept]"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quizapp.exchange.article_import import import_article, source_slug
from quizapp.exchange.article_text import MAX_BYTES, ArticleError, read_article
from quizapp.exchange.candidates import propose


class Command(BaseCommand):
    help = (
        "Import an article (UTF-8 plain text, Markdown or a saved HTML page) as a source, "
        "with the concepts and facts (years, numbers, listed points, reported claims) proposed "
        "from its text. Without --accept it "
        "only lists what it would create: a command line has no form to confirm each "
        "proposal, so review the list, then re-run with --accept to save all of them (or use "
        "the teacher's import page to pick and edit them one by one)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The article file (.txt, .md or .html), UTF-8.")
        parser.add_argument("--title", required=True, help="The source's title.")
        parser.add_argument("--url", default="", help="Where the article was published.")
        parser.add_argument(
            "--accept",
            action="store_true",
            help="Save the source and every proposed concept and fact, then regenerate the bank.",
        )

    def handle(self, *args, file: str, title: str, url: str, accept: bool, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        if path.stat().st_size > MAX_BYTES:
            raise CommandError(f"{file} is larger than the {MAX_BYTES:,}-byte limit.")
        try:
            passages = read_article(path.read_bytes(), path.name, title)
            source_slug(title)
            proposal = propose(passages)
            if not accept:
                self._show(passages, proposal)
                return
            report = import_article(
                title=title,
                url=url,
                passages=passages,
                concepts=proposal.concepts,
                facts=proposal.facts,
            )
        except ArticleError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Created source “{report.source.title}” ({report.source.slug}) with "
            f"{len(passages)} passages."
        )
        self.stdout.write(f"Created {len(report.concepts)} concepts:")
        for concept in report.concepts:
            self.stdout.write(f"  {concept.name} ({concept.kind}) [{concept.slug}]")
        if report.reused:
            names = ", ".join(c.name for c in report.reused)
            self.stdout.write(f"Already in the library, linked instead: {names}")
        self.stdout.write(f"Created {report.facts} facts.")
        self.stdout.write(
            f"Generated {report.items} items for this source, status “generated”: "
            "review them in the question bank."
        )

    def _show(self, passages, proposal) -> None:
        self.stdout.write(f"{len(passages)} passages.")
        self.stdout.write(f"{len(proposal.concepts)} candidate concepts (name, kind, aliases):")
        for c in proposal.concepts:
            aliases = f" — also {', '.join(c.aliases)}" if c.aliases else ""
            self.stdout.write(f"  {c.name} ({c.kind}){aliases}")
        self.stdout.write(
            f"{len(proposal.facts)} candidate facts (years, numbers, listed points, claims):"
        )
        for f in proposal.facts:
            self.stdout.write(f"  [{f.found_as}, {f.kind}] {f.label}")
        self.stdout.write(
            "Nothing was saved. Re-run with --accept to save all of these, or use the import "
            "page to choose and edit them."
        )
