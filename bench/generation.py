"""Benchmark: generate the question bank for the demo content and a corpus 100x larger.

Prints `name: value unit` lines. The large corpus is the demo library copied 100
times, every concept renamed per copy ("Politburo" -> "Politburo Kab") in names,
aliases, passages and facts alike, so that copies are distinct concepts that the
generators and validators treat as real. Run: .venv/bin/python bench/generation.py
"""

from __future__ import annotations

import dataclasses
import io
import os
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django() -> None:
    db = Path(tempfile.mkdtemp()) / "bench.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quizapp.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("loadcontent", stdout=io.StringIO())


def tag(copy: int) -> str:
    letters = "bcdfghjklmnprstvz"
    return "".join(letters[int(d)] for d in f"{copy:03d}").capitalize()


def scaled(library, copies: int):
    """The library ``copies`` times over, with every concept name suffixed per copy."""
    from quizapp.generation.records import Library, MentionIn
    from quizapp.library.mentions import MentionFinder

    names = sorted({n for c in library.concepts.values() for n in c.names}, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)")
    concepts, passages, facts = {}, {}, []
    for copy in range(copies):
        suffix = tag(copy)

        def rename(text: str, suffix: str = suffix) -> str:
            return pattern.sub(lambda m: f"{m.group(1)} {suffix}", text)

        new_concepts = {
            f"{slug}-{copy}": dataclasses.replace(
                c,
                slug=f"{slug}-{copy}",
                name=rename(c.name),
                aliases=tuple(rename(a) for a in c.aliases),
                definition=rename(c.definition),
                related=tuple(f"{r}-{copy}" for r in c.related),
            )
            for slug, c in library.concepts.items()
        }
        finder = MentionFinder({s: c.names for s, c in new_concepts.items()})
        concepts.update(new_concepts)
        for (source, ordinal), p in library.passages.items():
            text = rename(p.text)
            mentions = tuple(MentionIn(s, a, b) for s, a, b in finder.find(text))
            passages[f"{source}-{copy}", ordinal] = dataclasses.replace(
                p, source=f"{source}-{copy}", text=text, mentions=mentions
            )
        for f in library.facts:
            old = library.passages[f.source, f.passage].text
            new_text = passages[f"{f.source}-{copy}", f.passage].text
            # The span moves with the renaming: find the renamed span text again.
            span = rename(old[f.start : f.end])
            start = new_text.find(span)
            facts.append(
                dataclasses.replace(
                    f,
                    slug=f"{f.slug}-{copy}",
                    statement=rename(f.statement),
                    question=rename(f.question),
                    answer=rename(f.answer),
                    source=f"{f.source}-{copy}",
                    start=start,
                    end=start + len(span),
                    answer_concept=f"{f.answer_concept}-{copy}" if f.answer_concept else "",
                    said_by=f"{f.said_by}-{copy}" if f.said_by else "",
                    concepts=tuple(f"{c}-{copy}" for c in f.concepts),
                )
            )
    return Library(concepts=concepts, passages=passages, facts=facts)


def measure(name: str, library) -> float:
    from quizapp.generation.pipeline import generate_bank

    started = time.perf_counter()
    result = generate_bank(library, seed=0)
    elapsed = time.perf_counter() - started
    items = len(result.items)
    print(f"{name}_facts: {len(library.facts)} facts")
    print(f"{name}_items: {items} items")
    print(f"{name}_rejected: {sum(result.rejected.values())} items")
    print(f"{name}_time: {elapsed:.3f} s")
    print(f"{name}_items_per_second: {items / elapsed:.0f} items/s")
    return elapsed


def main() -> None:
    setup_django()
    from quizapp.bank.library_input import load_library

    library = load_library()
    demo = measure("demo", library)
    ten = measure("x10", scaled(library, 10))
    hundred = measure("x100", scaled(library, 100))
    # Linear growth means time per fact stays flat as the corpus grows.
    print(f"time_ratio_x10_vs_demo: {ten / demo:.1f} x")
    print(f"time_ratio_x100_vs_x10: {hundred / ten:.1f} x")
    print(f"demo_under_1s: {int(demo < 1.0)} bool")
    print(f"x100_under_60s: {int(hundred < 60.0)} bool")


if __name__ == "__main__":
    main()
