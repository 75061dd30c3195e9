"""Live evaluation of indicators: value, progress and status (met / on track / at risk /
missed / no data).

Population and condition are the indicator's condition rows (AND within each role):
- no post field in the population: the items are the active people of the unit's subtree that
  match the person fields; counting is one SQL `COUNT`;
- with post fields (title, key post, leadership, title rank …): the items are the posts held
  on the date at units of the subtree (`count_by = posts`) or their holders (`people`); the
  few rows are read once, the person fields are one SQL filter on their holders, and
  `non_local` is judged per post held (`units.locality` rule).

Status on a date D, for an "at least" target: met when value ≥ target; missed when D is past
the deadline; otherwise on track when progress (value ÷ target) ≥ the share of the period
elapsed (from the adoption date, else the day the indicator was declared, to the deadline),
at risk when below. For an "at most" target: met when value ≤ target, missed after the deadline,
at risk before. "No data" when the records the indicator needs do not exist (no rotation,
recruitment or training record in the scope, an empty population, no manual entry yet).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import BooleanField, Case, Count, Q, QuerySet, Value, When
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from canbo.core.lookups import in_array
from canbo.people.choices import PersonStatus
from canbo.people.models import Person, Training
from canbo.posts.models import Assignment, Post
from canbo.units.models import PATH_STEP, Unit, path_upper_bound

from . import conditions as C
from .breakdowns import share
from .choices import Comparison, ConditionRole, CountBy, IndicatorKind, Measure, Status
from .locality import LocalityResolver
from .models import Indicator, IndicatorEntry


@dataclass
class Result:
    indicator: Indicator
    as_of: date
    value: float | None = None
    numerator: int | None = None
    denominator: int | None = None
    progress: float | None = None  # percent of the target reached (capped at 100 for bars)
    expected: float | None = None  # percent of the period elapsed
    status: str = Status.NO_DATA
    detail: str = ""
    units: list[dict] = field(default_factory=list)  # per-unit figures (units_covered)
    entry: IndicatorEntry | None = None

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)

    @property
    def bar(self) -> float:
        return min(self.progress or 0.0, 100.0)

    def to_json(self) -> dict:
        ind = self.indicator
        return {
            "code": ind.code,
            "name": ind.name,
            "unit": ind.unit.code,
            "resolution": ind.resolution,
            "adopted_on": ind.adopted_on.isoformat() if ind.adopted_on else None,
            "deadline": ind.deadline.isoformat(),
            "kind": ind.kind,
            "measure": ind.measure,
            "comparison": ind.comparison,
            "target": float(ind.target),
            "as_of": self.as_of.isoformat(),
            "value": self.value,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "progress": self.progress,
            "expected_progress": self.expected,
            "status": self.status,
            "status_label": self.status_label,
            "detail": self.detail,
            "units": self.units,
            "source": self.entry.source if self.entry else None,
        }


def _rows(indicator: Indicator, role: str):
    return [c for c in indicator.conditions.all() if c.role == role]


def _needs_missing(indicator: Indicator, pop: QuerySet[Person], unit: Unit) -> str | None:
    """The records an indicator needs that do not exist in its scope, as a message."""
    for c in indicator.conditions.all():
        need = C.FIELDS[c.field].needs if c.field in C.FIELDS else ""
        if need == "recruitment" and not pop.filter(recruited_on__isnull=False).exists():
            return _("Chưa có ngày tuyển dụng trong hồ sơ của phạm vi này.")
        if need == "assignments":
            kind = C.parse_kind_period(c.value)[0]
            if not Assignment.objects.filter(
                kind=kind,
                post__unit__path__gte=unit.path,
                post__unit__path__lt=path_upper_bound(unit.path),
            ).exists():
                return _("Chưa có quá trình giữ chức vụ hình thức “%(k)s” trong phạm vi này.") % {
                    "k": kind
                }
        if need == "training":
            kind = C.parse_kind_period(c.value)[0]
            if not Training.objects.filter(kind=kind, person__in=pop.values("pk")).exists():
                return _("Chưa có dữ liệu đào tạo, bồi dưỡng loại “%(k)s” trong phạm vi này.") % {
                    "k": kind
                }
    return None


def _person_q(rows, on: date) -> Q:
    q = Q()
    for c in rows:
        if C.FIELDS[c.field].subject == C.PERSON:
            q &= C.person_q(c.field, c.operator, c.value, on)
    return q


def post_places(indicator: Indicator, unit: Unit) -> dict[int, tuple[int | None, str]]:
    """The posts of the scope its post conditions select (a few thousand at most):
    {post id: (area id, unit path)}; empty when the indicator counts people, not posts."""
    post_rows = [
        c for c in _rows(indicator, ConditionRole.POPULATION)
        if C.FIELDS[c.field].subject == C.POST
    ]  # fmt: skip
    if not post_rows:
        return {}
    posts = Post.objects.filter(
        unit__path__gte=unit.path, unit__path__lt=path_upper_bound(unit.path)
    )
    for c in post_rows:
        posts = posts.filter(C.post_q(c.field, c.operator, c.value, prefix=""))
    return {
        pk: (area, path)
        for pk, area, path in posts.values_list("pk", "unit__area_id", "unit__path")
    }


def active_holders(post_ids, on: date) -> dict[int, list[int]]:
    """{post id: [person ids holding it on the date]} in one query."""
    held: dict[int, list[int]] = {}
    for person, post in (
        Assignment.objects.active_on(on)
        .filter(in_array("post_id", post_ids))
        .order_by()
        .values_list("person_id", "post_id")
    ):
        held.setdefault(post, []).append(person)
    return held


def _items(
    indicator: Indicator, pop: QuerySet[Person], unit: Unit, on: date,
    holders: dict[int, list[int]] | None = None,
    places: dict[int, tuple[int | None, str]] | None = None,
    resolver: LocalityResolver | None = None,
):  # fmt: skip
    """What the indicator counts. Population of people: `(None, population, condition Q)`,
    counted in SQL. Population of posts: `([(person, post unit path, satisfied)], None, None)`,
    one item per post held (`count_by` posts) or per holder (`people`). `places` (from
    `post_places`) and `resolver` may be given when already read (`evaluate_all`)."""
    population = _rows(indicator, ConditionRole.POPULATION)
    condition = _rows(indicator, ConditionRole.CONDITION)
    post_rows = [c for c in population if C.FIELDS[c.field].subject == C.POST]
    pop = pop.filter(_person_q(population, on))
    cond_q = _person_q(condition, on)
    non_local = [c for c in condition if C.FIELDS[c.field].subject == C.LOCALITY]
    if not post_rows:
        if non_local:
            raise C.ConditionError(
                _("Điều kiện “không phải người địa phương” cần đối tượng là người giữ vị trí "
                  "(chức danh, chủ chốt …).")
            )  # fmt: skip
        return None, pop, cond_q
    where = places if places is not None else post_places(indicator, unit)
    held = holders if holders is not None else active_holders(where, on)
    rows = [(person, *place) for post, place in where.items() for person in held.get(post, ())]
    # one query over the (few) holders: in the population? satisfying the conditions? hometown
    ok = (
        Case(When(cond_q, then=Value(True)), default=Value(False), output_field=BooleanField())
        if cond_q
        else Value(True)
    )
    holders = {
        pk: (satisfied, home)
        for pk, satisfied, home in pop.filter(in_array("pk", sorted({r[0] for r in rows}), pop.db))
        .annotate(ok=ok)
        .values_list("pk", "ok", "hometown_id")
    }
    rows = [(*holders[p], p, area, path) for p, area, path in rows if p in holders]
    if non_local and resolver is None:
        resolver = LocalityResolver({r[1] for r in rows} | {r[3] for r in rows})
    items = []
    for satisfied, home, person, area, path in rows:
        for c in non_local:
            want = C.parse_yes(c.value)
            local = resolver.is_local(home, area)
            satisfied = satisfied and local is not None and (local is False) == want
        items.append((person, path, satisfied))
    if indicator.count_by == CountBy.PEOPLE:  # a person counts once, satisfied by any post
        by_person: dict[int, tuple[int, str, bool]] = {}
        for person, path, satisfied in items:
            prev = by_person.get(person)
            by_person[person] = (person, path, satisfied or bool(prev and prev[2]))
        items = list(by_person.values())
    return items, None, None


def evaluate(
    indicator: Indicator,
    *,
    people: QuerySet[Person],
    on: date,
    holders: dict[int, list[int]] | None = None,
    counts: tuple[int, int] | None = None,
    places: dict[int, tuple[int | None, str]] | None = None,
    resolver: LocalityResolver | None = None,
) -> Result:
    """The indicator's value and status on `on`, over the people the user may see.
    `holders` (from `active_holders`) lets several indicators share one read of the posts held;
    `counts` (population, meeting the condition) one scan of the people; `places` the posts the
    indicator selects, read once; `resolver` one locality resolver for all (`evaluate_all`)."""
    result = Result(indicator, on)
    if indicator.kind == IndicatorKind.MANUAL:
        entry = indicator.entries.filter(as_of__lte=on).order_by("-as_of", "-pk").first()
        if entry is None:
            result.detail = _("Chưa nhập số liệu.")
            return result
        result.entry = entry
        result.value = float(entry.value)
        result.detail = _("Nhập tay: %(v)s%(u)s đến ngày %(d)s — nguồn: %(s)s") % {
            "v": _num(entry.value),
            "u": indicator.value_unit,
            "d": date_format(entry.as_of, "d/m/Y"),
            "s": entry.source,
        }
        return _judge(result)

    unit = indicator.unit
    pop = people.filter(status=PersonStatus.ACTIVE).in_subtree(unit)
    missing = _needs_missing(indicator, pop, unit)
    if missing:
        result.detail = missing
        return result
    try:
        items, person_pop, cond_q = _items(indicator, pop, unit, on, holders, places, resolver)
    except C.ConditionError as exc:
        result.detail = str(exc)
        return result

    if indicator.measure == Measure.UNITS_COVERED:
        units = list(
            Unit.objects.in_subtree(unit)
            .active_on(on)
            .filter(kind=indicator.per_unit_kind)
            .order_by("path")
            .values_list("code", "name", "path")
        )
        if items is None:  # people: their own unit decides where they count
            items = [
                (pk, path, True)
                for pk, path in person_pop.filter(cond_q).values_list("pk", "unit__path")
            ]
        counts = dict.fromkeys((u[2] for u in units), 0)
        holders = dict.fromkeys((u[2] for u in units), 0)
        for _person, path, satisfied in items:
            # the first unit in path order whose path starts the item's: its shortest prefix
            # among the units (paths are whole segments of PATH_STEP digits)
            upath = next(
                (path[:n] for n in range(PATH_STEP, len(path) + 1, PATH_STEP)
                 if path[:n] in counts),
                None,
            )  # fmt: skip
            if upath is not None:
                holders[upath] += 1
                counts[upath] += int(satisfied)
        result.units = [
            {"code": code, "name": name, "count": counts[path], "items": holders[path]}
            for code, name, path in units
        ]
        if not units:
            result.detail = _("Không có đơn vị loại này trong phạm vi.")
            return result
        covered = sum(1 for u in result.units if u["count"] >= indicator.per_unit_min)
        result.numerator, result.denominator = covered, len(units)
        result.value = share(covered, len(units))
        more = sum(1 for u in result.units if u["count"] > indicator.per_unit_min)
        result.detail = _(
            "%(c)d/%(n)d đơn vị có từ %(m)d trở lên; %(more)d đơn vị có nhiều hơn %(m)d."
        ) % {"c": covered, "n": len(units), "m": indicator.per_unit_min, "more": more}
        return _judge(result)

    if items is None and counts is not None:  # counted with the other indicators (evaluate_all)
        denominator, numerator = counts
    elif items is None:  # one scan: the population and, within it, who meets the condition
        row = person_pop.order_by().aggregate(**_count_aggregates("", Q(), cond_q))
        denominator, numerator = row["d"], row["n"]
    else:
        denominator = len(items)
        numerator = sum(1 for _p, _path, ok in items if ok)
    result.numerator, result.denominator = numerator, denominator
    if indicator.measure == Measure.COUNT:
        result.value = float(numerator)
        result.detail = _("%(n)d (chỉ tiêu %(t)s)") % {"n": numerator, "t": _num(indicator.target)}
    else:
        if not denominator:
            result.detail = _("Không có ai thuộc đối tượng của chỉ tiêu trong phạm vi này.")
            return result
        result.value = share(numerator, denominator)
        result.detail = _("%(n)d/%(d)d, đạt %(p)s%%") % {
            "n": numerator,
            "d": denominator,
            "p": _num(result.value),
        }
    return _judge(result)


def _num(value) -> str:
    d = Decimal(str(value)).normalize()
    text = f"{d:f}"
    return text.replace(".", ",")


def _judge(result: Result) -> Result:
    ind = result.indicator
    target = float(ind.target)
    value = result.value
    if value is None:
        result.status = Status.NO_DATA
        return result
    start = ind.adopted_on or (ind.created_at.date() if ind.created_at else result.as_of)
    span = (ind.deadline - start).days
    elapsed = (result.as_of - start).days
    result.expected = 100.0 if span <= 0 else round(max(0.0, min(1.0, elapsed / span)) * 100, 1)
    if ind.comparison == Comparison.AT_MOST:
        result.progress = 100.0 if value <= target else round(target / value * 100, 1)
        if value <= target:
            result.status = Status.MET
        elif result.as_of > ind.deadline:
            result.status = Status.MISSED
        else:
            result.status = Status.AT_RISK
        return result
    result.progress = 100.0 if target == 0 else round(value / target * 100, 1)
    if value >= target:
        result.status = Status.MET
    elif result.as_of > ind.deadline:
        result.status = Status.MISSED
    elif result.progress >= result.expected:
        result.status = Status.ON_TRACK
    else:
        result.status = Status.AT_RISK
    return result


def indicators_for(unit: Unit) -> QuerySet[Indicator]:
    """The active indicators declared for the unit or any unit of its subtree."""
    return (
        Indicator.objects.filter(is_active=True, unit__in=Unit.objects.in_subtree(unit))
        .select_related("unit")
        .prefetch_related("conditions")
    )


def evaluate_all(unit: Unit, *, people: QuerySet[Person], on: date) -> list[Result]:
    """Every indicator of the unit's subtree; the posts held are read once for all of them."""
    indicators = list(indicators_for(unit))
    places = {
        ind.pk: post_places(ind, ind.unit)
        for ind in indicators
        if ind.kind == IndicatorKind.COMPUTED
    }
    post_ids = {pk for where in places.values() for pk in where}
    holders = active_holders(post_ids, on) if post_ids else {}
    counts = _people_counts(unit, indicators, people, on)
    resolver = _shared_resolver(indicators, places, holders)
    return [
        evaluate(
            ind,
            people=people,
            on=on,
            holders=holders,
            counts=counts.get(ind.pk),
            places=places.get(ind.pk),
            resolver=resolver,
        )
        for ind in indicators
    ]


def _shared_resolver(indicators, places, holders) -> LocalityResolver | None:
    """One locality resolver for every indicator judging `non_local`, over the areas of all
    their posts held and of their holders' hometowns (a resolver answers the same for a pair
    whatever other areas it was given)."""
    judging = [
        ind.pk for ind in indicators
        if ind.pk in places
        and any(C.FIELDS.get(c.field) is not None and C.FIELDS[c.field].subject == C.LOCALITY
                for c in _rows(ind, ConditionRole.CONDITION))
    ]  # fmt: skip
    if len(judging) < 2:
        return None  # one indicator: `_items` builds it from exactly its own rows
    areas: set[int | None] = set()
    persons: set[int] = set()
    for pk in judging:
        for post, (area, _path) in places[pk].items():
            if post in holders:
                areas.add(area)
                persons.update(holders[post])
    areas |= set(
        Person.objects.filter(in_array("pk", sorted(persons)))
        .exclude(hometown__isnull=True)
        .values_list("hometown_id", flat=True)
        .distinct()
    )
    return LocalityResolver(areas)


def _count_aggregates(prefix: str, population: Q, condition: Q) -> dict:
    return {
        f"d{prefix}": Count("pk", filter=population) if population else Count("pk"),
        f"n{prefix}": Count("pk", filter=population & condition)
        if population or condition
        else Count("pk"),
    }


def _people_counts(
    unit: Unit, indicators: list[Indicator], people: QuerySet[Person], on: date
) -> dict[int, tuple[int, int]]:
    """(population, meeting the condition) of every indicator that counts people (no post
    field, not per unit), all in one scan of the unit's active people."""
    aggregates = {}
    for ind in indicators:
        if (
            ind.kind != IndicatorKind.COMPUTED
            or ind.measure == Measure.UNITS_COVERED
            or any(C.FIELDS.get(c.field, C.FIELDS["gender"]).subject != C.PERSON
                   for c in ind.conditions.all())
        ):  # fmt: skip
            continue
        population = _person_q(_rows(ind, ConditionRole.POPULATION), on)
        if ind.unit_id != unit.pk:
            population &= Q(
                unit__path__gte=ind.unit.path, unit__path__lt=path_upper_bound(ind.unit.path)
            )
        condition = _person_q(_rows(ind, ConditionRole.CONDITION), on)
        aggregates.update(_count_aggregates(str(ind.pk), population, condition))
    if not aggregates:
        return {}
    row = (
        people.filter(status=PersonStatus.ACTIVE)
        .in_subtree(unit)
        .order_by()
        .aggregate(**aggregates)
    )
    return {int(k[1:]): (row[k], row["n" + k[1:]]) for k in row if k.startswith("d")}
