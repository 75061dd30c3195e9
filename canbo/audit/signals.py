"""The automatic change record: pre_save/post_save/post_delete on every canbo model (and users,
groups), wherever the change comes from — web, API, admin, import, command line.

Receivers are connected per model class, so historical models in data migrations and the bulk
writes of the demo generator (raw SQL) do not reach them."""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth import signals as auth_signals
from django.db import models
from django.db.models import signals

from . import services
from .choices import Action
from .context import current

EXCLUDED_APPS = {"audit", "sessions", "contenttypes", "admin", "migrations"}
EXTRA_MODELS = {"auth.User", "auth.Group"}

_person_field: dict[type, str | None] = {}


def audited_models() -> list[type[models.Model]]:
    chosen = []
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed or meta.app_label in EXCLUDED_APPS:
            continue
        if model.__module__.startswith("canbo.") or meta.label in EXTRA_MODELS:
            chosen.append(model)
    return chosen


def person_id_of(obj: models.Model) -> int | None:
    """The person a row is about: the profile itself, or the person of a section row."""
    model = type(obj)
    if model._meta.label == "people.Person":
        return obj.pk
    if model not in _person_field:
        _person_field[model] = next(
            (
                f.attname
                for f in model._meta.concrete_fields
                if f.is_relation and f.related_model is not None
                and f.related_model._meta.label == "people.Person"
            ),
            None,
        )  # fmt: skip
    attname = _person_field[model]
    return getattr(obj, attname, None) if attname else None


def decision_note(obj: models.Model) -> str:
    """For a row backed by a decision (an assignment): "số, ngày, cơ quan ban hành"."""
    if not getattr(obj, "decision_id", None):
        return ""
    try:
        d = obj.decision
    except Exception:  # noqa: BLE001
        return ""
    return f"{d.number} ({d.issued_on:%d/%m/%Y}, {d.issuer})"[:500]


def _note(obj, person_id) -> str:
    ctx = current()
    note = decision_note(obj)
    if note and person_id is not None:
        ctx.notes[person_id] = note
    elif person_id is not None and type(obj)._meta.label == "people.Person":
        note = ctx.notes.get(person_id, "")
    return note


def on_pre_save(sender, instance, raw, using, update_fields, **kwargs):
    if instance._state.adding or instance.pk is None:
        instance._audit_before = None
        return
    instance._audit_before = services.db_snapshot(sender, instance.pk, using, update_fields)


def on_post_save(sender, instance, created, raw, using, update_fields, **kwargs):
    before = getattr(instance, "_audit_before", None)
    instance._audit_before = None
    person_id = person_id_of(instance)
    if created or before is None:
        services.write(
            action=Action.CREATE,
            obj=instance,
            person_id=person_id,
            after=services.snapshot(instance, skip_empty=True),
            note=_note(instance, person_id),
            using=using,
        )
        return
    after = services.snapshot(instance)
    old, new = services.diff(before, after)
    if not new:
        return  # saved without a change worth recording
    services.write(
        action=Action.UPDATE,
        obj=instance,
        person_id=person_id,
        before=old,
        after=new,
        note=_note(instance, person_id),
        using=using,
    )


def on_pre_delete(sender, instance, using, **kwargs):
    instance._audit_repr = services.safe_repr(instance)


def on_post_delete(sender, instance, using, **kwargs):
    person_id = person_id_of(instance)
    services.write(
        action=Action.DELETE,
        obj=instance,
        object_repr=getattr(instance, "_audit_repr", ""),
        person_id=person_id,
        before=services.snapshot(instance, skip_empty=True),
        note=decision_note(instance) if getattr(instance, "decision_id", None) else "",
        using=using,
    )


def on_m2m_changed(sender, instance, action, reverse, model, pk_set, using, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear") or reverse:
        return
    field = next(
        (f for f in type(instance)._meta.many_to_many if f.remote_field.through is sender), None
    )
    name = field.name if field else sender._meta.model_name
    verb = {"post_add": "add", "post_remove": "remove", "post_clear": "clear"}[action]
    services.write(
        action=Action.UPDATE,
        obj=instance,
        person_id=person_id_of(instance),
        after={name: {verb: sorted(pk_set or [])}},
        using=using,
    )


def on_logged_in(sender, request, user, **kwargs):
    services.record_login(Action.LOGIN, request=request, user=user)


def on_logged_out(sender, request, user, **kwargs):
    if user is not None:
        services.record_login(Action.LOGOUT, request=request, user=user)


def on_login_failed(sender, credentials, request=None, **kwargs):
    # the credentials dict holds the password too: only the name is kept
    username = str(credentials.get("username", ""))[:150]
    services.record_login(Action.LOGIN_FAILED, request=request, username=username)


def connect() -> None:
    for model in audited_models():
        uid = f"canbo-audit-{model._meta.label}"
        signals.pre_save.connect(on_pre_save, sender=model, dispatch_uid=uid)
        signals.post_save.connect(on_post_save, sender=model, dispatch_uid=uid)
        signals.pre_delete.connect(on_pre_delete, sender=model, dispatch_uid=uid)
        signals.post_delete.connect(on_post_delete, sender=model, dispatch_uid=uid)
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            if through._meta.auto_created:
                signals.m2m_changed.connect(on_m2m_changed, sender=through, dispatch_uid=uid)
    auth_signals.user_logged_in.connect(on_logged_in, dispatch_uid="canbo-audit-login")
    auth_signals.user_logged_out.connect(on_logged_out, dispatch_uid="canbo-audit-logout")
    auth_signals.user_login_failed.connect(on_login_failed, dispatch_uid="canbo-audit-failed")
