"""Benchmark: how good the generated items are, by the item-writing rules, not by their count.

Prints `name: value unit` lines for the built-in bank and for each article imported in the
run: flaws per 100 candidate items by rule (what the checker rejected), items and study
cards per fact, the share of prompts that another item repeats, the share of multiple-choice
items whose options are all of one kind, and the True/False balance.

    .venv/bin/python bench/item_quality.py [ARTICLE ...]

Articles default to the seed articles in ../shared/seeds when they are there. Read the items
themselves too (`manage.py generate --json`): counts do not tell a teacher's verdict.
"""

from __future__ import annotations

import io
import re
import sys
from collections import Counter
from pathlib import Path

from in_process import ROOT, setup_django

SEEDS = ROOT.parent / "shared" / "seeds"


def main(articles: list[Path]) -> None:
    setup_django("item_quality")
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("loadcontent", stdout=io.StringIO())
    report("builtin", lambda source: True)
    for number, path in enumerate(articles, start=1):
        title = f"Imported article {number}"
        call_command("importarticle", str(path), title=title, accept=True, stdout=io.StringIO())
        from quizapp.library.models import Source

        slug = Source.objects.get(title=title).slug
        report(f"article_{number}", lambda source, slug=slug: source == slug)


def report(name: str, wanted) -> None:
    from quizapp.bank.library_input import load_library
    from quizapp.generation.flaws import RULES, FlawContext, flaws
    from quizapp.generation.pipeline import candidates, generate_bank
    from quizapp.generation.validators import Validator

    library = load_library()
    validator, context = Validator(library), FlawContext(library)
    proposed = [item for item in candidates(library) if wanted(item.source)]
    rejected = Counter()
    for item in proposed:
        rejected.update(validator.reasons(item) + flaws(context, item))
    items = [item for item in generate_bank(library).items if wanted(item.source)]
    facts = {item.fact for item in items if item.fact}
    per_100 = 100 / max(1, len(proposed))
    line(f"{name}_candidates", len(proposed), "items")
    line(f"{name}_items", len(items), "items")
    for rule in sorted(set(RULES) | set(rejected)):
        line(
            f"{name}_rejected_per_100_{rule.replace('-', '_')}", rejected[rule] * per_100, "per 100"
        )
    line(f"{name}_facts", len(facts), "facts")
    line(f"{name}_items_per_fact", _per(sum(1 for i in items if i.fact), len(facts)), "items")
    study = Counter(item.fact for item in items if item.fact and item.study_card)
    line(f"{name}_study_cards_per_fact", _per(sum(study.values()), len(facts)), "cards")
    prompts = Counter(item.prompt for item in items)
    repeated = sum(n for n in prompts.values() if n > 1)
    line(f"{name}_items_sharing_a_prompt", 100 * _per(repeated, len(items)), "%")
    mcq = [item for item in items if item.kind == "mcq"]
    one_kind = sum(_one_kind(context, item) for item in mcq)
    line(f"{name}_mcq_options_of_one_kind", 100 * _per(one_kind, len(mcq)), "%")
    line(f"{name}_mcq_authored_options", 100 * _per(sum(_authored(i) for i in mcq), len(mcq)), "%")
    claims = Counter(item.answer for item in items if item.kind == "true_false")
    line(f"{name}_true_claims", claims["True"], "items")
    line(f"{name}_false_claims", claims["False"], "items")
    line(f"{name}_kinds", len({item.kind for item in items}), "kinds")


def _one_kind(context, item) -> bool:
    """Every option is of one class: a concept of one kind and role, a year, a figure, a
    date, or (where an author wrote them) a phrase."""
    from quizapp.library.folding import fold

    def cls(option: str) -> tuple:
        concept = context.concept_of_name.get(fold(option))
        if concept is not None:
            return ("concept", concept.kind, concept.role)
        if re.fullmatch(r"\d{4}", option):
            return ("year",)
        if re.fullmatch(r"[\d,.]+", option):
            return ("figure",)
        return ("phrase",)

    classes = {cls(o) for o in item.options}
    return len(classes) == 1 or (_authored(item) and ("phrase",) in classes)


def _authored(item) -> bool:
    return bool(item.extra.get("authored"))


def _per(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def line(name: str, value: float, unit: str) -> None:
    shown = f"{value:.2f}" if isinstance(value, float) else str(value)
    print(f"{name}: {shown} {unit}")


if __name__ == "__main__":
    given = [Path(a) for a in sys.argv[1:]]
    main(given or (sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []))
