from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from canbo.access import scope

from .filters import AuditFilter
from .presentation import describe
from .selectors import can_browse, person_history, visible_entries

PAGE_SIZE = 50
HISTORY_PAGE_SIZE = 20


def audit_list_view(request):
    """Browse the log: by person, user, dates, action, source; only what the grants allow."""
    if not can_browse(request.user):
        raise PermissionDenied(_("Bạn không được giao quyền xem nhật ký."))
    filterset = AuditFilter(request.GET, queryset=visible_entries(request.user))
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    describe(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/entry_list.html",
        {"filter": filterset, "page": page, "query": query.urlencode()},
    )


def person_history_view(request, pk: int):
    """The history tab of a profile: what changed, by whom, when, on which decision."""
    person = scope.person_or_404(request.user, pk, "audit")
    page = Paginator(person_history(person.pk), HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    describe(page.object_list)
    template = "audit/_history.html" if request.htmx else "audit/person_history.html"
    return render(request, template, {"person": person, "page": page})
