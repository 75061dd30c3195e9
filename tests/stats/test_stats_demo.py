"""The demo's indicators: declared once on the generated province, computed with real values."""

from __future__ import annotations

from datetime import date

import pytest

from canbo.demo.generate import generate
from canbo.people.models import Person
from canbo.stats.demo import seed_indicators
from canbo.stats.indicators import evaluate_all
from canbo.stats.models import Indicator
from canbo.units.models import Unit

pytestmark = pytest.mark.django_db
AS_OF = date(2026, 5, 15)


def test_demo_indicators_are_computed_on_the_generated_province():
    generate(people=300, seed=7, as_of=AS_OF)
    province = Unit.objects.order_by("depth", "path").first()
    assert seed_indicators(province, on=AS_OF) == 6
    assert seed_indicators(province, on=AS_OF) == 0  # idempotent
    results = {
        r.indicator.code: r for r in evaluate_all(province, people=Person.objects.all(), on=AS_OF)
    }
    assert set(results) == set(Indicator.objects.values_list("code", flat=True))
    computed = [r for code, r in results.items() if code != "demo-tang-truong-grdp"]
    for r in computed:
        assert r.denominator and r.denominator > 0, r.indicator.code
        assert r.status != "no_data", r.indicator.code
    covered = results["demo-moi-xa-khong-dia-phuong"]
    assert (
        covered.denominator
        == Unit.objects.filter(
            kind="commune", path__startswith=province.path, valid_to__isnull=True
        ).count()
    )
    manual = results["demo-tang-truong-grdp"]
    assert manual.value == 8.35 and manual.status != "no_data"
    assert "6 tháng đầu năm 2026" in manual.detail or manual.indicator.entries.get().source
