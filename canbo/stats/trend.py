"""The headline figures over the years: as of 31 December of each of the last N years and as of the
report's date, in one aggregate scan of the population (one filtered COUNT per figure and date).

Definitions (shown on the dashboard, `TREND_DEFINITION`):

* the population is the report's (active profiles now in the unit's subtree, of the tier),
  without those recruited after the date (`recruited_on` later than the date; a profile without
  a recruitment date is counted every year). People who have left since are not restored;
* ages on 31 December are exact whatever the precision of the date of birth: a date known only
  to the month or the year is stored as the 1st of the month / 1 January (`core.dates`), and by
  31 December of a year everyone born in a given month or year has had their birthday. Only
  the report's own date (if not 31 December) can count someone up to one year older (same rule
  as the age breakdown);
* party members: admitted (`party_joined_on`) on or before the date;
* university or above: the current highest qualification (the profile does not date it);
* ratings: the decided ratings of that year (`evaluation.selectors.rating_trend`).

Every figure links to the people list with the same population (`recruited_to`, `as_of`,
`party_joined_to`, `qualification_min` filters).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

from django.apps import apps
from django.db.models import Case, Count, IntegerField, QuerySet, Value, When
from django.utils.translation import gettext_lazy

from canbo.catalogs.models import ManagementTier, QualificationLevel
from canbo.core.choices import Gender
from canbo.people.models import Person
from canbo.units.models import Unit

from .ages import years_before
from .breakdowns import UNIVERSITY_RANK, population, share

TREND_YEARS = 5
SERIES: tuple[tuple[str, str], ...] = (
    ("female", gettext_lazy("Nữ")),
    ("under40", gettext_lazy("Dưới 40 tuổi")),
    ("party", gettext_lazy("Đảng viên")),
    ("university", gettext_lazy("Đại học trở lên")),
)
TREND_DEFINITION = gettext_lazy(
    "Số liệu tại ngày 31/12 của từng năm và tại ngày báo cáo: cán bộ đang công tác trong phạm vi "
    "(hồ sơ hiện có, không khôi phục người đã nghỉ, chuyển đi), trừ người tuyển dụng sau ngày đó "
    "(hồ sơ không ghi ngày tuyển dụng được tính mọi năm). Tuổi tại ngày 31/12 là chính xác kể cả "
    "khi ngày sinh chỉ ghi tháng/năm hoặc năm (đến 31/12 mọi người sinh trong tháng, năm đó đã qua "
    "sinh nhật); riêng ngày báo cáo (nếu không phải 31/12) dùng quy tắc ngày sinh sớm nhất như "
    "biểu đồ độ tuổi. Đảng viên: ngày vào Đảng không muộn hơn ngày đó. Trình độ đại học trở lên: "
    "trình độ hiện ghi trong hồ sơ (hồ sơ không ghi ngày đạt trình độ). Xếp loại: kết quả đã "
    "quyết định của năm."
)


@dataclass
class Point:
    on: date
    total: int
    counts: dict[str, int]
    shares: dict[str, float | None]
    urls: dict[str, str] = field(default_factory=dict)  # "total" and each series
    ratings: dict | None = None  # {"total": n, "counts": {...}, "shares": {...}}

    @property
    def cells(self) -> list[tuple[int, float | None, str | None]]:
        """(count, share, people-list URL) of each series, in `SERIES` order."""
        return [(self.counts[k], self.shares[k], self.urls.get(k)) for k, _label in SERIES]

    def rating_cells(self, codes) -> list[int | None]:
        if not self.ratings:
            return [None for _code in codes]
        return [self.ratings["counts"].get(code, 0) for code in codes]

    @property
    def label(self) -> str:
        return (
            str(self.on.year)
            if (self.on.month, self.on.day) == (12, 31)
            else self.on.strftime("%d/%m/%Y")
        )


def dates(as_of: date, years: int = TREND_YEARS) -> list[date]:
    ends = [date(y, 12, 31) for y in range(as_of.year - years, as_of.year)]
    return [*ends, as_of] if as_of not in ends else ends


def _filters(on: date, university: QualificationLevel | None) -> dict[str, dict[str, str]]:
    f = {
        "female": {"gender": Gender.FEMALE},
        "under40": {"age_max": "39"},
        "party": {"party_joined_to": on.isoformat()},
    }
    if university is not None:
        f["university"] = {"qualification_min": str(university.pk)}
    return f


def trend(
    people: QuerySet[Person],
    *,
    as_of: date,
    unit: Unit | None = None,
    tier: ManagementTier | None = None,
    years: int = TREND_YEARS,
    list_url: str | None = None,
    groups=None,
) -> list[Point]:
    """The headline figures at each date of `dates(as_of, years)`, oldest first. `groups`: the
    step counts already read by the report's scan (`compute(…, trend_dates=dates(…))`,
    `Report.trend_groups`); otherwise they are read here."""
    pop = population(people, unit=unit, tier=tier).order_by()
    university = QualificationLevel.objects.filter(rank=UNIVERSITY_RANK).order_by("pk").first()
    on_dates = dates(as_of, years)
    if groups is None:
        groups = _query(pop, on_dates)
    elif isinstance(groups, dict):
        groups = list(groups.items())
    row = _sum(groups, len(on_dates))
    # ratings are counted by the tier held when rated: shown for the whole population only
    ratings = _ratings(people, unit, [d.year for d in on_dates]) if tier is None else None
    points = []
    for i, on in enumerate(on_dates):
        total = row[f"total_{i}"]
        counts = {key: row[f"{key}_{i}"] for key, _label in SERIES}
        point = Point(on, total, counts, {k: share(n, total) for k, n in counts.items()})
        if ratings is not None and (on.month, on.day) == (12, 31):
            point.ratings = ratings.get(on.year)
        if list_url is not None:
            base = {"as_of": on.isoformat(), "recruited_to": on.isoformat()}
            if unit is not None:
                base["unit"] = unit.code
            if tier is not None:
                base["management_tier"] = str(tier.pk)
            point.urls["total"] = f"{list_url}?{urlencode(base)}"
            for key, extra in _filters(on, university).items():
                point.urls[key] = f"{list_url}?{urlencode({**base, **extra})}"
        points.append(point)
    return points


TREND_SET: tuple[str, ...] = (
    "recruited_step", "party_step", "young_step", "gender", "university",
)  # fmt: skip


def _step(field: str, bounds: list[date], *, null: int, op: str = "lte") -> Case:
    """The index of the first bound the value is `op` to (len(bounds) if none; `null` if null):
    bounds ascending, so "true at date i" is a comparison of this index with i."""
    whens = [When(**{f"{field}__isnull": True}, then=Value(null))]
    whens += [When(**{f"{field}__{op}": b}, then=Value(i)) for i, b in enumerate(bounds)]
    return Case(*whens, default=Value(len(bounds)), output_field=IntegerField())


def step_annotations(on_dates: list[date]) -> dict:
    """The trend's columns: for each person, from which date on they count (recruited, party
    member) and until which date they are under 40; a few hundred distinct combinations, so
    every figure at every date is a sum over a few hundred groups (`_sum`)."""
    n = len(on_dates)
    university_ids = list(
        QualificationLevel.objects.filter(rank__gte=UNIVERSITY_RANK).values_list("pk", flat=True)
    )
    return {
        "recruited_step": _step("recruited_on", on_dates, null=0),  # counted at i ⟺ step ≤ i
        "party_step": _step("party_joined_on", on_dates, null=n),  # member at i ⟺ step ≤ i
        # under 40 at i ⟺ born after the 40th-birthday cutoff of i ⟺ i < step
        "young_step": _step("birth_date", [years_before(d, 40) for d in on_dates], null=0),
        "university": Case(
            When(qualification_level_id__in=university_ids, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        ),
    }


def _query(pop: QuerySet[Person], on_dates: list[date]) -> list[tuple]:
    """The step groups by a query of their own (when the report's scan did not count them)."""
    grouped = (
        pop.annotate(**step_annotations(on_dates))
        .values_list(*TREND_SET)
        .annotate(n=Count("*"))
        .order_by()
    )
    return [(key[:-1], key[-1]) for key in grouped]


def _sum(groups, n: int) -> dict[str, int]:
    row = {f"{key}_{i}": 0 for i in range(n) for key in ("total", *dict(SERIES))}
    for (recruited, party, young, gender, university), count in groups:
        for i in range(recruited, n):
            row[f"total_{i}"] += count
            if gender == Gender.FEMALE:
                row[f"female_{i}"] += count
            if i < young:
                row[f"under40_{i}"] += count
            if party <= i:
                row[f"party_{i}"] += count
            if university:
                row[f"university_{i}"] += count
    return row


def _ratings(people: QuerySet[Person], unit: Unit | None, years: list[int]) -> dict | None:
    """Decided ratings per year in the subtree, if the evaluation app has any for these years."""
    if unit is None or not apps.is_installed("canbo.evaluation"):
        return None
    from canbo.evaluation.selectors import rating_trend

    scope = people if people.query.where else None  # an administrator's scope: no semi-join
    rows = {r["year"]: r for r in rating_trend(unit, years, scope) if r["total"]}
    return rows or None


def rating_labels() -> list[tuple[str, str]]:
    from canbo.evaluation.choices import RATING_ORDER, Rating

    return [(r, str(Rating(r).label)) for r in RATING_ORDER]
