"""Each seed article imports with real names among its candidates and valid items."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.bank.library_input import load_library
from quizapp.bank.models import Item
from quizapp.exchange.article_import import import_article
from quizapp.exchange.article_text import read_article
from quizapp.exchange.candidates import propose
from quizapp.generation.pipeline import generate_bank
from quizapp.generation.validators import Validator

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
# Names each seed certainly contains (read from the seeds; their text stays out of the repo).
EXPECTED = {
    "000": {"Directive 24", "Politburo", "Ben Swanton", "Carlyle Thayer", "Joe Biden",
            "Xi Jinping", "Project88", "University of New South Wales"},
    "004": {"Nguyen Phu Trong", "Xi Jinping", "Human Rights Watch", "Phil Robertson",
            "Freedom House", "Shanghai Cooperation Organization", "Group 72",
            "Nguyen Xuan Thang", "Truong Ho Hai", "Au Thi Tam Minh", "Tsinghua University"},
}  # fmt: skip
JUNK = {"Despite", "However", "Meanwhile", "The", "Last", "September", "According", "Chinese",
        "Regarding", "Strictly", "Let", "Feb", "TW", "Former"}  # fmt: skip


def test_seed_folder_is_where_the_tests_expect_it():
    if not SEEDS.is_dir():
        pytest.skip(f"no seed folder at {SEEDS}")
    assert SEED_FILES, f"{SEEDS} holds no .txt article"


@pytest.mark.django_db
@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
def test_seed_article_imports_with_names_and_valid_items(path):
    passages = read_article(path.read_bytes(), path.name)
    assert len(passages) >= 5
    proposal = propose(passages)
    names = {c.name for c in proposal.concepts}
    assert len(names) >= 15
    assert EXPECTED.get(path.name[:3], set()) <= names
    assert not names & JUNK
    # Mostly real names and terms: few single lowercase words, no sentence-initial words.
    assert sum(" " in n or n[0].isupper() for n in names) >= 0.9 * len(names)
    for candidate in proposal.concepts:
        assert candidate.definition
    report = import_article(
        title=f"Seed {path.stem}",
        url="",
        passages=passages,
        concepts=proposal.concepts,
        facts=proposal.facts,
    )
    assert report.source.passages.count() == len(passages)
    assert len(report.concepts) == len(proposal.concepts)
    items = Item.objects.filter(passage__source=report.source)
    assert items.count() >= len(report.concepts) // 2
    # A proposed definition is the naming sentence, blanked: no card asks it back or under it.
    assert not items.filter(kind="definition", answer__contains="_____").exists()
    assert not items.filter(kind="reverse", prompt__contains="_____").exists()
    # Every item in the bank is one the generator produces now and the validators accept.
    library = load_library()
    result = generate_bank(library)
    produced = {i.key: i for i in result.items}
    validator = Validator(library)
    for item in items:
        assert item.key in produced
        assert validator.reasons(produced[item.key]) == []
        assert produced[item.key].prompt == item.prompt
