"""Evaluation: `python -m bench evaluation [--db postgres]` on the bench database (see
`python -m bench generate`).

- open the cycle of the whole province (every active person: one evaluation or one exclusion);
- give those evaluations ratings and copy them to ten earlier years (≈ 1.1 million ratings with
  100,000 people) by SQL, then time the rating distribution of the province for one year (by
  management tier) and over all years, as `canbo report ratings` and the report page ask them;
- a unit's evaluation page (the unit with the number of evaluations nearest 500) through Django.

The bench's own rows (evaluations, exclusions, cycles) are removed first, so it can be re-run.
"""

from __future__ import annotations

import time

from bench.setup import timed

YEAR = 2026
PAST_YEARS = range(2016, 2026)


def _clean() -> None:
    from canbo.evaluation.models import CycleExclusion, Evaluation, EvaluationCycle, EvaluationStep

    for model in (EvaluationStep, CycleExclusion, Evaluation, EvaluationCycle):
        model.objects.all()._raw_delete(model.objects.db)


def _rate_and_copy() -> int:
    """Ratings by a fixed pattern (about 40 % / 45 % / 13 % / 2 %), then the same rows for the
    ten earlier years; returns the number of rated rows."""
    from django.db import connection

    from canbo.evaluation.models import Evaluation

    table = Evaluation._meta.db_table
    with connection.cursor() as cur:
        cur.execute(
            f"UPDATE {table} SET status = 'decided', rating = CASE "
            "WHEN id %% 100 < 40 THEN 'excellent' WHEN id %% 100 < 85 THEN 'good' "
            "WHEN id %% 100 < 98 THEN 'complete' ELSE 'incomplete' END WHERE year = %s",
            [YEAR],
        )
        columns = [f.column for f in Evaluation._meta.concrete_fields if f.column != "id"]
        select = ", ".join(
            "%s" if c == "year" else ("NULL" if c == "cycle_id" else c) for c in columns
        )
        for y in PAST_YEARS:
            cur.execute(
                f"INSERT INTO {table} ({', '.join(columns)}) SELECT {select} FROM {table} WHERE year = %s",
                [y, YEAR],
            )
    return Evaluation.objects.exclude(rating="").count()


def run(args) -> None:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count
    from django.test import Client

    from canbo.evaluation.models import Evaluation
    from canbo.evaluation.selectors import rating_distribution, rating_trend
    from canbo.evaluation.services import cycle_open
    from canbo.people.models import Person
    from canbo.units.models import Unit

    call_command("migrate", verbosity=0)
    n = Person.objects.count()
    if n == 0:
        raise SystemExit("evaluation: the bench database is empty — run `python -m bench generate` first")  # fmt: skip
    province = Unit.objects.filter(depth=0).order_by("pk").first()
    _clean()
    print(f"evaluation: {n:,} people, province {province.code}, database {connection.vendor}")

    start = time.perf_counter()
    opened = cycle_open(actor=None, root_unit=province, year=YEAR)
    took = time.perf_counter() - start
    print(
        f"  open the {YEAR} cycle of the province: {took:.1f} s "
        f"({opened.evaluations:,} evaluations, {len(opened.excluded):,} excluded with a reason)"
    )

    start = time.perf_counter()
    rated = _rate_and_copy()
    print(f"  (set-up: {rated:,} ratings over {len(PAST_YEARS) + 1} years in {time.perf_counter() - start:.1f} s)")  # fmt: skip
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute(f"ANALYZE {Evaluation._meta.db_table}")

    print(f"  median / p95 / max of {args.repeat} runs (ms)")
    cases = [
        (
            f"rating distribution of the province, {YEAR}, by tier",
            lambda: rating_distribution(province, YEAR),
        ),  # fmt: skip
        (f"rating distribution over all years ({rated:,} ratings)", lambda: rating_trend(province)),
    ]
    unit_id = (
        Evaluation.objects.filter(year=YEAR, cycle=opened.cycle)
        .values("unit_id")
        .annotate(k=Count("pk"))
        .order_by()
    )
    best = min(unit_id, key=lambda r: abs(r["k"] - 500))
    unit = Unit.objects.get(pk=best["unit_id"])
    admin, _ = get_user_model().objects.get_or_create(
        username="bench-evaluation", defaults={"is_superuser": True, "is_staff": True}
    )
    client = Client()
    client.force_login(admin)
    url = f"/evaluation/cycles/{opened.cycle.pk}/{unit.code}/"

    def page():
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    cases.append((f"a unit's evaluation page ({best['k']} people, {unit.code})", page))
    for label, fn in cases:
        median, p95, worst = timed(fn, args.repeat)
        print(f"  {label:<62} {median:8.1f} {p95:8.1f} {worst:8.1f}")
