"""Reads of the stats app, always over the people the user may see."""

from __future__ import annotations

from datetime import date

from canbo.access.scope import people_for, units_for
from canbo.catalogs.models import ManagementTier
from canbo.units.models import Unit

from .breakdowns import Report, compute
from .indicators import Result, evaluate_all


def unit_report(
    user,
    *,
    unit: Unit,
    as_of: date,
    tier: ManagementTier | None = None,
    period: tuple[date, date] | None = None,
    trend_dates: list[date] | None = None,
) -> Report:
    """The statistics of a unit's subtree over `people_for(user, "view")`: nobody outside the
    user's grants is counted."""
    return compute(
        people_for(user, "view"), as_of=as_of, unit=unit, tier=tier, period=period,
        trend_dates=trend_dates,
    )  # fmt: skip


def unit_indicators(user, *, unit: Unit, on: date) -> list[Result]:
    return evaluate_all(unit, people=people_for(user, "view"), on=on)


def default_unit(user) -> Unit | None:
    """The highest unit the user may view (the start page of the dashboard)."""
    return units_for(user, "view").order_by("depth", "path").first()
