"""`field IN (...)` over thousands of values (ids, names, citizen IDs), cheaply.

A literal `IN (%s, %s, …)` with thousands of parameters costs more to build and parse than the
query costs to run (psycopg splits the query text at every placeholder, PostgreSQL parses each
constant). On PostgreSQL the values travel as ONE array parameter (`= ANY(%s)`); elsewhere the
ordinary `__in` lookup is used. Same rows either way.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connections
from django.db.models import F, Lookup, Q


class AnyOf(Lookup):
    """`lhs = ANY(%s)` with the list as one parameter (PostgreSQL only)."""

    lookup_name = "any_of"
    prepare_rhs = False

    def get_db_prep_lookup(self, value, connection):
        return "%s", [list(value)]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", (*lhs_params, *rhs_params)


def in_array(field: str, values: Iterable, using: str = "default") -> Q:
    """The condition `field IN values`, as one array parameter on PostgreSQL."""
    values = list(values)
    if connections[using].vendor == "postgresql":
        return Q(AnyOf(F(field), values))
    return Q(**{f"{field}__in": values})
