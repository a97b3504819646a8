"""A small library of plain records, enough for every generator to produce its kind."""

from __future__ import annotations

import datetime as dt

import pytest

from quizapp.generation.records import ConceptIn, FactIn, Library, MentionIn, PassageIn
from quizapp.library.mentions import MentionFinder

PEOPLE = {
    "ben-swanton": (
        "Ben Swanton",
        ("Swanton",),
        "Co-director of a rights group who read the order as a harsher line.",
    ),
    "carlyle-thayer": (
        "Carlyle Thayer",
        ("Thayer",),
        "Emeritus professor who saw continuity, not a new wave.",
    ),
    "phil-robertson": (
        "Phil Robertson",
        ("Robertson",),
        "Asia deputy director at a rights watchdog.",
    ),
    "xi-jinping": ("Xi Jinping", ("Xi",), "China's leader, who won a third term in 2022."),
    "nguyen-phu-trong": (
        "Nguyễn Phú Trọng",
        ("Nguyen Phu Trong",),
        "General secretary who visited Beijing.",
    ),
}
ORGS = {
    "politburo": ("Politburo", (), "The Party's top decision-making body."),
    "project88": ("Project88", (), "A rights group that campaigns on Vietnam."),
    "freedom-house": ("Freedom House", (), "A nonpartisan group that rates freedom worldwide."),
    "human-rights-watch": ("Human Rights Watch", ("HRW",), "An international rights watchdog."),
    "national-assembly": ("National Assembly", (), "Vietnam's legislature."),
}
TERMS = {
    "directive-24": (
        "Directive 24",
        (),
        "A leaked order warning of foreign influence.",
        "document",
    ),
    "constitution-2013": (
        "2013 Constitution",
        (),
        "The charter adopted at the end of that year.",
        "document",
    ),
    "joint-declaration": (
        "Joint Declaration",
        (),
        "The statement both parties issued in 2022.",
        "document",
    ),
}

TEXTS = [
    (
        "leak",
        "Directive 24 came from the Politburo. Ben Swanton of Project88 said it shows a "
        "harsher line against activists. Carlyle Thayer disagreed and saw continuity. "
        "Phil Robertson of Human Rights Watch called the Joint Declaration a threat.",
    ),
    (
        "leak",
        "Freedom House warned about autocracy in 2021. Xi Jinping won a third term in 2022. "
        "Nguyễn Phú Trọng visited Beijing in 2022 and signed the Joint Declaration.",
    ),
    (
        "history",
        "Group proposals reached the National Assembly in 2013, which adopted the 2013 "
        "Constitution without them. Vietnam joined the council for a term from 2023, and "
        "planned a curriculum by 2025. Project88 had 18 campaigns.",
    ),
    (
        "history",
        "The reformers first drafted a petition, then gathered signatures, then sent the "
        "draft to the legislature, and finally published the reply online.",
    ),
]


def _concepts() -> dict[str, ConceptIn]:
    concepts = {}
    for slug, (name, aliases, definition) in PEOPLE.items():
        concepts[slug] = ConceptIn(slug, name, "person", aliases, definition)
    for slug, (name, aliases, definition) in ORGS.items():
        concepts[slug] = ConceptIn(slug, name, "organization", aliases, definition)
    for slug, (name, aliases, definition, kind) in TERMS.items():
        concepts[slug] = ConceptIn(slug, name, kind, aliases, definition)
    return concepts


def fact(passages, slug, statement, answer, kind, source, ordinal, quote, **extra) -> FactIn:
    text = passages[source, ordinal].text
    start = text.index(quote)
    return FactIn(
        slug=slug,
        statement=statement,
        answer=answer,
        answer_kind=kind,
        source=source,
        passage=ordinal,
        start=start,
        end=start + len(quote),
        **extra,
    )


@pytest.fixture
def library() -> Library:
    concepts = _concepts()
    finder = MentionFinder({c.slug: c.names for c in concepts.values()})
    passages = {}
    counters: dict[str, int] = {}
    for source, text in TEXTS:
        counters[source] = counters.get(source, 0) + 1
        mentions = tuple(MentionIn(s, a, b) for s, a, b in finder.find(text))
        passages[source, counters[source]] = PassageIn(
            source, counters[source], text, source.title(), mentions
        )
    p = passages
    facts = [
        fact(
            p,
            "d24-issuer",
            "Directive 24 was issued by the Politburo.",
            "Politburo",
            "organization",
            "leak",
            1,
            "Directive 24 came from the Politburo",
            question="Which body issued Directive 24?",
            answer_concept="politburo",
            concepts=("directive-24", "politburo"),
        ),
        fact(
            p,
            "swanton-harsher",
            "Ben Swanton said Directive 24 shows a harsher line.",
            "Ben Swanton",
            "person",
            "leak",
            1,
            "Ben Swanton of Project88 said it shows a harsher line",
            question="Who said the directive shows a harsher line?",
            answer_concept="ben-swanton",
            said_by="ben-swanton",
            concepts=("ben-swanton", "directive-24"),
        ),
        fact(
            p,
            "thayer-continuity",
            "Carlyle Thayer saw continuity rather than a new wave.",
            "Carlyle Thayer",
            "person",
            "leak",
            1,
            "Carlyle Thayer disagreed and saw continuity",
            answer_concept="carlyle-thayer",
            said_by="carlyle-thayer",
            concepts=("carlyle-thayer",),
        ),
        fact(
            p,
            "xi-third-term",
            "Xi Jinping won a third term in 2022.",
            "2022",
            "year",
            "leak",
            2,
            "Xi Jinping won a third term in 2022",
            question="In which year did Xi win a third term?",
            concepts=("xi-jinping",),
            date=dt.date(2022, 10, 1),
            date_precision="month",
        ),
        fact(
            p,
            "fh-warning",
            "Freedom House warned about autocracy in 2021.",
            "2021",
            "year",
            "leak",
            2,
            "Freedom House warned about autocracy in 2021",
            concepts=("freedom-house",),
            date=dt.date(2021, 1, 1),
            date_precision="year",
        ),
        fact(
            p,
            "constitution-adopted",
            "The National Assembly adopted the 2013 Constitution in 2013.",
            "National Assembly",
            "organization",
            "history",
            1,
            "National Assembly in 2013, which adopted the 2013 Constitution",
            question="Which body adopted the new charter?",
            answer_concept="national-assembly",
            concepts=("national-assembly", "constitution-2013"),
            date=dt.date(2013, 12, 1),
            date_precision="month",
        ),
        fact(
            p,
            "council-term",
            "Vietnam's council term began in 2023.",
            "2023",
            "year",
            "history",
            1,
            "a term from 2023",
            question="When did the council term begin?",
            concepts=("national-assembly",),
            date=dt.date(2023, 1, 1),
            date_precision="year",
        ),
        fact(
            p,
            "curriculum-2025",
            "Vietnam planned a curriculum by 2025.",
            "2025",
            "year",
            "history",
            1,
            "planned a curriculum by 2025",
            concepts=("national-assembly",),
            date=dt.date(2025, 1, 1),
            date_precision="year",
        ),
        fact(
            p,
            "p88-campaigns",
            "Project88 had 18 campaigns.",
            "18",
            "number",
            "history",
            1,
            "Project88 had 18 campaigns",
            question="How many campaigns did the group have?",
            number=18,
            concepts=("project88",),
        ),
        fact(
            p,
            "reform-steps",
            "The reformers drafted a petition, gathered signatures, sent the draft to the "
            "legislature and published the reply.",
            "",
            "phrase",
            "history",
            2,
            "drafted a petition, then gathered signatures, then sent the draft to the "
            "legislature, and finally published the reply",
            question="What steps did the reformers take?",
            members=(
                "drafted a petition",
                "gathered signatures",
                "sent the draft",
                "published the reply",
            ),
            distractors=("staged a strike", "sued the ministry", "formed a party"),
            ordered=True,
            concepts=("national-assembly",),
        ),
    ]
    return Library(concepts=concepts, passages=passages, facts=facts)
