"""Read content/ into records, reporting malformed files and fields with their lines."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path
from typing import Any

from django.db import models

from quizapp.library.content.limits import limit_problem
from quizapp.library.content.records import (
    ConceptRecord,
    ContentBundle,
    FactRecord,
    PartialDate,
    PassageRecord,
    Problem,
    SourceRecord,
)
from quizapp.library.content.yamlfile import LinedDict, YamlError, load_yaml
from quizapp.library.kinds import ANSWER_KINDS, CONCEPT_KINDS
from quizapp.library.models import Concept, Fact, Passage, Source
from quizapp.text_files import NotUtf8Text, decode_text

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
# The longest reading is about 15 kB; a file far past that is a mistake, not a reading.
MAX_FILE_BYTES = 1_000_000

SOURCE_FIELDS = {"title": True, "order": False, "summary": False, "cites": True}
CITES_FIELDS = {"title": True, "outlet": True, "published": True, "url": False}
CONCEPT_FIELDS = {
    "slug": True,
    "name": True,
    "kind": True,
    "aliases": False,
    "definition": True,
    "explanation": False,
    "related": False,
    "role": False,
}
FACT_FIELDS = {
    "slug": True,
    "statement": True,
    "question": False,
    "answer": False,  # a list fact's answer is its members
    "answer_concept": False,
    "answer_kind": False,
    "concepts": True,
    "passage": True,
    "quote": True,
    "date": False,
    "number": False,
    "said_by": False,
    "distractors": False,
    "members": False,
    "ordered": False,
}


class _FileReader:
    """Collects the problems of one file while reading its fields."""

    def __init__(self, path: Path, root: Path, problems: list[Problem]):
        self.path = path
        self.name = str(path.relative_to(root.parent) if root.parent in path.parents else path)
        self.problems = problems

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.name, line, message))

    def check_fields(self, data: LinedDict, spec: dict[str, bool], what: str) -> bool:
        ok = True
        for key in data:
            if key not in spec:
                self.problem(data.line_of(key), f"unknown field '{key}' in {what}")
                ok = False
        for key, required in spec.items():
            if required and (key not in data or data[key] in (None, "", [])):
                self.problem(data.line, f"missing field '{key}' in {what}")
                ok = False
        return ok

    def text(self, data: LinedDict, key: str, field: models.Field | None = None) -> str:
        value = data.get(key)
        if value is None:
            return ""
        if not isinstance(value, str | int | float):
            self.problem(data.line_of(key), f"'{key}' must be text")
            return ""
        return self.fitting(data, key, " ".join(str(value).split()), field)

    def fitting(self, data: LinedDict, key: str, value, field: models.Field | None):
        """``value``, with a problem reported if the database column cannot hold it."""
        problem = limit_problem(field, value) if field is not None else None
        if problem:
            self.problem(data.line_of(key), f"'{key}' {problem}")
        return value

    def text_list(self, data: LinedDict, key: str) -> list[str]:
        value = data.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(data.line_of(key), f"'{key}' must be a list of text")
            return []
        return [" ".join(v.split()) for v in value]

    def integer(self, data: LinedDict, key: str, field: models.Field) -> int | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(data.line_of(key), f"'{key}' must be a whole number, not {value!r}")
            return None
        if limit_problem(field, value):
            self.fitting(data, key, value, field)
            return None
        return value

    def slug(self, data: LinedDict, field: models.Field, key: str = "slug") -> str:
        value = self.text(data, key, field)
        if value and not SLUG_RE.match(value):
            self.problem(data.line_of(key), f"bad slug '{value}': use a-z, 0-9 and hyphens")
        return value

    def date(self, data: LinedDict, key: str) -> PartialDate | None:
        value = data.get(key)
        if value is None or value == "":
            return None
        parsed = parse_partial_date(str(value))
        if parsed is None:
            self.problem(data.line_of(key), f"bad date '{value}': use YYYY, YYYY-MM or YYYY-MM-DD")
        return parsed

    def load(self, text: str, line_offset: int = 0) -> Any:
        try:
            data = load_yaml(text, line_offset)
        except YamlError as exc:
            self.problem(exc.line, exc.message)
            return None
        line = _nul_line(data, line_offset + 1)
        if line is not None:
            # YAML's "\0" escape writes one; no database column can hold it.
            self.problem(line, "a NUL character (\\0) in the text; remove it")
            return None
        return data

    def file_text(self) -> str | None:
        """The file's text, NFC-normalised; None, with a problem, if it is not a text file."""
        if not self.path.is_file():
            self.problem(1, "not a file (a folder or something else named like a content file)")
            return None
        size = self.path.stat().st_size
        if size > MAX_FILE_BYTES:
            limit = f"a content file may be at most {MAX_FILE_BYTES:,} bytes; split it"
            self.problem(1, f"the file is {size:,} bytes: {limit}")
            return None
        try:
            text = decode_text(self.path.read_bytes())
        except NotUtf8Text as refused:
            self.problem(refused.line, refused.problem)
            return None
        except OSError as error:
            self.problem(1, f"the file cannot be read: {error.strerror}")
            return None
        return unicodedata.normalize("NFC", text)


def _nul_line(data: Any, line: int) -> int | None:
    """The line of the first text holding a NUL character, or None."""
    if isinstance(data, str):
        return line if "\x00" in data else None
    if isinstance(data, LinedDict):
        for key, value in data.items():
            if "\x00" in str(key):
                return data.line_of(key)
            found = _nul_line(value, data.line_of(key))
            if found is not None:
                return found
    if isinstance(data, list):
        return next((n for n in (_nul_line(v, line) for v in data) if n is not None), None)
    return None


def parse_partial_date(value: str) -> PartialDate | None:
    """Parse YYYY, YYYY-MM or YYYY-MM-DD; None when it is not a real date."""
    match = DATE_RE.match(value.strip())
    if not match:
        return None
    year, month, day = match.groups()
    precision = "day" if day else "month" if month else "year"
    try:
        value_date = dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    return PartialDate(value_date, precision)


def read_content(root: Path) -> tuple[ContentBundle, list[Problem]]:
    """Read every reading, concept and fact file under ``root``."""
    problems: list[Problem] = []
    bundle = ContentBundle()
    if not root.is_dir():
        return bundle, [Problem(str(root), 0, "content folder not found")]
    for path in sorted((root / "sources").glob("*.md")):
        source = _read_source(_FileReader(path, root, problems), path)
        if source:
            bundle.sources.append(source)
    for path in sorted((root / "concepts").glob("*.yaml")):
        bundle.concepts.extend(_read_list(_FileReader(path, root, problems), path, _concept))
    for path in sorted((root / "facts").glob("*.yaml")):
        reader = _FileReader(path, root, problems)
        before = len(problems)
        facts = _read_list(reader, path, _fact)
        if not facts and len(problems) == before:
            bundle.empty_fact_files[reader.name] = path.stem
        for fact in facts:
            fact.source_slug = path.stem
            bundle.facts.append(fact)
    return bundle, problems


def _read_source(reader: _FileReader, path: Path) -> SourceRecord | None:
    text = reader.file_text()
    if text is None:
        return None
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        reader.problem(1, "a reading must start with '---' and YAML front matter")
        return None
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        reader.problem(1, "front matter is not closed with '---'")
        return None
    meta = reader.load("\n".join(lines[1:end]), line_offset=1)
    if not isinstance(meta, LinedDict):
        if meta is not None:
            reader.problem(2, "front matter must be a mapping")
        return None
    if not reader.check_fields(meta, SOURCE_FIELDS, "reading front matter"):
        return None
    cites = meta["cites"]
    if not isinstance(cites, LinedDict):
        reader.problem(meta.line_of("cites"), "'cites' must be a mapping")
        return None
    reader.check_fields(cites, CITES_FIELDS, "cites")
    slug = path.stem
    if not SLUG_RE.match(slug):
        reader.problem(1, f"bad file name '{path.name}': the slug must use a-z, 0-9 and hyphens")
    elif problem := limit_problem(Source._meta.get_field("slug"), slug):
        reader.problem(1, f"the file name (the reading's slug) {problem}")
    passages = _split_passages(lines[end + 1 :], first_line=end + 2)
    if not passages:
        reader.problem(end + 1, "a reading needs at least one passage")
    return SourceRecord(
        slug=slug,
        title=reader.text(meta, "title", _field(Source, "title")),
        order=reader.integer(meta, "order", _field(Source, "order")) or 0,
        summary=reader.text(meta, "summary"),
        original_title=reader.text(cites, "title", _field(Source, "original_title")),
        outlet=reader.text(cites, "outlet", _field(Source, "outlet")),
        published=reader.date(cites, "published"),
        url=reader.text(cites, "url", _field(Source, "url")),
        passages=passages,
        file=reader.name,
    )


def _split_passages(lines: list[str], first_line: int) -> list[PassageRecord]:
    """Blank lines separate passages; a passage's lines join with single spaces."""
    passages: list[PassageRecord] = []
    current: list[str] = []
    start = first_line
    for number, line in enumerate([*lines, ""], start=first_line):
        if line.strip():
            if not current:
                start = number
            current.append(line.strip())
        elif current:
            passages.append(PassageRecord(len(passages) + 1, " ".join(current), start))
            current = []
    return passages


def _read_list(reader: _FileReader, path: Path, build) -> list:
    text = reader.file_text()
    data = reader.load(text) if text is not None else None
    if data is None:
        return []
    if not isinstance(data, list):
        reader.problem(1, "the file must be a YAML list")
        return []
    records = []
    for entry in data:
        if not isinstance(entry, LinedDict):
            reader.problem(1, "every entry must be a mapping")
            continue
        record = build(reader, entry)
        if record is not None:
            records.append(record)
    return records


def _concept(reader: _FileReader, data: LinedDict) -> ConceptRecord | None:
    if not reader.check_fields(data, CONCEPT_FIELDS, "concept"):
        return None
    kind = reader.text(data, "kind")
    if kind not in CONCEPT_KINDS:
        reader.problem(
            data.line_of("kind"), f"unknown kind '{kind}': use {', '.join(sorted(CONCEPT_KINDS))}"
        )
    return ConceptRecord(
        slug=reader.slug(data, _field(Concept, "slug")),
        name=reader.text(data, "name", _field(Concept, "name")),
        kind=kind,
        aliases=reader.text_list(data, "aliases"),
        definition=reader.text(data, "definition"),
        explanation=reader.text(data, "explanation"),
        related=reader.text_list(data, "related"),
        role=reader.slug(data, _field(Concept, "role"), "role"),
        file=reader.name,
        line=data.line,
        key_lines=data.key_lines,
    )


def _fact(reader: _FileReader, data: LinedDict) -> FactRecord | None:
    if not reader.check_fields(data, FACT_FIELDS, "fact"):
        return None
    answer_kind = reader.text(data, "answer_kind")
    if answer_kind and answer_kind not in ANSWER_KINDS:
        kinds = ", ".join(sorted(ANSWER_KINDS))
        reader.problem(data.line_of("answer_kind"), f"unknown answer_kind '{answer_kind}': {kinds}")
    if not answer_kind and not data.get("answer_concept"):
        reader.problem(data.line, "a fact needs answer_kind or answer_concept")
    quote = data.get("quote")
    members = reader.text_list(data, "members")
    if not members and not data.get("answer"):
        reader.problem(
            data.line,
            "missing field 'answer' in fact (only a list fact, with 'members', may omit it)",
        )
    if data.get("ordered") not in (None, True, False):
        reader.problem(data.line_of("ordered"), "'ordered' must be true or false")
    return FactRecord(
        slug=reader.slug(data, _field(Fact, "slug")),
        source_slug="",
        statement=reader.text(data, "statement"),
        question=reader.text(data, "question"),
        # A list fact's answer is its members joined, which must fit the column too.
        answer=reader.text(data, "answer", _field(Fact, "answer"))
        or reader.fitting(data, "members", "; ".join(members), _field(Fact, "answer")),
        answer_concept=reader.text(data, "answer_concept"),
        answer_kind=answer_kind,
        concepts=reader.text_list(data, "concepts"),
        passage=reader.integer(data, "passage", _field(Passage, "ordinal")) or 0,
        # The quote must match the passage exactly, so only its line breaks are folded.
        quote=" ".join(quote.split()) if isinstance(quote, str) else "",
        date=reader.date(data, "date"),
        number=reader.integer(data, "number", _field(Fact, "number")),
        said_by=reader.text(data, "said_by"),
        distractors=reader.text_list(data, "distractors"),
        members=members,
        ordered=data.get("ordered") is True,
        file=reader.name,
        line=data.line,
        key_lines=data.key_lines,
    )


def _field(model: type[models.Model], name: str) -> models.Field:
    return model._meta.get_field(name)
