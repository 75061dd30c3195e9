"""Reads of the evaluation app: rating distributions, cycle progress, a unit's evaluations."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from canbo.catalogs.models import ManagementTier
from canbo.units.models import Unit, path_upper_bound

from .choices import RATING_ABBREVIATIONS, RATING_ORDER, EvaluationStatus, Rating
from .models import Evaluation, EvaluationCycle

NO_TIER = "-"


def _share(part: int, total: int) -> Decimal:
    return (Decimal(part) * 100 / total).quantize(Decimal("0.1")) if total else Decimal(0)


def _row(label: str, code: str, counts: dict[str, int]) -> dict:
    total = sum(counts.values())
    return {
        "code": code,
        "label": label,
        "total": total,
        "counts": {r: counts.get(r, 0) for r in RATING_ORDER},
        "shares": {r: _share(counts.get(r, 0), total) for r in RATING_ORDER},
    }


def cells(row: dict) -> list[tuple[int, Decimal]]:
    """(count, share) per rating, best first: for templates."""
    return [(row["counts"][r], row["shares"][r]) for r in RATING_ORDER]


def decided_in_subtree(unit: Unit, year: int | None = None, people=None) -> QuerySet[Evaluation]:
    """Decided ratings of people rated in `unit`'s subtree (the unit they were in that year);
    `people`: a Person queryset the reader may see (`people_for(user, "view")`)."""
    qs = Evaluation.objects.filter(
        unit__path__gte=unit.path, unit__path__lt=path_upper_bound(unit.path)
    ).exclude(rating="")
    if year is not None:
        qs = qs.filter(year=year)
    if people is not None:
        qs = qs.filter(person__in=people.values("pk"))
    return qs


def rating_distribution(unit: Unit, year: int, people=None) -> dict:
    """Counts and shares of each rating in `unit`'s subtree for `year`, in total and by
    management tier: {"unit", "year", "total": row, "tiers": [row, …]}."""
    grouped = (
        decided_in_subtree(unit, year, people)
        .values("management_tier_id", "rating")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_tier: dict[int | None, dict[str, int]] = defaultdict(dict)
    total: dict[str, int] = defaultdict(int)
    for g in grouped:
        by_tier[g["management_tier_id"]][g["rating"]] = g["n"]
        total[g["rating"]] += g["n"]
    tiers = {t.pk: t for t in ManagementTier.objects.filter(pk__in=[k for k in by_tier if k])}
    rows = []
    for tier_id, counts in sorted(
        by_tier.items(), key=lambda kv: -(tiers[kv[0]].rank if kv[0] in tiers else -1)
    ):
        tier = tiers.get(tier_id)
        rows.append(
            _row(
                tier.name if tier else _("(chưa xác định diện quản lý)"),
                tier.code if tier else NO_TIER,
                counts,
            )
        )
    return {
        "unit": {"code": unit.code, "name": unit.name},
        "year": year,
        "ratings": [
            {"code": r, "label": str(Rating(r).label), "abbreviation": RATING_ABBREVIATIONS[r]}
            for r in RATING_ORDER
        ],
        "total": _row(_("Tổng số"), "", dict(total)),
        "tiers": rows,
    }


def rating_trend(unit: Unit, years: list[int] | None = None, people=None) -> list[dict]:
    """The total row of each year with ratings in the subtree (or of `years`), oldest first."""
    grouped = (
        decided_in_subtree(unit, None, people)
        .values("year", "rating")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_year: dict[int, dict[str, int]] = defaultdict(dict)
    for g in grouped:
        by_year[g["year"]][g["rating"]] = g["n"]
    wanted = sorted(years) if years else sorted(by_year)
    return [{"year": y, **_row(str(y), str(y), by_year.get(y, {}))} for y in wanted]


def cycle_progress(cycle: EvaluationCycle, people=None) -> list[dict]:
    """Per unit of the cycle: how many evaluations are at each step (who is not done yet)."""
    qs = cycle.evaluations.all()
    if people is not None:
        qs = qs.filter(person__in=people.values("pk"))
    grouped = qs.values("unit_id", "status").annotate(n=Count("pk")).order_by()
    by_unit: dict[int, dict[str, int]] = defaultdict(dict)
    for g in grouped:
        by_unit[g["unit_id"]][g["status"]] = g["n"]
    units = Unit.objects.in_bulk(list(by_unit))
    out = []
    for unit_id, counts in by_unit.items():
        unit = units[unit_id]
        total = sum(counts.values())
        decided = counts.get(EvaluationStatus.DECIDED, 0)
        out.append(
            {
                "unit": unit,
                "total": total,
                "decided": decided,
                "pending": total - decided,
                "counts": {s: counts.get(s, 0) for s in EvaluationStatus.values},
            }
        )
    out.sort(key=lambda r: r["unit"].path)
    return out


def unit_evaluations(cycle: EvaluationCycle, unit: Unit, people=None) -> QuerySet[Evaluation]:
    """The evaluations of one unit in a cycle, with what the list shows, in one query."""
    qs = cycle.evaluations.filter(unit=unit).select_related("person", "management_tier")
    if people is not None:
        qs = qs.filter(person__in=people.values("pk"))
    return qs.only(
        "pk", "status", "proposed_rating", "rating", "general_score", "results_score", "is_head",
        "months_absent", "person_id",
        "person__full_name", "person__birth_date", "person__given_name", "person__search_name",
        "management_tier__name", "unit_id", "year", "cycle_id",
    ).order_by("person__given_name", "person__search_name", "pk")  # fmt: skip
