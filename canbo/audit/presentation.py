"""Turn stored before/after values into what a reader understands: field labels, choice labels,
names of related records, Vietnamese dates."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext as _

from .choices import Action
from .models import AuditEntry

EMPTY = "—"


def _model(label: str):
    try:
        return apps.get_model(label) if label else None
    except (LookupError, ValueError):
        return None


def _field(model, name: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _plain_display(field, value) -> str:
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, dict | list):
        return (
            ", ".join(f"{k}: {v}" for k, v in value.items())
            if isinstance(value, dict)
            else ", ".join(map(str, value))
        )
    if field is not None:
        choices = dict(field.flatchoices) if field.choices else None
        if choices and value in choices:
            return str(choices[value])
        if isinstance(field, models.DateTimeField):
            try:
                moment = datetime.datetime.fromisoformat(value)
                from django.utils import timezone

                return (
                    timezone.localtime(moment).strftime("%d/%m/%Y %H:%M")
                    if timezone.is_aware(moment)
                    else moment.strftime("%d/%m/%Y %H:%M")
                )
            except (TypeError, ValueError):
                return str(value)
        if isinstance(field, models.DateField):
            try:
                return datetime.date.fromisoformat(value).strftime("%d/%m/%Y")
            except (TypeError, ValueError):
                return str(value)
    return str(value)


def describe(entries: Iterable[AuditEntry]) -> list[AuditEntry]:
    """Attach `entry.model_name` and `entry.rows` = [(label, before, after)] to each entry,
    resolving foreign keys with one query per related model for the whole page."""
    entries = list(entries)
    wanted: dict[type, set] = defaultdict(set)
    for e in entries:
        model = _model(e.model)
        e._model_class = model
        for values in (e.before or {}, e.after or {}):
            if not isinstance(values, dict):
                continue
            for name, value in values.items():
                field = _field(model, name)
                if (
                    field is not None
                    and field.is_relation
                    and field.many_to_one
                    and value is not None
                ):
                    wanted[field.related_model].add(value)
    names: dict[type, dict] = {}
    for related, pks in wanted.items():
        names[related] = {
            obj.pk: str(obj) for obj in related._base_manager.filter(pk__in=list(pks)).iterator()
        }

    def show(field, value):
        if field is not None and field.is_relation and field.many_to_one and value is not None:
            found = names.get(field.related_model, {}).get(value)
            return found if found is not None else f"#{value}"
        return _plain_display(field, value)

    for e in entries:
        model = e._model_class
        e.model_name = str(model._meta.verbose_name) if model else e.model
        before = e.before if isinstance(e.before, dict) else {}
        after = e.after if isinstance(e.after, dict) else {}
        rows = []
        if e.action in (Action.CREATE, Action.UPDATE, Action.DELETE):
            for name in list(dict.fromkeys([*after, *before])):
                field = _field(model, name)
                if field is not None and field.primary_key:
                    continue
                label = str(field.verbose_name) if field is not None else name
                if e.action == Action.DELETE:
                    old, new = show(field, before.get(name)), ""
                elif e.action == Action.CREATE:
                    old, new = "", show(field, after.get(name))
                    if new == EMPTY:
                        continue
                else:
                    old, new = show(field, before.get(name)), show(field, after.get(name))
                rows.append((label[:1].upper() + label[1:], old, new))
        elif e.action == Action.EXPORT and after:
            params = after.get("params") or {}
            rows = [(str(k), "", str(v)) for k, v in params.items() if v not in (None, "", [])]
            rows.append((_("Số dòng"), "", str(after.get("count", ""))))
        e.rows = rows
    return entries
