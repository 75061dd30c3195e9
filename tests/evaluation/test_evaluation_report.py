"""The ratings report reproduces the seeds' figures (seed 002, Tiên Lãng) from data built to
match them, by management tier and over the years."""

import json
from datetime import date

import pytest
from django.core.management import call_command

from canbo.catalogs.models import ManagementTier
from canbo.evaluation.selectors import rating_distribution, rating_trend
from canbo.evaluation.services import imported_ratings_save
from canbo.people.models import Person
from tests.factories import unit

pytestmark = pytest.mark.django_db

E, G, C, I = "excellent", "good", "complete", "incomplete"  # noqa: E741


def _people(n, where, tier, start=0):
    people = []
    for i in range(n):
        p = Person(
            full_name=f"Cán Bộ Số {start + i}", gender="male", birth_date=date(1975, 1, 1),
            unit=where, management_tier=tier,
        )  # fmt: skip
        p.refresh_derived()
        people.append(p)
    return Person.objects.bulk_create(people)


@pytest.fixture
def tien_lang():
    """The district with its communes; 610 cadres of the district standing committee's tier
    rated in 2011 (318/276/14/2) and 11 of the city's tier, all "excellent"."""
    district = unit("tien-lang", "Huyện ủy Tiên Lãng")
    communes = [unit(f"xa-{i}", f"Đảng ủy xã {i}", parent=district) for i in range(3)]
    huyen = ManagementTier.objects.get(code="HUYEN")
    tinh = ManagementTier.objects.get(code="TINH")
    cadres = []
    for i, c in enumerate(communes):
        cadres += _people([200, 200, 210][i], c, huyen, start=i * 1000)
    leaders = _people(11, district, tinh, start=9000)
    ratings = [E] * 318 + [G] * 276 + [C] * 14 + [I] * 2
    rows = [(p, 2011, r) for p, r in zip(cadres, ratings, strict=True)]
    rows += [(p, 2011, E) for p in leaders]
    # 2015: 62 % of 500 of the district's tier excellent
    rows += [(p, 2015, r) for p, r in zip(cadres[:500], [E] * 310 + [G] * 190, strict=True)]
    imported_ratings_save(rows=rows)
    return district


def test_seed_2011_distribution_by_tier(tien_lang):
    data = rating_distribution(tien_lang, 2011)
    by_code = {row["code"]: row for row in data["tiers"]}
    huyen = by_code["HUYEN"]
    assert huyen["total"] == 610
    assert huyen["counts"] == {E: 318, G: 276, C: 14, I: 2}
    assert str(huyen["shares"][E]) == "52.1"
    assert by_code["TINH"]["counts"] == {E: 11, G: 0, C: 0, I: 0}
    assert data["total"]["total"] == 621
    # the province's tier first, then the district's
    assert [r["code"] for r in data["tiers"]] == ["TINH", "HUYEN"]


def test_seed_2015_share_and_trend(tien_lang):
    huyen = next(r for r in rating_distribution(tien_lang, 2015)["tiers"] if r["code"] == "HUYEN")
    assert str(huyen["shares"][E]) == "62.0"
    trend = rating_trend(tien_lang)
    assert [(t["year"], t["counts"][E]) for t in trend] == [(2011, 329), (2015, 310)]


def test_subtree_only(tien_lang):
    commune = tien_lang.children.get(code="xa-0")
    data = rating_distribution(commune, 2011)
    assert data["total"]["total"] == 200


def test_report_command_json_and_text(tien_lang, capsys):
    call_command("report", "ratings", "--unit", "tien-lang", "--year", "2011", "--json")
    data = json.loads(capsys.readouterr().out)
    huyen = next(r for r in data["tiers"] if r["code"] == "HUYEN")
    assert huyen["counts"] == {E: 318, G: 276, C: 14, I: 2}
    call_command(
        "report", "ratings", "--unit", "tien-lang", "--year", "2015", "--years", "2011,2015"
    )
    out = capsys.readouterr().out
    assert "HTXSNV" in out and "KHTNV" in out
    assert "62.0%" in out


def test_report_command_unknown_unit():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Không có đơn vị mã"):
        call_command("report", "ratings", "--unit", "khong-co", "--year", "2011")


def test_report_exports_to_excel(tien_lang, client, user, tmp_path):
    from openpyxl import load_workbook

    client.force_login(user)
    response = client.get("/evaluation/ratings/tien-lang/export.xlsx", {"year": 2011})
    assert response.status_code == 200
    path = tmp_path / "r.xlsx"
    path.write_bytes(response.content)
    rows = [r for r in load_workbook(path).active.iter_rows(values_only=True) if r[0]]
    huyen = next(r for r in rows if str(r[0]).startswith("Ban Thường vụ Huyện ủy"))
    assert huyen[1] == 610
    assert huyen[2:9:2] == (318, 276, 14, 2)
    assert huyen[3] == 52.1
