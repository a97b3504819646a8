"""The review request's card reads and grade writes, as plain SQL.

The ORM spends 0.2–0.7 ms of Python building each of these statements, while the
database runs each in about 0.03 ms, and a review runs them on every grade. So the
statements are written out once per database vendor, the rows read become model
instances through the ORM's own converters and ``Model.from_db`` (as a queryset
builds them), and the values written are prepared by each field's
``get_db_prep_save`` (as ``save()`` prepares them). The SQL is the same on SQLite
and PostgreSQL; tests/study/test_review_fast_path.py checks it against the ORM.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from django.db import connection

from quizapp.bank.models import Item
from quizapp.library.models import Passage, Source
from quizapp.study.models import Card, Review, StudySettings


def quoted_table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _columns(model, alias: str) -> str:
    quote = connection.ops.quote_name
    return ", ".join(f"{alias}.{quote(f.column)}" for f in model._meta.concrete_fields)


# The converters are bound to one thread's connection, so they are cached per connection;
# in a bounded cache, because a threaded development server opens one per request thread.
@functools.lru_cache(maxsize=64)
def _reader(model, ops) -> tuple[list[str], list[tuple[int, list, object]]]:
    """The attribute names of ``model``'s columns and, for each column that has any, the
    converters the ORM applies when reading it (datetimes, JSON, booleans on SQLite)."""
    table = model._meta.db_table
    converters = []
    for position, field in enumerate(model._meta.concrete_fields):
        column = field.get_col(table)
        found = ops.get_db_converters(column) + column.get_db_converters(ops.connection)
        if found:
            converters.append((position, found, column))
    return [f.attname for f in model._meta.concrete_fields], converters


def _convert(value, found: list, column):
    for convert in found:
        value = convert(value, column, connection)
    return value


def _instance(model, values: list):
    """An instance of ``model`` from its columns, as a queryset would have built it."""
    attnames, converters = _reader(model, connection.ops)
    for position, found, column in converters:
        values[position] = _convert(values[position], found, column)
    return model.from_db(connection.alias, attnames, values)


def column_value(model, attname: str, value):
    """One column of ``model`` as a queryset would have read it."""
    attnames, converters = _reader(model, connection.ops)
    position = attnames.index(attname)
    for at, found, column in converters:
        if at == position:
            return _convert(value, found, column)
    return value


def settings_of(user_id: int) -> StudySettings | None:
    """The user's study settings, or None before their first use.

    As ``StudySettings.objects.filter(user_id=user_id).first()``; it runs for every card
    shown.
    """
    columns = _columns(StudySettings, "t")
    sql = f"SELECT {columns} FROM {quoted_table(StudySettings)} t WHERE t.user_id = %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [user_id])
        row = cursor.fetchone()
    return None if row is None else _instance(StudySettings, list(row))


@functools.cache
def _card_for_grading_sql(vendor: str) -> str:
    return (
        f"SELECT {_columns(Card, 'c')}, {_columns(StudySettings, 't')} FROM {quoted_table(Card)} c"
        f" LEFT JOIN {quoted_table(StudySettings)} t ON t.user_id = c.user_id"
        " WHERE c.id = %s AND c.user_id = %s"
    )


def card_for_grading(card_id: int, user_id: int) -> tuple[Card, StudySettings | None]:
    """The user's card, as ``Card.objects.get(pk=card_id, user_id=user_id)``, and in the
    same statement the user's study settings (None before their first use).

    Raises Card.DoesNotExist for a missing card or another user's.
    """
    with connection.cursor() as cursor:
        cursor.execute(_card_for_grading_sql(connection.vendor), [card_id, user_id])
        row = cursor.fetchone()
    if row is None:
        raise Card.DoesNotExist("No such card.")
    width = len(Card._meta.concrete_fields)
    card = _instance(Card, list(row[:width]))
    settings = None if row[width] is None else _instance(StudySettings, list(row[width:]))
    return card, settings


_SHOWN = ((Card, "c"), (Item, "i"), (Passage, "p"), (Source, "s"))


@functools.cache
def shown_sql(vendor: str) -> tuple[str, str]:
    """The columns, and the joins from a card aliased ``c``, that load a card for display
    with its item, the item's passage and that passage's source (see ``card_from_shown``)."""
    columns = ", ".join(_columns(model, alias) for model, alias in _SHOWN)
    joins = (
        f" LEFT JOIN {quoted_table(Item)} i ON i.id = c.item_id"
        f" LEFT JOIN {quoted_table(Passage)} p ON p.id = i.passage_id"
        f" LEFT JOIN {quoted_table(Source)} s ON s.id = p.source_id"
    )
    return columns, joins


def card_from_shown(row: Sequence) -> Card | None:
    """The card in the columns of ``shown_sql``, or None when they hold no card.

    As ``Card.objects.select_related("item__passage__source")`` would have loaded it.
    """
    if row[0] is None:
        return None
    parts, start = [], 0
    for model, _ in _SHOWN:
        width = len(model._meta.concrete_fields)
        parts.append(list(row[start : start + width]))
        start += width
    card, item = _instance(Card, parts[0]), _instance(Item, parts[1])
    passage = None
    if item.passage_id is not None:  # imported items may cite no passage
        passage = _instance(Passage, parts[2])
        passage.source = _instance(Source, parts[3])
    item.passage = passage
    card.item = item
    return card


def card_for_display(card_id: int, user_id: int) -> Card:
    """The user's card with its item, passage and source, to show its back.

    As ``Card.objects.select_related("item__passage__source").get(pk=card_id,
    user_id=user_id)``; raises Card.DoesNotExist for a missing card or another user's.
    """
    columns, joins = shown_sql(connection.vendor)
    sql = f"SELECT {columns} FROM {quoted_table(Card)} c{joins} WHERE c.id = %s AND c.user_id = %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [card_id, user_id])
        row = cursor.fetchone()
    if row is None:
        raise Card.DoesNotExist("No such card.")
    return card_from_shown(row)


def _inserted_fields(model) -> list:
    return [f for f in model._meta.concrete_fields if not f.primary_key]


@functools.cache
def _review_insert_sql(vendor: str) -> str:
    fields = _inserted_fields(Review)
    names = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    values = ", ".join(["%s"] * len(fields))
    return f"INSERT INTO {quoted_table(Review)} ({names}) VALUES ({values})"


def review_insert(review: Review) -> None:
    """Insert ``review`` as ``review.save()`` would, without reading back its id.

    Raises IntegrityError when the card already has a review of that version.
    """
    values = [
        f.get_db_prep_save(f.pre_save(review, add=True), connection)
        for f in _inserted_fields(Review)
    ]
    with connection.cursor() as cursor:
        cursor.execute(_review_insert_sql(connection.vendor), values)


@functools.cache
def _card_update_sql(vendor: str, columns: tuple[str, ...]) -> str:
    fields = [Card._meta.get_field(name) for name in columns]
    assignments = ", ".join(f"{connection.ops.quote_name(f.column)} = %s" for f in fields)
    return f"UPDATE {quoted_table(Card)} SET {assignments} WHERE id = %s AND reps = %s"


def card_update(card: Card, columns: tuple[str, ...], *, where_reps: int) -> bool:
    """Write these columns of ``card``, as ``card.save(update_fields=columns)`` would, if
    the stored card is still at ``where_reps`` reviews; whether it was."""
    values = [
        Card._meta.get_field(name).get_db_prep_save(getattr(card, name), connection)
        for name in columns
    ]
    with connection.cursor() as cursor:
        cursor.execute(_card_update_sql(connection.vendor, columns), [*values, card.pk, where_reps])
        return cursor.rowcount == 1
