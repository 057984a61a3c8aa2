"""Many new rows of one model in one statement: PostgreSQL's COPY, else ``bulk_create``."""

from __future__ import annotations

from django.db import connection
from django.db.models import Model


def copy_insert(objs: list[Model], *, columns: dict[str, list] | None = None) -> None:
    """Insert these unsaved instances of one model with PostgreSQL's COPY: what
    ``bulk_create`` does (``pre_save`` fills the timestamps, each value prepared by its field)
    without an INSERT statement of thousands of parameters to build and parse. A primary key
    is written if the instances have one. ``columns``: values to write instead of the
    instances' own, one per instance, by field name. Sends no signals, as ``bulk_create``."""
    if not objs:
        return
    meta = objs[0]._meta
    given = columns or {}
    fields = [
        field for field in meta.concrete_fields if not (field.primary_key and objs[0].pk is None)
    ]
    names = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    table = connection.ops.quote_name(meta.db_table)
    # Django wraps the driver's errors in its own only for execute(); a refused row must be
    # a DatabaseError here too, or one bad file would end the whole import.
    with (
        connection.wrap_database_errors,
        connection.cursor() as cursor,
        cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
    ):
        for number, obj in enumerate(objs):
            copy.write_row(
                [
                    given[field.name][number]
                    if field.name in given
                    else field.get_db_prep_save(field.pre_save(obj, True), connection)
                    for field in fields
                ]
            )
    for obj in objs:
        obj._state.adding, obj._state.db = False, connection.alias


def rows_insert(objs: list[Model]) -> None:
    """New rows in one statement where the database can (COPY on PostgreSQL)."""
    if connection.vendor == "postgresql":
        copy_insert(objs)
    elif objs:
        objs[0]._meta.model.objects.bulk_create(objs)
