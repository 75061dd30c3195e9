"""Writes of the audit log. Every entry is written on the connection of the change it
records, inside the same transaction, so a rolled-back change leaves no entry."""

from __future__ import annotations

import contextlib
import datetime
import decimal
import uuid
from typing import Any

from django.db import models

from .choices import Action, Source
from .context import AuditContext, current
from .models import AuditEntry

# fields whose value is never copied into the log, only the fact that it changed
MASKED_FIELDS = {"password"}
MASK = "******"
# fields whose change alone is not worth an entry (the login writes them)
IGNORED_FIELDS = {"last_login"}


def audited_fields(model: type[models.Model]) -> list[models.Field]:
    """The fields an entry shows: editable concrete fields, without the automatic timestamps."""
    cached = model.__dict__.get("_audit_fields")
    if cached is None:
        cached = [
            f
            for f in model._meta.concrete_fields
            if (f.editable or f.primary_key)
            and not getattr(f, "auto_now", False)
            and not getattr(f, "auto_now_add", False)
            and f.name not in IGNORED_FIELDS
        ]
        model._audit_fields = cached
    return cached


def plain(value: Any) -> Any:
    """A value as JSON keeps it, comparable before and after."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, (uuid.UUID, datetime.timedelta)):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    if isinstance(value, (dict, list)):
        return value
    return str(value)


def field_value(obj: models.Model, field: models.Field) -> Any:
    """The value of a field of an instance, normalised (a foreign key as its id)."""
    value = getattr(obj, field.attname)
    if hasattr(value, "resolve_expression"):  # F() not yet refreshed: unknown here
        return _Unknown
    with contextlib.suppress(Exception):  # the log shows what was there
        value = field.to_python(value)
    return plain(value)


class _Unknown:
    pass


def snapshot(obj: models.Model, *, skip_empty: bool = False) -> dict[str, Any]:
    """The audited values of an instance (the non-empty ones for a created or deleted row)."""
    values = {}
    for field in audited_fields(type(obj)):
        value = field_value(obj, field)
        if value is _Unknown or (skip_empty and (value is None or value == "")):
            continue
        values[field.name] = MASK if field.name in MASKED_FIELDS and value else value
    return values


def db_snapshot(model: type[models.Model], pk, using: str, fields=None) -> dict[str, Any] | None:
    """The stored values of a row (before a save), or None when there is no row."""
    chosen = [
        f
        for f in audited_fields(model)
        if fields is None or f.name in fields or f.attname in fields
    ]
    if not chosen:
        return {}
    row = (
        model._base_manager.using(using).filter(pk=pk).values(*[f.attname for f in chosen]).first()
    )
    if row is None:
        return None
    values = {}
    for f in chosen:
        value = row[f.attname]
        with contextlib.suppress(Exception):
            value = f.to_python(value)
        values[f.name] = plain(value)
    return values


def diff(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict, dict]:
    """Only the fields that changed, with their old and new values (passwords masked)."""
    old, new = {}, {}
    for name, value in after.items():
        if name in before and before[name] != value:
            if name in MASKED_FIELDS:
                old[name], new[name] = MASK, MASK
            else:
                old[name], new[name] = before[name], value
    return old, new


def safe_repr(obj) -> str:
    try:
        return str(obj)[:255]
    except Exception:  # noqa: BLE001 — a related row may already be gone
        return f"{type(obj).__name__} #{obj.pk}"


def write(
    *,
    action: str,
    ctx: AuditContext | None = None,
    obj: models.Model | None = None,
    model_label: str = "",
    object_id: str = "",
    object_repr: str = "",
    person_id: int | None = None,
    before: dict | None = None,
    after: dict | None = None,
    note: str = "",
    using: str = "default",
    user=None,
    username: str | None = None,
) -> AuditEntry:
    ctx = ctx or current()
    ctx_user, ctx_username = ctx.actor()
    if user is None:
        user = ctx_user
    if username is None:
        username = user.get_username() if user is not None else ctx_username
    if obj is not None:
        model_label = model_label or obj._meta.label
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or safe_repr(obj)
    entry = AuditEntry(
        user=user if user is not None and user.pk else None,
        username=username or "",
        source=ctx.source,
        ip=ctx.ip,
        request_id=ctx.request_id,
        action=action,
        model=model_label,
        object_id=object_id,
        object_repr=object_repr[:255],
        person_id=person_id,
        before=before,
        after=after,
        note=(note or ctx.note)[:500],
    )
    entry.save(using=using)
    return entry


def _request_context(request) -> AuditContext:
    ctx = getattr(request, "audit_context", None)
    if ctx is None:
        from .middleware import context_for

        ctx = context_for(request)
    return ctx


def record_view(request_or_user, person) -> AuditEntry:
    """Log that `person`'s profile was shown to a user."""
    if hasattr(request_or_user, "META"):
        ctx, user = _request_context(request_or_user), None
    else:
        ctx, user = current(), request_or_user
    return write(action=Action.VIEW, ctx=ctx, obj=person, person_id=person.pk, user=user)


def record_export(user, what: str, params: dict, count: int, *, person=None) -> AuditEntry:
    """Log an export (Excel, Word, PDF, CSV …): what, with which filters, how many rows."""
    return write(
        action=Action.EXPORT,
        obj=person,
        object_repr=str(what),
        person_id=person.pk if person is not None else None,
        after={"params": {k: plain(v) for k, v in (params or {}).items()}, "count": count},
        user=user if user is not None and getattr(user, "is_authenticated", False) else None,
    )


def record_login(action: str, *, request=None, user=None, username: str = "") -> AuditEntry:
    ctx = _request_context(request) if request is not None else current()
    if user is not None:
        username = user.get_username()
    return write(
        action=action,
        ctx=ctx,
        model_label="auth.User" if user is not None else "",
        object_id=str(user.pk) if user is not None else "",
        object_repr=username[:255],
        user=user,
        username=username,
    )


def record_operation(
    action: str, *, what: str, details: dict, using: str = "default"
) -> AuditEntry:
    """Backups and restores: who ran them and what they held."""
    return write(action=action, object_repr=what, after=details, using=using)


__all__ = [
    "Action",
    "Source",
    "record_export",
    "record_login",
    "record_operation",
    "record_view",
    "write",
]
