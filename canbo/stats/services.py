"""Writes of the stats app (keyword-only, atomic, validated)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from .choices import IndicatorKind
from .models import Indicator, IndicatorCondition, IndicatorEntry


@transaction.atomic
def indicator_entry_add(
    *, indicator: Indicator, value: Decimal, as_of: date, source: str, note: str = "", user=None
) -> IndicatorEntry:
    """Record a hand-entered value of a manual indicator, with its source and date."""
    if indicator.kind != IndicatorKind.MANUAL:
        raise ValidationError(_("Chỉ tiêu này được tính từ dữ liệu, không nhập tay."))
    entry = IndicatorEntry(
        indicator=indicator, value=value, as_of=as_of, source=source.strip(), note=note.strip(),
        entered_by=user if user is not None and user.is_authenticated else None,
    )  # fmt: skip
    entry.full_clean()
    entry.save()
    return entry


class StaleIndicatorError(Exception):
    """The indicator was saved by someone else after this edit began."""

    def __init__(self, current: Indicator):
        super().__init__(_("Chỉ tiêu đã được người khác cập nhật trong lúc bạn sửa."))
        self.current = current


def _condition_rows(
    indicator: Indicator, conditions: list[tuple[str, str, str, str]]
) -> list[IndicatorCondition]:
    """The condition rows, validated (field, operator, value; a locality condition needs a
    population of post holders); raises one ValidationError listing every problem."""
    rows = [
        IndicatorCondition(indicator=indicator, role=role, field=f, operator=op, value=value)
        for role, f, op, value in conditions
    ]
    errors = []
    for i, row in enumerate(rows, start=1):
        try:
            row.full_clean(exclude=["indicator"])
        except ValidationError as exc:
            errors.append(_("Điều kiện %(i)d: %(e)s") % {"i": i, "e": "; ".join(exc.messages)})
    from .conditions import FIELDS, LOCALITY, POST

    subjects = {(r.role, FIELDS[r.field].subject) for r in rows if r.field in FIELDS}
    if any(s == LOCALITY for _r, s in subjects) and ("population", POST) not in subjects:
        errors.append(
            _("Điều kiện “không phải người địa phương” cần đối tượng là người giữ vị trí "
              "(chức danh, chủ chốt …).")
        )  # fmt: skip
    if errors:
        raise ValidationError(errors)
    return rows


@transaction.atomic
def indicator_declare(*, conditions: list[tuple[str, str, str, str]] = (), **fields) -> Indicator:
    """Declare an indicator with its condition rows (role, field, operator, value), all
    validated before anything is written."""
    indicator = Indicator(**fields)
    indicator.full_clean()
    rows = _condition_rows(indicator, list(conditions))
    indicator.version = 1
    indicator.save()
    for row in rows:
        row.indicator = indicator
        row.save()
    return indicator


@transaction.atomic
def indicator_update(
    *, indicator: Indicator, expected_version: int, conditions: list[tuple[str, str, str, str]]
) -> Indicator:
    """Save `indicator` (already holding the new values) and replace its conditions, if nobody
    saved it since `expected_version`; otherwise raise StaleIndicatorError with the current
    record. Everything is validated before anything is written."""
    indicator.full_clean()
    rows = _condition_rows(indicator, conditions)
    current = Indicator.objects.select_for_update().get(pk=indicator.pk)
    if current.version != expected_version:
        raise StaleIndicatorError(current)
    indicator.version = F("version") + 1
    indicator.save()
    indicator.refresh_from_db(fields=["version"])
    indicator.conditions.all().delete()
    for row in rows:
        row.indicator = indicator
        row.save()
    return indicator
