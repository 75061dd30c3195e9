"""Writes on the unit tree. Every function is atomic and validates before it writes."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Length, Substr
from django.utils.translation import gettext as _

from .choices import SuccessionKind
from .models import MAX_DEPTH, PATH_STEP, Area, Unit, UnitName, UnitSuccession, path_segment


def _set_path(unit: Unit) -> None:
    parent_path = unit.parent.path if unit.parent_id else ""
    unit.path = parent_path + path_segment(unit.pk)
    unit.depth = len(unit.path) // PATH_STEP - 1


@transaction.atomic
def unit_create(
    *,
    code: str,
    name: str,
    kind: str,
    parent: Unit | None = None,
    area: Area | None = None,
    valid_from: date | None = None,
    sort_order: int = 0,
) -> Unit:
    unit = Unit(
        code=code,
        name=name,
        kind=kind,
        parent=parent,
        area=area,
        valid_from=valid_from,
        sort_order=sort_order,
        path="0" * PATH_STEP,
    )
    if parent is not None and parent.depth + 1 >= MAX_DEPTH:
        raise ValidationError(
            {"parent": _("Cây đơn vị không được sâu quá %(n)d cấp.") % {"n": MAX_DEPTH}}
        )
    unit.full_clean(exclude=["path"])
    unit.save()
    _set_path(unit)
    Unit.objects.filter(pk=unit.pk).update(path=unit.path, depth=unit.depth)
    return unit


@transaction.atomic
def unit_update(*, unit: Unit, parent: Unit | None, **fields) -> Unit:
    """Change a unit's fields; a new parent moves the whole subtree (one UPDATE)."""
    for key, value in fields.items():
        setattr(unit, key, value)
    moved = (parent.pk if parent else None) != unit.parent_id
    if moved and parent is not None:
        parent.refresh_from_db(fields=["path", "depth"])
        if parent.path.startswith(unit.path):
            raise ValidationError(
                {
                    "parent": _(
                        "Không thể đặt đơn vị “%(unit)s” thuộc chính nó hoặc đơn vị cấp dưới của nó (“%(parent)s”)."
                    )
                    % {"unit": unit.name, "parent": parent.name}
                }
            )
    unit.parent = parent
    unit.full_clean(exclude=["path"])
    old_path, old_depth = unit.path, unit.depth
    if moved:
        _set_path(unit)
        subtree = Unit.objects.in_subtree_of_path(old_path)
        deepest = subtree.order_by("-depth").values_list("depth", flat=True).first()
        if deepest - old_depth + unit.depth >= MAX_DEPTH:
            raise ValidationError(
                {"parent": _("Cây đơn vị không được sâu quá %(n)d cấp.") % {"n": MAX_DEPTH}}
            )
    unit.save()
    if moved:
        shift = unit.depth - old_depth
        Unit.objects.in_subtree_of_path(old_path).update(
            path=Concat(Value(unit.path), Substr("path", len(old_path) + 1, Length("path"))),
            depth=F("depth") + shift,
        )
    return unit


@transaction.atomic
def unit_rename(*, unit: Unit, new_name: str, on: date) -> Unit:
    """Rename from a date; the old name is kept for the period before it."""
    if not new_name.strip():
        raise ValidationError({"name": _("Tên mới không được để trống.")})
    if new_name == unit.name:
        raise ValidationError({"name": _("Tên mới trùng tên hiện tại.")})
    last = unit.former_names.order_by("-valid_to").first()
    start = (last.valid_to + timedelta(days=1)) if last else unit.valid_from
    if start and on <= start:
        raise ValidationError(
            {
                "on": _("Ngày đổi tên phải sau lần đổi tên trước (%(d)s).")
                % {"d": f"{start:%d/%m/%Y}"}
            }
        )
    UnitName.objects.create(
        unit=unit, name=unit.name, valid_from=start, valid_to=on - timedelta(days=1)
    )
    unit.name = new_name
    unit.full_clean(exclude=["path"])
    unit.save(update_fields=["name", "updated_at"])
    return unit


@transaction.atomic
def unit_merge(*, units: list[Unit], into: Unit, on: date, decision=None) -> Unit:
    """Merge units into `into` (existing or new) on a date: the merged units end the day before,
    their history stays readable under their names, and they lead to their successor."""
    for unit in units:
        if unit.pk == into.pk:
            raise ValidationError(
                _("Đơn vị nhận sáp nhập không thể nằm trong danh sách bị sáp nhập.")
            )
        if unit.valid_to and unit.valid_to < on:
            raise ValidationError(
                _("Đơn vị “%(u)s” đã kết thúc ngày %(d)s.")
                % {"u": unit.name, "d": f"{unit.valid_to:%d/%m/%Y}"}
            )
        unit.valid_to = on - timedelta(days=1)
        unit.full_clean(exclude=["path"])
        unit.save(update_fields=["valid_to", "updated_at"])
        UnitSuccession.objects.create(
            predecessor=unit, successor=into, kind=SuccessionKind.MERGE, date=on, decision=decision
        )
    return into


@transaction.atomic
def unit_split(*, unit: Unit, into: list[Unit], on: date, decision=None) -> list[Unit]:
    """Split a unit into several successors on a date."""
    if len(into) < 2:
        raise ValidationError(_("Chia tách cần ít nhất hai đơn vị kế thừa."))
    unit.valid_to = on - timedelta(days=1)
    unit.full_clean(exclude=["path"])
    unit.save(update_fields=["valid_to", "updated_at"])
    for successor in into:
        UnitSuccession.objects.create(
            predecessor=unit,
            successor=successor,
            kind=SuccessionKind.SPLIT,
            date=on,
            decision=decision,
        )
    return into
