"""Reads of the audit log, restricted by the reader's grants ("audit" action)."""

from __future__ import annotations

from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast

from canbo.access import scope

from .choices import Action
from .models import AuditEntry

CHANGE_ACTIONS = (Action.CREATE, Action.UPDATE, Action.DELETE)


def can_browse(user) -> bool:
    """May open /audit/: administrators, and users granted "audit" somewhere."""
    return scope.is_administrator(user) or scope.units_for(user, "audit").exists()


def visible_entries(user) -> QuerySet[AuditEntry]:
    """Entries the user may read: everything for administrators; otherwise only entries about
    people (and units) inside the user's "audit" grants — others do not exist for them."""
    entries = AuditEntry.objects.select_related("user")
    if scope.is_administrator(user):
        return entries
    people = scope.people_for(user, "audit").values("pk")
    units = (
        scope.units_for(user, "audit")
        .annotate(pk_text=Cast("pk", output_field=CharField()))
        .values("pk_text")
    )
    return entries.filter(Q(person_id__in=people) | Q(model="units.Unit", object_id__in=units))


def person_history(person_id: int) -> QuerySet[AuditEntry]:
    """The changes of a profile and of its sections (not the views), newest first."""
    return (
        AuditEntry.objects.filter(person_id=person_id, action__in=CHANGE_ACTIONS)
        .select_related("user")
        .order_by("-at", "-id")
    )
