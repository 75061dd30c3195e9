"""Writing many rows at once: the generator, imports and restores share it."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence


def insert_rows(
    connection, table: str, columns: Sequence[str], rows: Iterable, *, batch: int | None = None
) -> None:
    """Insert `rows` (tuples in the order of `columns`; a list or a generator) into `table`:
    `COPY … FROM STDIN` on PostgreSQL, which streams them (the server inserts while the rows
    after are still being made), `executemany` elsewhere, in slices of `batch` rows when given.
    Values go to the driver as they are: the caller converts what its database needs."""
    qn = connection.ops.quote_name
    cols = ", ".join(qn(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {qn(table)} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        sql = f"INSERT INTO {qn(table)} ({cols}) VALUES ({', '.join(['%s'] * len(columns))})"
        if batch is None:
            cursor.executemany(sql, rows)
            return
        rows = iter(rows)
        while chunk := list(itertools.islice(rows, batch)):
            cursor.executemany(sql, chunk)
