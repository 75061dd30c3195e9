"""Writes on profiles: atomic, validated, and safe against lost updates."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from .models import Person


class StaleVersionError(Exception):
    """The profile was saved by someone else after this edit began."""

    def __init__(self, current: Person):
        super().__init__(_("Hồ sơ đã được người khác cập nhật trong lúc bạn sửa."))
        self.current = current


@transaction.atomic
def person_create(*, person: Person) -> Person:
    person.full_clean()
    person.version = 1
    person.save()
    return person


@transaction.atomic
def person_update(*, person: Person, expected_version: int, formsets=()) -> Person:
    """Save `person` (already holding the new values) if nobody saved it since
    `expected_version`; otherwise raise StaleVersionError with the current record."""
    person.full_clean()
    current = Person.objects.select_for_update().get(pk=person.pk)
    if current.version != expected_version:
        raise StaleVersionError(current)
    person.version = F("version") + 1
    person.save()
    person.refresh_from_db(fields=["version"])
    for formset in formsets:
        formset.save()
    return person


def _display(obj: Person, field) -> str:
    value = getattr(obj, field.name)
    display = getattr(obj, f"get_{field.name}_display", None)
    return str(display() if display else ("—" if value in (None, "") else value))


def changed_fields(mine: Person, theirs: Person) -> list[tuple[str, str, str]]:
    """(label, their value, my value) for each editable field that differs."""
    return [
        (str(field.verbose_name), _display(theirs, field), _display(mine, field))
        for field in Person._meta.concrete_fields
        if field.editable
        and not field.primary_key
        and field.name not in {"created_at", "updated_at"}
        and field.value_from_object(theirs) != field.value_from_object(mine)
    ]
