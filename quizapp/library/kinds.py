"""The kinds of concept, shared by the content reader and the generators (plain Python)."""

CONCEPT_KINDS = frozenset({"person", "organization", "document", "event", "term", "place", "group"})
