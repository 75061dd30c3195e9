"""Pagination for lists that may hold a million rows.

An exact `COUNT(*)` over a million profiles costs more than the page itself. A long list counts
at most `LIST_COUNT_CAP` rows (`SELECT COUNT(*) FROM (… LIMIT cap + 1)`) and says "more than
10,000"; the exact figure is one click away (a separate request) and the statistics pages give
exact counts. Below the cap nothing changes: the count is exact.

The count also tells how to fetch the page. A short result (under the cap) is cheapest found
through the filters' own indexes and then sorted, but PostgreSQL tends to walk the sort index
instead and filter row by row, which is slow when the matches sit far along it (searching
"hung" walks every given name before "Hùng"). For short results the sort keys are therefore
wrapped in an expression no index serves, so the planner filters first and sorts at most `cap`
rows; long results keep the index walk, which finds a page of dense matches at once.
"""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import F, Func, OrderBy
from django.utils.functional import cached_property


class CappedPaginator(Paginator):
    def __init__(self, object_list, per_page, *, cap: int | None = None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap if cap is not None else settings.LIST_COUNT_CAP

    @cached_property
    def count(self) -> int:
        n = self.object_list.order_by()[: self.cap + 1].count()  # no sort to count
        self.capped = n > self.cap
        if not self.capped:
            self.object_list = sort_after_filtering(self.object_list)
        return min(n, self.cap)

    capped = False


def sort_after_filtering(queryset):
    """The same order, by keys the planner cannot take from an index (PostgreSQL only)."""
    if connections[queryset.db].vendor != "postgresql" or not queryset.query.order_by:
        return queryset
    keys = []
    for key in queryset.query.order_by:
        if not isinstance(key, str):
            keys.append(key)
            continue
        name = key.lstrip("-")
        expression = Func(F(name), function="COALESCE")  # COALESCE(x) = x, but not indexed
        keys.append(OrderBy(expression, descending=key.startswith("-")))
    return queryset.order_by(*keys)
