"""The study material: sources, their passages, concepts, mentions and facts."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from quizapp.library.folding import fold, fold_names
from quizapp.library.kinds import ANSWER_KIND_CHOICES, CONCEPT_KIND_CHOICES
from quizapp.library.mentions import MentionFinder


class DatePrecision(models.TextChoices):
    YEAR = "year", "Year"
    MONTH = "month", "Month"
    DAY = "day", "Day"


def format_partial_date(value, precision: str) -> str:
    """Show a date only as precisely as it is known: 2024, March 2022, 17 March 2022."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year}"
    if precision == DatePrecision.MONTH:
        return value.strftime("%B %Y")
    return f"{value.day} {value.strftime('%B %Y')}"


class Source(models.Model):
    """A reading (written for the app, citing an article) or an imported article."""

    class Kind(models.TextChoices):
        READING = "reading", "Reading"
        ARTICLE = "article", "Imported article"

    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.READING)
    order = models.PositiveIntegerField(default=0)
    summary = models.TextField(blank=True)
    author = models.CharField(max_length=200, blank=True)
    original_title = models.CharField(
        max_length=300, blank=True, help_text="Title of the article this source draws on."
    )
    outlet = models.CharField(max_length=200, blank=True)
    published = models.DateField(null=True, blank=True)
    published_precision = models.CharField(
        max_length=5, choices=DatePrecision, default=DatePrecision.DAY
    )
    citation = models.TextField(blank=True, help_text="The original article, as cited.")
    url = models.URLField(max_length=500, blank=True)
    from_content = models.BooleanField(
        default=False, editable=False, help_text="Loaded from content/; loadcontent owns it."
    )
    # A term list or GIFT file belongs to the teacher who imported it: a re-import by them
    # updates it, another teacher's file with the same title makes a set of their own.
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="imported_sources",
    )

    class Meta:
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("library:source", args=[self.slug])

    @classmethod
    def next_order(cls) -> int:
        """The place after every source so far: where a newly added one goes."""
        return (cls.objects.aggregate(top=models.Max("order"))["top"] or 0) + 1

    @property
    def link_url(self) -> str:
        """The original's address, only if it is a web address: a ``javascript:`` URL
        written past the admin's validation must never become a link."""
        return self.url if self.url.lower().startswith(("https://", "http://")) else ""

    @property
    def published_display(self) -> str:
        return format_partial_date(self.published, self.published_precision)


class Passage(models.Model):
    """One paragraph of a source, addressable as /sources/<slug>/#p<ordinal>."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="passages")
    ordinal = models.PositiveIntegerField()
    text = models.TextField()
    folded = models.TextField(editable=False, help_text="Lowercase unaccented text for search.")

    class Meta:
        ordering = ["source", "ordinal"]
        constraints = [
            models.UniqueConstraint(fields=["source", "ordinal"], name="passage_unique_ordinal"),
            models.CheckConstraint(condition=Q(ordinal__gte=1), name="passage_ordinal_from_1"),
        ]

    def __str__(self) -> str:
        return f"{self.source.slug} ¶{self.ordinal}"

    def get_absolute_url(self) -> str:
        return f"{self.source.get_absolute_url()}#{self.anchor}"

    @property
    def anchor(self) -> str:
        return f"p{self.ordinal}"

    def span_url(self, start: int, end: int) -> str:
        """Link that opens the source with the span start:end highlighted."""
        return f"{self.source.get_absolute_url()}?hl={self.ordinal}:{start}-{end}#{self.anchor}"

    def refold(self) -> None:
        self.folded = fold(self.text)

    def rebuild_mentions(
        self, finder: MentionFinder | None = None, slugs: dict[str, int] | None = None
    ) -> None:
        """Find every concept named in this passage again, after an edit."""
        finder = finder or Concept.objects.mention_finder()
        slugs = slugs or dict(Concept.objects.values_list("slug", "pk"))
        self.mentions.all().delete()
        Mention.objects.bulk_create(
            Mention(concept_id=slugs[slug], passage=self, start=start, end=end)
            for slug, start, end in finder.find(self.text)
        )


class ConceptQuerySet(models.QuerySet):
    def mention_finder(self) -> MentionFinder:
        return MentionFinder({c.slug: c.names for c in self})


class Concept(models.Model):
    """A named idea, person, organization, document, event, place, term or group."""

    # Concept.Kind.PERSON and the like, built from the one table (library/kinds.py).
    Kind = models.TextChoices(
        "Kind", [(v.upper(), (v, label)) for v, label in CONCEPT_KIND_CHOICES]
    )

    slug = models.SlugField(max_length=120, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=CONCEPT_KIND_CHOICES)
    # Concepts that could stand in for each other in a question share a role ("scholar",
    # "party-body"); distractors are drawn only from the answer's kind and role.
    role = models.SlugField(max_length=40, blank=True)
    aliases = models.JSONField(default=list, blank=True)
    definition = models.TextField(help_text="One sentence that does not name the concept.")
    explanation = models.TextField(blank=True)
    related = models.ManyToManyField("self", blank=True, symmetrical=True)
    folded = models.TextField(editable=False, help_text="Folded name and aliases for search.")
    from_content = models.BooleanField(default=False, editable=False)

    objects = ConceptQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("library:concept", args=[self.slug])

    @property
    def names(self) -> list[str]:
        return [self.name, *self.aliases]

    def refold(self) -> None:
        self.folded = fold_names(self.names)


class PassageSpan(models.Model):
    """Characters start to end of a passage: what a mention names or a fact cites."""

    passage = models.ForeignKey(Passage, on_delete=models.CASCADE, related_name="%(class)ss")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()

    class Meta:
        abstract = True
        ordering = ["passage", "start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="%(class)s_span_ordered"),
        ]

    def get_absolute_url(self) -> str:
        return self.passage.span_url(self.start, self.end)

    def clean(self) -> None:
        """A span must lie inside its passage."""
        if self.passage_id is None or self.start is None or self.end is None:
            return
        if not 0 <= self.start < self.end <= len(self.passage.text):
            raise ValidationError(
                {
                    "end": f"The span {self.start}-{self.end} is not inside the passage "
                    f"({len(self.passage.text)} characters)."
                }
            )

    @property
    def span_text(self) -> str:
        return self.passage.text[self.start : self.end]


class Mention(PassageSpan):
    """Where a concept is named in a passage."""

    concept = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="mentions")

    class Meta(PassageSpan.Meta):
        constraints = [
            *PassageSpan.Meta.constraints,
            models.UniqueConstraint(
                fields=["concept", "passage", "start"], name="mention_unique_place"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.concept} in {self.passage}"


class Fact(PassageSpan):
    """One checkable statement, citing the passage span that states it."""

    # Fact.AnswerKind.YEAR and the like: every concept kind, then the value kinds.
    AnswerKind = models.TextChoices(
        "AnswerKind", [(v.upper(), (v, label)) for v, label in ANSWER_KIND_CHOICES]
    )

    slug = models.SlugField(max_length=120, unique=True)
    statement = models.TextField()
    question = models.TextField(blank=True)
    answer = models.CharField(max_length=300, help_text="The term or value the fact tests.")
    answer_kind = models.CharField(max_length=20, choices=ANSWER_KIND_CHOICES)
    answer_concept = models.ForeignKey(
        Concept, null=True, blank=True, on_delete=models.SET_NULL, related_name="answer_of"
    )
    concepts = models.ManyToManyField(Concept, related_name="facts")
    said_by = models.ForeignKey(
        Concept, null=True, blank=True, on_delete=models.SET_NULL, related_name="claims"
    )
    date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(
        max_length=5, choices=DatePrecision, default=DatePrecision.DAY
    )
    number = models.IntegerField(null=True, blank=True)
    # Wrong answers written by an author: a phrase answer gets multiple-choice options only
    # from these, since no generated phrase reads as a plausible alternative.
    distractors = models.JSONField(default=list, blank=True)
    # A list fact: the statement names these; a question asks for one of them.
    members = models.JSONField(default=list, blank=True)
    ordered = models.BooleanField(default=False, help_text="The members are in a real order.")
    from_content = models.BooleanField(default=False, editable=False)

    def __str__(self) -> str:
        return self.statement
