"""Indicators (chỉ tiêu) for the demo province, so that a fresh `canbo demo` shows a populated
indicators page: some of the seeds' targets, declared as data on the province (the 2025–2030
term), and one socio-economic target entered by hand with its source.

Idempotent: an indicator whose code exists is left alone.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from canbo.units.models import Unit

from .models import Indicator
from .services import indicator_declare, indicator_entry_add

KEY_COMMUNE_TITLES = "bi-thu-dang-uy-xa, pho-bi-thu-dang-uy-xa, chu-tich-hdnd-xa, chu-tich-ubnd-xa"
RESOLUTION = "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ I, nhiệm kỳ 2025–2030"


def _specs(term_start: date, deadline: date) -> tuple[list[dict], dict]:
    common = {"adopted_on": term_start, "deadline": deadline}
    return [
        {
            "code": "demo-dh-chu-chot-xa",
            "name": "Cán bộ chủ chốt cấp xã có trình độ chuyên môn đại học trở lên",
            "resolution": "Nghị quyết 07-NQ/TU",  # seed 000
            "measure": "share",
            "target": Decimal(100),
            "conditions": [
                ("population", "title", "in", KEY_COMMUNE_TITLES),
                ("condition", "qualification", "gte", "DH"),
            ],
        },
        {
            "code": "demo-moi-xa-khong-dia-phuong",
            "name": "Xã, phường có ít nhất 1 lãnh đạo chủ chốt không phải người địa phương",
            "resolution": "Nghị quyết 09-NQ/TU",  # seed 004
            "measure": "units_covered",
            "count_by": "posts",
            "per_unit_kind": "commune",
            "per_unit_min": 1,
            "target": Decimal(100),
            "conditions": [
                ("population", "key_post", "is", "có"),
                ("condition", "non_local", "is", "có"),
            ],
        },
        {
            "code": "demo-bi-thu-chu-tich-khong-dia-phuong",
            "name": "Bí thư Đảng ủy, Chủ tịch UBND xã không là người địa phương",
            "resolution": "Nghị quyết 04-NQ/TU",  # seed 001
            "measure": "share",
            "count_by": "posts",
            "target": Decimal(50),
            "conditions": [
                ("population", "title", "in", "bi-thu-dang-uy-xa, chu-tich-ubnd-xa"),
                ("condition", "non_local", "is", "có"),
            ],
        },
        {
            "code": "demo-lanh-dao-duoi-40",
            "name": "Cán bộ lãnh đạo, quản lý cấp tỉnh dưới 40 tuổi",
            "resolution": "Nghị quyết 26-NQ/TW, Kế hoạch của Tỉnh ủy",  # seed 003
            "measure": "share",
            "target": Decimal(25),
            "conditions": [
                ("population", "leadership", "is", "có"),
                ("population", "title_tier", "in", "TW, TINH"),
                ("condition", "age", "lt", "40"),
            ],
        },
        {
            "code": "demo-nu-lanh-dao",
            "name": "Cán bộ nữ trong cán bộ lãnh đạo, quản lý",
            "resolution": RESOLUTION,
            "measure": "share",
            "target": Decimal(30),
            "conditions": [
                ("population", "leadership", "is", "có"),
                ("condition", "gender", "in", "female"),
            ],
        },
        {
            "code": "demo-tang-truong-grdp",
            "name": "Tốc độ tăng trưởng kinh tế (GRDP) bình quân hằng năm",
            "resolution": RESOLUTION,
            "kind": "manual",
            "measure": "count",
            "target": Decimal("10.00"),
            "value_unit": "%",
        },
    ], common


def seed_indicators(province: Unit, *, on: date) -> int:
    """Declare the demo indicators on `province` (term 2025–2030, adopted 1 October 2025) and
    the hand-entered value of the manual one; return how many indicators were created."""
    term_start = date(2025, 10, 1)
    specs, common = _specs(term_start, date(2030, 12, 31))
    created = 0
    for order, spec in enumerate(specs, start=1):
        if Indicator.objects.filter(code=spec["code"]).exists():
            continue
        indicator = indicator_declare(unit=province, sort_order=order, **common, **spec)
        created += 1
        if indicator.kind == "manual":
            indicator_entry_add(
                indicator=indicator,
                value=Decimal("8.35"),
                as_of=min(on, date(2026, 6, 30)),
                source="Báo cáo tình hình kinh tế – xã hội 6 tháng đầu năm 2026 của UBND tỉnh",
            )
    return created
