"""What the database columns hold, read from the model fields, to check content against.

SQLite stores a 500-character title in a 300-character column and an integer of any size
without complaint; PostgreSQL refuses both with a traceback halfway through the load. So
values are checked against the fields' own limits before anything is written, and the
integer ranges are Django's portable ones rather than whichever backend runs the check.
"""

from __future__ import annotations

from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations

INTEGER_RANGES = BaseDatabaseOperations.integer_field_ranges


def limit_problem(field: models.Field, value: object) -> str | None:
    """Why ``value`` does not fit ``field``'s column, or None if it does."""
    if isinstance(value, str) and field.max_length and len(value) > field.max_length:
        return f"is {len(value):,} characters long; at most {field.max_length:,} fit"
    span = INTEGER_RANGES.get(field.get_internal_type())
    if isinstance(value, int) and span and not span[0] <= value <= span[1]:
        return f"must be a whole number from {span[0]:,} to {span[1]:,}, not {value:,}"
    return None
