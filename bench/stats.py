"""Statistics and indicators of a whole province: `python -m bench stats [--db postgres]`.

Times, on the bench database (see `python -m bench generate`):
- `compute()` as the page calls it (PostgreSQL: one GROUPING SETS scan; SQLite: two GROUP BYs),
  and the same with the two GROUP BYs on PostgreSQL;
- the naive way in the same run: one COUNT query per breakdown value and a Python loop over
  every person for ages and retirement;
- the whole dashboard page through Django (figures, charts, narrative; the indicators load
  afterwards by htmx and are timed on their own);
- all indicators of the province (the seeds' targets, declared once as `bench-*` rows);
- the trend over the years (the headline figures at six dates: a second request, like the
  indicators).
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal

from bench.setup import timed


def naive(pop, as_of: date) -> dict:
    """The way a report is written without aggregates: a COUNT per value, a loop per person."""
    from canbo.catalogs.models import (
        Ethnicity,
        ManagementTier,
        PoliticalTheoryLevel,
        QualificationLevel,
        Religion,
        StateManagementRank,
    )
    from canbo.core.dates import PartialDate, age_on
    from canbo.rules.retirement import months_of_service_left

    out: dict = {"total": pop.count(), "female": pop.filter(gender="female").count()}
    out["party"] = pop.filter(party_joined_on__isnull=False).count()
    for model, field in [
        (Ethnicity, "ethnicity"), (Religion, "religion"), (QualificationLevel, "qualification_level"),
        (PoliticalTheoryLevel, "political_theory"), (StateManagementRank, "state_management"),
        (ManagementTier, "management_tier"),
    ]:  # fmt: skip
        out[field] = {
            item.code: pop.filter(**{field: item}).count() for item in model.objects.all()
        }
    ages, left = Counter(), Counter()
    for birth, precision, gender in pop.values_list(
        "birth_date", "birth_date_precision", "gender"
    ).iterator(chunk_size=5000):
        age = age_on(PartialDate(birth, precision), as_of)
        ages[min(age // 10, 6)] += 1
        left[months_of_service_left(gender, birth, precision, as_of) // 12] += 1
    out["ages"], out["left"] = ages, left
    return out


def _indicators(province, on: date) -> None:
    """Declare the seeds' targets on the province once (rows `bench-*`)."""
    from canbo.stats.models import Indicator
    from canbo.stats.services import indicator_declare, indicator_entry_add

    if Indicator.objects.filter(code__startswith="bench-").exists():
        return
    common = {"unit": province, "adopted_on": date(2021, 12, 20), "deadline": date(2025, 12, 31)}
    rows = [
        ("bench-khong-dia-phuong", "Bí thư, Chủ tịch UBND xã không là người địa phương",
         "Nghị quyết 04-NQ/TU", {"measure": "share", "count_by": "posts", "target": 50},
         [("population", "title", "in", "bi-thu-dang-uy-xa, chu-tich-ubnd-xa"),
          ("condition", "non_local", "is", "có")]),
        ("bench-moi-xa", "Xã có ít nhất 1 lãnh đạo chủ chốt không phải người địa phương",
         "Nghị quyết 09-NQ/HU", {"measure": "units_covered", "count_by": "posts", "target": 100,
                                 "per_unit_kind": "commune"},
         [("population", "key_post", "is", "có"), ("condition", "non_local", "is", "có")]),
        ("bench-dai-hoc", "Cán bộ chủ chốt cấp xã có trình độ đại học", "Nghị quyết 07-NQ/HU",
         {"measure": "share", "target": 100},
         [("population", "key_post", "is", "có"), ("condition", "qualification", "gte", "DH")]),
        ("bench-duoi-40", "Lãnh đạo, quản lý dưới 40 tuổi", "Chương trình hành động Tỉnh ủy",
         {"measure": "share", "target": 25},
         [("population", "leadership", "is", "có"), ("condition", "age", "lt", "40")]),
        ("bench-luan-chuyen", "Lãnh đạo từ phó phòng trở lên được luân chuyển",
         "Nghị quyết 09-NQ/HU", {"measure": "share", "target": 30},
         [("population", "title_rank", "gte", "30"),
          ("condition", "assignment_started", "between", "rotation: 2021-01-01..2025-12-31")]),
        ("bench-tuyen-moi", "Cán bộ tuyển mới có bằng đại học", "Nghị quyết 09-NQ/HU",
         {"measure": "share", "target": 100},
         [("population", "recruited", "between", "2021-12-20..2025-12-31"),
          ("condition", "qualification", "gte", "DH")]),
        ("bench-ket-nap", "Kết nạp đảng viên mới trong năm", "Kế hoạch năm",
         {"measure": "count", "target": 150},
         [("condition", "party_joined", "between", f"{on.year}-01-01..{on.year}-12-31")]),
    ]  # fmt: skip
    for code, name, resolution, fields, conditions in rows:
        indicator_declare(code=code, name=name, resolution=resolution, conditions=conditions,
                          **common, **{k: (Decimal(v) if k == "target" else v) for k, v in fields.items()})  # fmt: skip
    manual = indicator_declare(
        code="bench-18-chi-tieu", name="Chỉ tiêu Nghị quyết Đại hội hoàn thành", kind="manual",
        measure="count", target=Decimal(18), resolution="Nghị quyết Đại hội", **common,
    )  # fmt: skip
    indicator_entry_add(indicator=manual, value=Decimal(18), as_of=on, source="Báo cáo sơ kết")


def run(args) -> None:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from canbo.people.models import Person
    from canbo.stats.breakdowns import compute, population
    from canbo.stats.indicators import evaluate_all
    from canbo.units.models import Unit

    call_command("migrate", verbosity=0)
    n = Person.objects.count()
    if n == 0:
        raise SystemExit(
            "stats: the bench database is empty — run `python -m bench generate` first"
        )
    province = Unit.objects.filter(depth=0).order_by("pk").first()
    on = date.today()
    _indicators(province, on)
    people = Person.objects.all()
    vendor = connection.vendor
    print(
        f"stats: {n:,} people, province {province.code}; median / p95 / max of {args.repeat} runs (ms)"
    )
    cases = [
        (f"compute() as the page ({'one GROUPING SETS scan' if vendor == 'postgresql' else 'two GROUP BYs'})",
         lambda: compute(people, as_of=on, unit=province), args.repeat),
    ]  # fmt: skip
    if vendor == "postgresql":
        cases.append(
            ("compute(), two separate GROUP BYs",
             lambda: compute(people, as_of=on, unit=province, one_scan=False), args.repeat)
        )  # fmt: skip
    cases.append(
        ("naive: COUNT per value + Python loop per person",
         lambda: naive(population(people, unit=province), on), max(1, min(3, args.repeat)))
    )  # fmt: skip
    cases.append(
        ("all indicators of the province (8)",
         lambda: evaluate_all(province, people=people, on=on), args.repeat)
    )  # fmt: skip
    user, _ = get_user_model().objects.get_or_create(
        username="bench", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)

    def page():
        response = client.get(f"/stats/{province.code}/")
        assert response.status_code == 200, response.status_code

    cases.append(("dashboard page (figures, charts, narrative)", page, args.repeat))

    def trend_part():
        response = client.get(f"/stats/{province.code}/trend/", HTTP_HX_REQUEST="true")
        assert response.status_code == 200, response.status_code

    cases.append(("trend over the years (loaded by htmx after the page)", trend_part, args.repeat))
    for label, fn, repeat in cases:
        median, p95, worst = timed(fn, repeat)
        print(f"  {label:<62} {median:9.1f} {p95:9.1f} {worst:9.1f}")
