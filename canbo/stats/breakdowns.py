"""Standard statistics (báo cáo thống kê) over a queryset of people, in SQL aggregates.

`compute(people, unit=…, tier=…, as_of=…)` takes the people the user may see
(`access.scope.people_for(user, "view")`), narrows them to the population (active profiles in
the unit's subtree, optionally of one management tier) and returns a :class:`Report`: counts and
shares per breakdown, each with the Vietnamese definition shown beside it. The population is
read in one aggregate scan (`grouped_counts`: GROUPING SETS on PostgreSQL, two GROUP BYs
elsewhere); Python then only sums a few thousand groups — never a loop over people. Key-post
holders (a few per unit) are read as rows, since locality follows area links.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date
from operator import itemgetter
from urllib.parse import urlencode

from django.apps import apps
from django.core.exceptions import EmptyResultSet
from django.db import connections, transaction
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from canbo.catalogs.models import (
    Ethnicity,
    ManagementTier,
    PoliticalTheoryLevel,
    QualificationLevel,
    Religion,
    StateManagementRank,
)
from canbo.core.choices import Gender
from canbo.core.lookups import in_array
from canbo.people.choices import PersonStatus
from canbo.people.models import Person
from canbo.posts.models import Assignment, Post
from canbo.rules.retirement import months_of_service_left
from canbo.units.models import Unit

from .ages import AGE_GROUPS, AGE_TARGETS, is_uncertain, years_before
from .locality import LocalityResolver
from .populations import RETIREMENT_BANDS, retirement_band

NULL = "null"  # the people list's value for "not recorded" (django-filter's null choice)

# catalogs.data ranks: Đại học = 5 (QualificationLevel), Trung cấp = 2 (PoliticalTheoryLevel)
UNIVERSITY_RANK = 5
INTERMEDIATE_THEORY_RANK = 2


@dataclass
class Row:
    key: str
    label: str
    count: int
    share: float | None = None  # percent of the breakdown's base, 1 decimal
    filters: dict[str, str] | None = None  # people-list query for the people behind the row
    url: str | None = None
    extra: dict = field(default_factory=dict)  # e.g. female/male for the age pyramid


@dataclass
class Breakdown:
    key: str
    title: str
    definition: str
    rows: list[Row]
    chart: str = "bar"  # "bar", "pie", "pyramid"
    base: int = 0  # the denominator of the shares
    extra: dict = field(default_factory=dict)
    # what the share column means when it is not "share of the base" (the key posts: the share
    # held by non-local people); the charts then show the count only, the share in the tooltip
    share_label: str = ""


@dataclass
class Report:
    unit_code: str | None
    unit_name: str
    tier_code: str | None
    as_of: date
    total: int
    population: str  # definition of the population
    headline: list[Row] = field(default_factory=list)
    breakdowns: list[Breakdown] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    tier_id: int | None = None
    trend_groups: Counter | None = None  # with `trend_dates`: counts per trend step (trend.py)
    flat: dict = field(default_factory=dict)  # the stable JSON keys (docs/STATS.md)

    def breakdown(self, key: str) -> Breakdown:
        return next(b for b in self.breakdowns if b.key == key)

    def to_json(self) -> dict:
        data = {
            "unit": self.unit_code,
            "unit_name": self.unit_name,
            "tier": self.tier_code,
            "as_of": self.as_of.isoformat(),
            "population": self.population,
            **self.flat,
            "breakdowns": [
                {
                    "key": b.key,
                    "title": b.title,
                    "definition": b.definition,
                    "base": b.base,
                    "rows": [
                        {k: v for k, v in asdict(r).items() if k not in ("filters", "url")}
                        for r in b.rows
                    ],
                }
                for b in self.breakdowns
            ],
            "notes": self.notes,
        }
        return data


def share(count: int, base: int) -> float | None:
    """Percent with one decimal, rounded half up as reports print it (17/32 → 53.1)."""
    if not base:
        return None
    return int(count * 1000 / base + 0.5) / 10


def population(
    people: QuerySet[Person], *, unit: Unit | None = None, tier: ManagementTier | None = None
) -> QuerySet[Person]:
    """Active profiles in the unit's subtree (and of the tier), among the given people."""
    qs = people.filter(status=PersonStatus.ACTIVE)
    if unit is not None:
        qs = qs.in_subtree(unit)
    if tier is not None:
        qs = qs.filter(management_tier=tier)
    return qs


def population_text(unit: Unit | None, tier: ManagementTier | None, as_of: date) -> str:
    where = unit.name if unit else _("toàn bộ đơn vị được phân quyền")
    text = _(
        "Cán bộ, công chức, viên chức có hồ sơ đang công tác tại %(where)s và các đơn vị trực thuộc"
    ) % {"where": where}
    if tier is not None:
        text += _(", thuộc diện %(tier)s") % {"tier": tier.name}
    text += _(
        "; tuổi, chức vụ và thời gian công tác còn lại tính đến ngày %(date)s. Danh sách là hồ sơ "
        "hiện có (trạng thái “đang công tác”): chọn ngày trong quá khứ không khôi phục những "
        "người đã nghỉ, chuyển đi."
    ) % {"date": date_format(as_of, "d/m/Y")}
    return text


# Finer age bands from which both the standard groups and the target thresholds are summed.
_BANDS: tuple[tuple[str, int], ...] = (
    ("le30", 31), ("31_34", 35), ("35_39", 40), ("40", 41), ("41_44", 45), ("45_50", 51),
    ("51_60", 61),
)  # fmt: skip
_BAND_SUMS: dict[str, tuple[str, ...]] = {
    "le30": ("le30",),
    "31_40": ("31_34", "35_39", "40"),
    "41_50": ("41_44", "45_50"),
    "51_60": ("51_60",),
    "gt60": ("gt60",),
    "under35": ("le30", "31_34"),
    "under40": ("le30", "31_34", "35_39"),
    "under45": ("le30", "31_34", "35_39", "40", "41_44"),
}
_CATALOG_FIELDS = (
    "ethnicity_id", "religion_id", "qualification_level_id", "political_theory_id",
    "state_management_id", "management_tier_id",
)  # fmt: skip
# The two groupings of the one scan: the catalog columns and party membership together (a few
# thousand combinations: each breakdown is a sum over them), and the distinct dates of birth by
# gender and precision, from which ages, age groups, partial-date counts and retirement are
# derived in Python (a few tens of thousands of groups whatever the number of people).
# Two sets hash each row twice; one set per breakdown (8) was twice as slow at 1,000,000.
_CATALOG_SET: tuple[str, ...] = (*_CATALOG_FIELDS, "party")
_BIRTH_SET: tuple[str, ...] = ("gender", "birth_date", "birth_date_precision")
_GROUPINGS: tuple[tuple[str, ...], ...] = (_CATALOG_SET, _BIRTH_SET)


def _annotated(
    pop: QuerySet[Person], as_of: date, trend_dates: list[date] | None = None
) -> QuerySet:
    party = Case(
        When(party_joined_on__isnull=False, then=Value(1)), default=Value(0),
        output_field=IntegerField(),
    )  # fmt: skip
    qs = pop.order_by().annotate(party=party)
    if trend_dates:
        from .trend import step_annotations

        qs = qs.annotate(**step_annotations(trend_dates))
    return qs


def _groupings(trend_dates: list[date] | None) -> tuple[tuple[str, ...], ...]:
    if not trend_dates:
        return _GROUPINGS
    from .trend import TREND_SET

    return (*_GROUPINGS, TREND_SET)


def _band(age: int) -> str:
    return next((key for key, limit in _BANDS if age < limit), "gt60")


def _band_function(as_of: date):
    """born → age band on `as_of`, by comparing with the band limits' birthdays once computed
    (age < N ⟺ born after `years_before(as_of, N)`; the same rule as `core.dates.age_on`)."""
    # the cutoffs fall as the limits rise: born after the k-th cutoff ⟹ after every later one,
    # so the band is found by bisecting the ascending cutoffs (called once per distinct date)
    keys = [key for key, _limit in _BANDS]
    ascending = [years_before(as_of, limit) for _key, limit in reversed(_BANDS)]
    n = len(keys)

    def band_of(born: date) -> str:
        after = bisect_left(ascending, born)  # how many cutoffs `born` is strictly after
        return keys[n - after] if after else "gt60"

    return band_of


def grouped_counts(
    pop: QuerySet[Person], as_of: date, one_scan: bool = True,
    trend_dates: list[date] | None = None,
) -> dict[tuple[str, ...], Counter]:  # fmt: skip
    """Counts per value of every grouping in `_GROUPINGS` (and, with `trend_dates`, of the
    trend's step columns, `trend.TREND_SET`: the trend then costs no scan of its own).

    PostgreSQL: one query, one scan (`GROUP BY GROUPING SETS`). Other databases (or
    `one_scan=False`): one `GROUP BY` per grouping. Both give the same result (tests compare
    them on PostgreSQL)."""
    qs = _annotated(pop, as_of, trend_dates)
    groupings = _groupings(trend_dates)
    if one_scan and connections[qs.db].vendor == "postgresql":
        return _grouping_sets(qs, groupings)
    return separate_group_bys(qs, groupings)


def separate_group_bys(
    qs: QuerySet, groupings: tuple[tuple[str, ...], ...] = _GROUPINGS
) -> dict[tuple[str, ...], Counter]:
    result = {}
    for cols in groupings:
        result[cols] = Counter(
            {row[:-1]: row[-1] for row in qs.values_list(*cols).annotate(n=Count("*")).values_list(*cols, "n")}
        )  # fmt: skip
    return result


def _grouping_sets(
    qs: QuerySet, groupings: tuple[tuple[str, ...], ...] = _GROUPINGS
) -> dict[tuple[str, ...], Counter]:
    columns = sorted({c for cols in groupings for c in cols})
    result: dict[tuple[str, ...], Counter] = {cols: Counter() for cols in groupings}
    try:
        inner_sql, params = qs.values(*columns).query.sql_with_params()
    except EmptyResultSet:  # e.g. a user without any grant: nobody to count
        return result
    quoted = {c: connection_quote(c) for c in columns}
    sets = ", ".join("(" + ", ".join(quoted[c] for c in cols) + ")" for cols in groupings)
    grouping = "GROUPING(" + ", ".join(quoted[c] for c in columns) + ")"
    sql = (
        f"SELECT {', '.join(quoted[c] for c in columns)}, {grouping}, COUNT(*) "
        f"FROM ({inner_sql}) AS pop GROUP BY GROUPING SETS ({sets})"
    )
    # GROUPING(...) has a bit set (first column = highest bit) for each column NOT grouped
    masks = {}
    for cols in groupings:
        mask = 0
        for i, c in enumerate(columns):
            if c not in cols:
                mask |= 1 << (len(columns) - 1 - i)
        masks[mask] = cols
    index = {c: i for i, c in enumerate(columns)}
    getters = {m: (cols, itemgetter(*(index[c] for c in cols))) for m, cols in masks.items()}
    # JIT compilation of the CASE expressions costs seconds on a million rows and saves nothing;
    # enough work memory lets every grouping set be hashed in the one pass instead of sorted.
    with transaction.atomic(using=qs.db), connections[qs.db].cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")
        cursor.execute("SET LOCAL work_mem = '64MB'")
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    # plain dicts while adding up (a Counter's missing key costs a method call per new key)
    sums: dict[tuple[str, ...], dict] = {cols: {} for cols in groupings}
    for row in rows:
        cols, get = getters[row[-2]]
        key = get(row)
        acc = sums[cols]
        key = key if len(cols) > 1 else (key,)
        acc[key] = acc.get(key, 0) + row[-1]
    for cols, acc in sums.items():
        result[cols].update(acc)
    return result


def connection_quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _catalog_rows(model, counts: Counter, total: int, filter_name: str | None, none_key: str,
                  none_label: str, key_attr: str = "code") -> list[Row]:  # fmt: skip
    rows = []
    for item in model.objects.order_by("sort_order", "-rank", "name"):
        n = counts.get(item.pk, 0)
        rows.append(
            Row(
                getattr(item, key_attr),
                item.name,
                n,
                share(n, total),
                {filter_name: str(item.pk)} if filter_name else None,
            )
        )
    none = counts.get(None, 0)
    rows.append(
        Row(none_key, none_label, none, share(none, total),
            {filter_name: NULL} if filter_name else None)
    )  # fmt: skip
    return rows


def _key_posts(pop: QuerySet[Person], unit: Unit | None, as_of: date) -> dict:
    """Current key posts held by the population: holders, holdings by title, non-local ones.

    The key posts are few: they are read first, then their current holders (the key posts'
    ids as one array parameter on PostgreSQL, `core.lookups.in_array`: ~6 ms at 100,000 people, against
    ~18 ms for a join on the title's flag), then those holders among the population (their ids
    likewise: cheaper than a semi-join of the assignments with the population)."""
    posts = {
        pk: rest
        for pk, *rest in Post.objects.filter(title__is_key=True).values_list(
            "pk", "unit__area_id", "title_id", "title__name", "title__rank"
        )
    }
    held = list(
        Assignment.objects.active_on(as_of)
        .filter(in_array("post_id", posts))
        .order_by()
        .values_list("person_id", "post_id")
    )
    holders_data = {
        pk: rest
        for pk, *rest in pop.filter(
            in_array("pk", sorted({p for p, _post in held}), pop.db)
        ).values_list("pk", "hometown_id", "qualification_level__rank", "political_theory__rank")
    }
    # (person, hometown, post area, title, title name, title rank, qualification, theory)
    rows = [
        (person, holders_data[person][0], *posts[post], *holders_data[person][1:])
        for person, post in held
        if person in holders_data and post in posts
    ]
    resolver = LocalityResolver({r[1] for r in rows} | {r[2] for r in rows})
    holders, non_local_holders, unknown_holders = set(), set(), set()
    university, theory_mid = set(), set()
    by_title: dict[int, dict] = {}
    for person, home, area, title, name, rank, q_rank, t_rank in rows:
        holders.add(person)
        if q_rank is not None and q_rank >= UNIVERSITY_RANK:
            university.add(person)
        if t_rank is not None and t_rank >= INTERMEDIATE_THEORY_RANK:
            theory_mid.add(person)
        local = resolver.is_local(home, area)
        t = by_title.setdefault(
            title, {"name": name, "rank": rank, "held": 0, "non_local": 0, "unknown": 0}
        )
        t["held"] += 1
        if local is False:
            t["non_local"] += 1
            non_local_holders.add(person)
        elif local is None:
            t["unknown"] += 1
            unknown_holders.add(person)
    return {
        "holdings": len(rows),
        "holders": len(holders),
        "non_local_holders": len(non_local_holders),
        "unknown_locality": len(unknown_holders - non_local_holders),
        "university": len(university),
        "theory_intermediate": len(theory_mid),
        "by_title": sorted(by_title.items(), key=lambda kv: (-kv[1]["rank"], kv[1]["name"])),
    }


def _retirement(groups: Counter, as_of: date) -> Counter:
    """People per years-to-retirement band from the counts per gender, birth year and month: the
    retirement rule (rules.retirement, RULES §7) is applied once per group, not per person."""
    bands: Counter = Counter()
    for (gender, year, month), n in groups.items():
        if gender not in (Gender.MALE, Gender.FEMALE):
            bands["unknown"] += n
            continue
        left = months_of_service_left(gender, date(year, month, 1), "month", as_of)
        bands[retirement_band(left)] += n
    return bands


def _birth_groups(groups: Counter, as_of: date) -> tuple[Counter, Counter, Counter]:
    """From the counts per (gender, birth date, precision): per (gender, age band), per
    (precision, age group uncertain) and per (gender, birth year, birth month). A loop over
    tens of thousands of distinct dates: the band and the uncertainty are worked out once per
    date, the sums kept in plain dicts."""
    band_of = _band_function(as_of)
    bands: dict[date, str] = {}
    uncertain: dict[tuple[date, str], int] = {}
    gender_band: dict = {}
    precision: dict = {}
    birth_months: dict = {}
    for (gender, born, prec), n in groups.items():
        band = bands.get(born)
        if band is None:
            band = bands[born] = band_of(born)
        key = (gender, band)
        gender_band[key] = gender_band.get(key, 0) + n
        if prec == "day":
            key = (prec, 0)
        else:
            u = uncertain.get((born, prec))
            if u is None:
                u = uncertain[(born, prec)] = int(is_uncertain(born, prec, as_of))
            key = (prec, u)
        precision[key] = precision.get(key, 0) + n
        key = (gender, born.year, born.month)
        birth_months[key] = birth_months.get(key, 0) + n
    return Counter(gender_band), Counter(precision), Counter(birth_months)


def compute(
    people: QuerySet[Person],
    *,
    as_of: date,
    unit: Unit | None = None,
    tier: ManagementTier | None = None,
    one_scan: bool = True,
    period: tuple[date, date] | None = None,
    trend_dates: list[date] | None = None,
) -> Report:
    """The standard statistics of the population (see module doc); with a `period`, also the
    people who joined, moved or left during it."""
    pop = population(people, unit=unit, tier=tier)

    g = grouped_counts(pop, as_of, one_scan, trend_dates)
    trend_groups = next((c for cols, c in g.items() if cols not in _GROUPINGS), None)
    by_field: dict[str, Counter] = {f: Counter() for f in _CATALOG_SET}
    for key, n in g[_CATALOG_SET].items():
        for f, value in zip(_CATALOG_SET, key, strict=True):
            by_field[f][value] += n
    ethnicity = by_field["ethnicity_id"]
    religion = by_field["religion_id"]
    qualification = by_field["qualification_level_id"]
    theory = by_field["political_theory_id"]
    management = by_field["state_management_id"]
    tiers = by_field["management_tier_id"]
    party_counts = by_field["party"]
    gender_band, precision, birth_months = _birth_groups(g[_BIRTH_SET], as_of)
    total = sum(party_counts.values())
    s = {
        "total": total,
        "female": sum(n for (gender, _b), n in gender_band.items() if gender == Gender.FEMALE),
        "male": sum(n for (gender, _b), n in gender_band.items() if gender == Gender.MALE),
        "party_members": party_counts.get(1, 0),
        "precision_month": sum(n for (p, _u), n in precision.items() if p == "month"),
        "precision_year": sum(n for (p, _u), n in precision.items() if p == "year"),
        "age_uncertain": sum(n for (_p, u), n in precision.items() if u == 1),
    }
    for key_, bands in _BAND_SUMS.items():
        s[f"age_{key_}"] = sum(n for (_g, b), n in gender_band.items() if b in bands)
        s[f"age_{key_}_female"] = sum(
            n for (gender, b), n in gender_band.items() if b in bands and gender == Gender.FEMALE
        )
    retirement = _retirement(birth_months, as_of)
    key = _key_posts(pop, unit, as_of)

    ethnicities = {e.pk: e for e in Ethnicity.objects.all()}
    kinh = sum(n for pk, n in ethnicity.items() if pk is not None and ethnicities[pk].is_majority)
    minority = sum(
        n for pk, n in ethnicity.items() if pk is not None and not ethnicities[pk].is_majority
    )
    religions = {r.pk: r for r in Religion.objects.all()}
    religious = sum(n for pk, n in religion.items() if pk is not None and not religions[pk].is_none)
    theory_levels = list(PoliticalTheoryLevel.objects.all())
    advanced = sum(theory.get(t.pk, 0) for t in theory_levels if t.rank >= 3)

    report = Report(
        unit_code=unit.code if unit else None,
        unit_name=unit.name if unit else _("Toàn bộ"),
        tier_code=tier.code if tier else None,
        tier_id=tier.pk if tier else None,
        as_of=as_of,
        total=total,
        population=population_text(unit, tier, as_of),
    )
    pct = lambda n: share(n, total)  # noqa: E731

    report.headline = [
        Row("total", _("Tổng số"), total, None, {}),
        Row("female", _("Nữ"), s["female"], pct(s["female"]), {"gender": "female"}),
        Row("party_members", _("Đảng viên"), s["party_members"], pct(s["party_members"]),
            {"party_member": "yes"}),
        Row("ethnic_minority", _("Dân tộc thiểu số"), minority, pct(minority),
            {"ethnicity": "minority"}),
        Row("under40", _("Dưới 40 tuổi"), s["age_under40"], pct(s["age_under40"]),
            {"age_max": "39"}),
        Row("key_post_holders", _("Giữ chức danh chủ chốt"), key["holders"],
            pct(key["holders"]), {"key_post": "yes"}),
        Row("non_local_key_post_holders", _("Chủ chốt không phải người địa phương"),
            key["non_local_holders"], share(key["non_local_holders"], key["holders"]),
            {"key_post_locality": "non_local"}),
    ]  # fmt: skip

    B = report.breakdowns
    B.append(
        Breakdown(
            "gender",
            _("Giới tính"),
            _("Số người theo giới tính ghi trong hồ sơ; tỷ lệ trên tổng số."),
            [
                Row("male", _("Nam"), s["male"], pct(s["male"]), {"gender": "male"}),
                Row("female", _("Nữ"), s["female"], pct(s["female"]), {"gender": "female"}),
            ],
            chart="pie",
            base=total,
        )
    )
    age_rows = []
    for g in AGE_GROUPS:
        n, f = s[f"age_{g.key}"], s[f"age_{g.key}_female"]
        age_rows.append(
            Row(
                g.key, str(g.label), n, pct(n), g.list_filters(), extra={"female": f, "male": n - f}
            )
        )
    B.append(
        Breakdown(
            "age_groups",
            _("Độ tuổi"),
            _(
                "Tuổi tròn tính đến ngày báo cáo. Ngày sinh chỉ ghi tháng/năm hoặc năm được tính "
                "theo ngày sinh sớm nhất có thể (ngày 01 của tháng, ngày 01/01 của năm), nên có "
                "thể được tính hơn tối đa 1 tuổi, không bao giờ ít hơn. %(month)d người chỉ ghi "
                "tháng/năm sinh, %(year)d người chỉ ghi năm sinh; %(uncertain)d người trong số đó "
                "có thể thuộc nhóm tuổi khác nếu biết đủ ngày sinh."
            )
            % {
                "month": s["precision_month"],
                "year": s["precision_year"],
                "uncertain": s["age_uncertain"],
            },
            age_rows,
            chart="pyramid",
            base=total,
        )
    )
    B.append(
        Breakdown(
            "age_targets",
            _("Độ tuổi theo chỉ tiêu"),
            _(
                "“Dưới N tuổi”: chưa đủ N tuổi tròn vào ngày báo cáo (cùng quy tắc ngày sinh "
                "sớm nhất như trên)."
            ),
            [
                Row(
                    g.key, str(g.label), s[f"age_{g.key}"], pct(s[f"age_{g.key}"]), g.list_filters()
                )
                for g in AGE_TARGETS
            ],  # fmt: skip
            base=total,
        )
    )
    eth_rows = [
        Row("kinh", _("Kinh"), kinh, pct(kinh),
            {"ethnicity": str(next((e.pk for e in ethnicities.values() if e.is_majority), ""))}),
        Row("minority", _("Dân tộc thiểu số"), minority, pct(minority), {"ethnicity": "minority"}),
    ]  # fmt: skip
    groups = sorted(
        ((ethnicities[pk], n) for pk, n in ethnicity.items() if pk and not ethnicities[pk].is_majority),
        key=lambda en: (-en[1], en[0].code),
    )  # fmt: skip
    eth_rows += [
        Row(f"minority:{e.code}", "— " + e.name, n, pct(n), {"ethnicity": str(e.pk)})
        for e, n in groups
    ]
    if ethnicity.get(None):
        eth_rows.append(
            Row(
                "unknown",
                _("Chưa ghi dân tộc"),
                ethnicity[None],
                pct(ethnicity[None]),
                {"ethnicity": NULL},
            )
        )
    B.append(
        Breakdown(
            "ethnicity",
            _("Dân tộc"),
            _(
                "Kinh và các dân tộc thiểu số (53 dân tộc còn lại theo danh mục của Tổng cục "
                "Thống kê), rồi từng dân tộc thiểu số có người."
            ),
            eth_rows,
            base=total,
        )
    )
    rel_rows = [
        Row(r.code, r.name, religion.get(r.pk, 0), pct(religion.get(r.pk, 0)),
            {"religion": str(r.pk)})
        for r in sorted(religions.values(), key=lambda r: r.code)
        if religion.get(r.pk) or r.is_none
    ]  # fmt: skip
    if religion.get(None):
        rel_rows.append(
            Row(
                "unknown",
                _("Chưa ghi tôn giáo"),
                religion[None],
                pct(religion[None]),
                {"religion": NULL},
            )
        )
    B.append(
        Breakdown(
            "religion",
            _("Tôn giáo"),
            _(
                "Tôn giáo ghi trong hồ sơ (“Không” là không theo tôn giáo). Có đạo: %(n)d "
                "người (%(p)s%%)."
            )
            % {"n": religious, "p": _fmt_pct(pct(religious))},
            rel_rows,
            base=total,
        )
    )
    party = s["party_members"]
    B.append(
        Breakdown(
            "party",
            _("Đảng viên"),
            _("Người có ngày vào Đảng trong hồ sơ (kể cả đảng viên dự bị)."),
            [
                Row("yes", _("Đảng viên"), party, pct(party), {"party_member": "yes"}),
                Row(
                    "no",
                    _("Chưa là đảng viên"),
                    total - party,
                    pct(total - party),
                    {"party_member": "no"},
                ),
            ],  # fmt: skip
            chart="pie",
            base=total,
        )
    )
    B.append(
        Breakdown(
            "qualification",
            _("Trình độ chuyên môn"),
            _(
                "Trình độ chuyên môn cao nhất ghi trong hồ sơ (tiến sĩ, thạc sĩ, đại học, cao "
                "đẳng, trung cấp, sơ cấp, chưa qua đào tạo — RULES §9.3); “chưa ghi” là hồ sơ "
                "để trống."
            ),
            _catalog_rows(
                QualificationLevel,
                qualification,
                total,
                "qualification_level",
                "unknown",
                _("Chưa ghi"),
            ),  # fmt: skip
            base=total,
        )
    )
    lowest_advanced = min((t for t in theory_levels if t.rank >= 3), key=lambda t: t.rank,
                          default=None)  # fmt: skip
    theory_rows = [
        Row("advanced", _("Cao cấp, cử nhân (gộp)"), advanced, pct(advanced),
            {"political_theory_min": str(lowest_advanced.pk)} if lowest_advanced else None)
    ]  # fmt: skip
    theory_rows += _catalog_rows(
        PoliticalTheoryLevel, theory, total, "political_theory", "none", _("Chưa có")
    )
    advanced_codes = {t.code for t in theory_levels if t.rank >= 3}
    for r in theory_rows[1:]:
        if r.key in advanced_codes:  # the parts of the combined row, as the ethnic groups
            r.label = f"— {r.label}"
    B.append(
        Breakdown(
            "political_theory",
            _("Lý luận chính trị"),
            _(
                "Trình độ lý luận chính trị cao nhất (RULES §9.1: cử nhân và cao cấp lý luận "
                "chính trị – hành chính tính là cao cấp); “chưa có” là hồ sơ không ghi trình độ."
            ),
            theory_rows,
            base=total,
        )
    )
    B.append(
        Breakdown(
            "state_management",
            _("Quản lý nhà nước"),
            _(
                "Trình độ quản lý nhà nước (chương trình chuyên viên cao cấp, chuyên viên chính, "
                "chuyên viên — RULES §9.2); “chưa có” là hồ sơ không ghi."
            ),
            _catalog_rows(
                StateManagementRank, management, total, "state_management", "none", _("Chưa có")
            ),  # fmt: skip
            base=total,
        )
    )
    B.append(
        Breakdown(
            "management_tier",
            _("Diện quản lý"),
            _("Cơ quan quản lý cán bộ (diện quản lý) ghi trong hồ sơ."),
            _catalog_rows(ManagementTier, tiers, total, "management_tier", "none", _("Chưa ghi")),
            base=total,
        )
    )
    key_rows = [
        Row(f"title:{tid}", t["name"], t["held"], share(t["non_local"], t["held"]),
            {"title": str(tid)}, extra={"non_local": t["non_local"], "unknown": t["unknown"]})
        for tid, t in key["by_title"]
    ]  # fmt: skip
    B.append(
        Breakdown(
            "key_posts",
            _("Chức danh chủ chốt đang giữ"),
            _(
                "Số vị trí chủ chốt (chức danh có đánh dấu “chủ chốt”) đang được giữ vào ngày báo "
                "cáo tại các đơn vị trong phạm vi, kể cả kiêm nhiệm: %(holdings)d vị trí do "
                "%(holders)d người giữ. Cột tỷ lệ là tỷ lệ vị trí do người không phải người địa "
                "phương giữ: quê quán nằm ngoài địa bàn hành chính của đơn vị có vị trí (xã cũ "
                "đã sáp nhập vào xã hiện nay được tính là địa phương); %(unknown)d người chưa xác "
                "định được (thiếu quê quán hoặc đơn vị chưa gắn địa bàn)."
            )
            % {
                "holdings": key["holdings"],
                "holders": key["holders"],
                "unknown": key["unknown_locality"],
            },
            key_rows,
            base=key["holdings"],
            share_label=_("Tỷ lệ không phải người địa phương"),
        )
    )
    ret_rows = [
        Row(k, str(label), retirement.get(k, 0), pct(retirement.get(k, 0)), {"retirement": k})
        for k, label, _lo, _hi in RETIREMENT_BANDS
    ]
    B.append(
        Breakdown(
            "retirement",
            _("Thời gian công tác còn lại đến tuổi nghỉ hưu"),
            _(
                "Số tháng từ ngày báo cáo đến ngày nghỉ hưu (ngày cuối tháng đủ tuổi nghỉ hưu theo "
                "lộ trình BLLĐ 2019 Đ169, NĐ 135/2020 — RULES §7); ngày sinh chỉ ghi năm được "
                "tính từ tháng 01."
            ),
            ret_rows,
            base=total,
        )
    )

    report.flat = {
        "total": total,
        "female": s["female"],
        "male": s["male"],
        "party_members": party,
        "ethnic_minority": minority,
        "kinh": kinh,
        "religious": religious,
        "key_post_holders": key["holders"],
        "key_post_holdings": key["holdings"],
        "non_local_key_post_holders": key["non_local_holders"],
        "key_post_holders_university": key["university"],
        "key_post_holders_theory_intermediate": key["theory_intermediate"],
        "age_groups": {g.key: s[f"age_{g.key}"] for g in (*AGE_GROUPS, *AGE_TARGETS)},
        "birth_date_precision": {
            "day": total - s["precision_month"] - s["precision_year"],
            "month": s["precision_month"],
            "year": s["precision_year"],
            "age_uncertain": s["age_uncertain"],
        },
        "ethnicity": {e.code: ethnicity.get(pk, 0) for pk, e in ethnicities.items() if ethnicity.get(pk)},
        "qualification": _flat(report.breakdown("qualification")),
        "political_theory": _flat(report.breakdown("political_theory")),
        "state_management": _flat(report.breakdown("state_management")),
        "management_tier": _flat(report.breakdown("management_tier")),
        "religion": _flat(report.breakdown("religion")),
        "retirement": _flat(report.breakdown("retirement")),
    }  # fmt: skip
    ratings = _ratings(people, unit, tier, as_of)
    if ratings is not None:
        B.append(ratings)
        report.flat["ratings"] = {"year": ratings.extra["year"], **_flat(ratings)}
    if period is not None:
        movements = _movements(people, unit, tier, period)
        B.append(movements)
        report.flat["period"] = [period[0].isoformat(), period[1].isoformat()]
        report.flat["movements"] = _flat(movements)
    report.notes = [report.breakdown("age_groups").definition]
    report.trend_groups = trend_groups
    return report


RATING_YEARS_BACK = 10  # how far back the ratings table looks for the latest rated year


def _ratings(
    people: QuerySet[Person], unit: Unit | None, tier: ManagementTier | None, as_of: date
) -> Breakdown | None:
    """The ratings decided for the latest year up to `as_of` (evaluation app), counted where the
    person was when rated (`Evaluation.unit`, `Evaluation.management_tier`)."""
    if not apps.is_installed("canbo.evaluation"):
        return None
    from canbo.evaluation.choices import CycleStatus, EvaluationStatus, Rating
    from canbo.evaluation.models import Evaluation, EvaluationCycle

    evaluations = Evaluation.objects.filter(status=EvaluationStatus.DECIDED).order_by()
    if people.query.where:  # a user's scope (an administrator's `Person.objects.all()` has none)
        evaluations = evaluations.filter(person__in=people.values("pk"))
    if unit is not None:
        evaluations = evaluations.filter(unit__in=Unit.objects.in_subtree(unit).values("pk"))
    if tier is not None:
        evaluations = evaluations.filter(management_tier=tier)
    # the latest year with decided ratings, probed year by year on the (year, unit) index
    # (a MAX over every evaluation of every year costs a scan of them all)
    # A year whose cycle over (or under, or above) the unit is still open is not the year's
    # result yet: it is skipped, and said so, rather than shown as a partial table.
    decided = Evaluation.objects.filter(status=EvaluationStatus.DECIDED)
    open_cycles = EvaluationCycle.objects.filter(status=CycleStatus.OPEN)
    if unit is not None:
        open_cycles = open_cycles.filter(
            Q(root_unit__in=Unit.objects.in_subtree(unit).values("pk"))
            | Q(root_unit__in=unit.ancestors().values("pk"))
        )
    in_progress = set(open_cycles.values_list("year", flat=True))
    year = next(
        (y for y in range(as_of.year, as_of.year - RATING_YEARS_BACK, -1)
         if y not in in_progress and decided.filter(year=y).exists()),
        None,
    )  # fmt: skip
    skipped = sorted(y for y in in_progress if (year or 0) < y <= as_of.year)
    counts = Counter(
        dict(
            evaluations.filter(year=year).values_list("rating").annotate(n=Count("*")).values_list("rating", "n")
        )
    ) if year else Counter()  # fmt: skip
    rated = sum(counts.values())
    breakdown = Breakdown(
        "ratings",
        _("Xếp loại chất lượng năm %(year)s") % {"year": year} if year else _("Xếp loại chất lượng"),
        _(
            "Kết quả xếp loại đã được cấp có thẩm quyền quyết định của năm gần nhất (đến năm "
            "báo cáo), tính theo đơn vị và diện quản lý của cán bộ khi được đánh giá; tỷ lệ trên "
            "số người đã xếp loại (%(n)d)."
        )
        % {"n": rated}
        if year
        else _("Chưa có kết quả xếp loại đã quyết định trong phạm vi này."),
        [Row(k, str(label), counts.get(k, 0), share(counts.get(k, 0), rated)) for k, label in Rating.choices],
        base=rated,
    )  # fmt: skip
    breakdown.extra["year"] = year
    if skipped:
        breakdown.definition = "{} {}".format(
            breakdown.definition,
            _("Năm %(years)s chưa đưa vào vì đợt đánh giá còn đang mở.")
            % {"years": ", ".join(str(y) for y in skipped)},
        )
    return breakdown


def _movements(
    people: QuerySet[Person], unit: Unit | None, tier: ManagementTier | None,
    period: tuple[date, date],
) -> Breakdown:  # fmt: skip
    """Joined, moved and left during the period, from the records canbo keeps: recruitment and
    arrival dates on the profile, assignments started (by kind) and ended (by reason)."""
    from canbo.posts.choices import AssignmentKind, EndReason

    start, end = period
    everyone = people if unit is None else people.in_subtree(unit)  # any status: leavers too
    if tier is not None:
        everyone = everyone.filter(management_tier=tier)
    counts = everyone.order_by().aggregate(
        recruited=Count("pk", filter=Q(recruited_on__range=period)),
        joined_unit=Count("pk", filter=Q(joined_unit_on__range=period)),
    )
    assignments = Assignment.objects.filter(person__in=everyone.values("pk")).order_by()
    started = dict(
        assignments.filter(start_date__range=period)
        .values_list("kind")
        .annotate(n=Count("person", distinct=True))
        .values_list("kind", "n")
    )
    ended = dict(
        assignments.filter(end_date__range=period)
        .exclude(end_reason="")
        .values_list("end_reason")
        .annotate(n=Count("person", distinct=True))
        .values_list("end_reason", "n")
    )
    rows = [
        Row("recruited", _("Tuyển dụng lần đầu"), counts["recruited"]),
        Row("joined_unit", _("Về cơ quan hiện nay"), counts["joined_unit"]),
    ]
    rows += [
        Row(f"started:{k}", _("Nhận vị trí — %(kind)s") % {"kind": label}, started.get(k, 0))
        for k, label in AssignmentKind.choices
        if k != AssignmentKind.RECRUITMENT
    ]
    rows += [
        Row(f"ended:{k}", _("Thôi giữ vị trí — %(reason)s") % {"reason": label}, ended.get(k, 0))
        for k, label in EndReason.choices
    ]
    return Breakdown(
        "movements",
        _("Biến động từ %(start)s đến %(end)s")
        % {"start": date_format(start, "d/m/Y"), "end": date_format(end, "d/m/Y")},
        _(
            "Số người (kể cả người nay đã nghỉ, chuyển đi) có ngày tuyển dụng lần đầu, ngày về "
            "cơ quan hiện nay, ngày bắt đầu giữ vị trí (theo hình thức) hoặc ngày thôi giữ vị trí "
            "(theo lý do) trong khoảng thời gian; chỉ tính những gì hồ sơ đã ghi."
        ),
        rows,
        base=0,
    )


def _flat(b: Breakdown) -> dict[str, int]:
    return {r.key: r.count for r in b.rows}


def _fmt_pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}".replace(".", ",")


def list_query(report: Report, filters: dict[str, str]) -> dict[str, str] | None:
    """The people-list query of the people behind a row: the report's population (unit subtree,
    tier, date — active profiles being the list's default) and the row's own filters; None when
    the row contradicts the population (another tier than the one chosen: nobody)."""
    base = {"as_of": report.as_of.isoformat()}
    if report.unit_code:
        base["unit"] = report.unit_code
    if report.tier_id is not None:
        base["management_tier"] = str(report.tier_id)
    if any(k in base and base[k] != v for k, v in filters.items()):
        return None
    return {**base, **filters}


def attach_urls(report: Report, base_url: str) -> Report:
    """Give each row with people-list filters the URL of the people behind it."""
    for row in [*report.headline, *(r for b in report.breakdowns for r in b.rows)]:
        query = list_query(report, row.filters) if row.filters is not None else None
        if query is not None:
            row.url = f"{base_url}?{urlencode(query)}"
    return report
