"""The one table of concept kinds and fact answer kinds (plain Python: the content reader and
the generators read it without Django; the models' choices are derived from it)."""

# What a concept is. A fact whose answer names a concept has that concept's kind as its answer.
CONCEPT_KIND_CHOICES = (
    ("person", "Person"),
    ("organization", "Organization"),
    ("document", "Document"),
    ("event", "Event"),
    ("term", "Term"),
    ("place", "Place"),
    ("group", "Group"),
)
# What else a fact's answer may be: a value rather than a concept.
VALUE_KIND_CHOICES = (
    ("year", "Year"),
    ("number", "Number"),
    ("date", "Date"),
    ("phrase", "Phrase"),
)
ANSWER_KIND_CHOICES = CONCEPT_KIND_CHOICES + VALUE_KIND_CHOICES

CONCEPT_KINDS = frozenset(value for value, _ in CONCEPT_KIND_CHOICES)
VALUE_KINDS = frozenset(value for value, _ in VALUE_KIND_CHOICES)
ANSWER_KINDS = CONCEPT_KINDS | VALUE_KINDS
