"""Every seed target of issue 6, declared as data (no code) and computed on a constructed data set
that matches the article's situation."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from canbo.catalogs.models import ManagementTier, QualificationLevel
from canbo.people.models import Person, Training
from canbo.posts.models import Assignment, Title
from canbo.stats.indicators import evaluate
from canbo.stats.services import indicator_declare, indicator_entry_add
from canbo.units.models import Area
from tests.factories import PersonFactory, post, unit

pytestmark = pytest.mark.django_db
ON = date(2023, 7, 1)


def communes(n: int):
    return list(Area.objects.filter(level=3, valid_to__isnull=True).order_by("code")[: n + 1])


def title(code: str, *, key: bool = True, rank: int = 50, tier: str | None = None) -> Title:
    return Title.objects.create(
        code=code, name=code, group="party", is_key=key, rank=rank,
        management_tier=ManagementTier.objects.get(code=tier) if tier else None,
    )  # fmt: skip


def hold(person: Person, post_, start=date(2021, 1, 1), kind="appointment") -> Assignment:
    return Assignment.objects.create(person=person, post=post_, kind=kind, start_date=start)


def district(n_communes: int):
    """A district with `n_communes` communes, each on its own current commune area; returns
    (district unit, [(commune unit, its area)], an area outside all of them)."""
    areas = communes(n_communes)
    d = unit("huyen", "Huyện Thanh Trì", kind="district")
    out = []
    for i, area in enumerate(areas[:n_communes]):
        out.append(
            (unit(f"xa-{i}", f"Xã {i}", parent=d, kind="commune", area_code=area.code), area)
        )
    return d, out, areas[n_communes]


def test_seed_001_non_local_secretaries_and_chairs_53_1_percent():
    """Thanh Trì: "12/16 Bí thư Đảng ủy, 5/16 Chủ tịch UBND xã không là người địa phương, đạt
    53,1%" against the 50% of Nghị quyết 04-NQ/TU."""
    d, xs, elsewhere = district(16)
    secretary, chair = title("bi-thu-dang-uy-xa"), title("chu-tich-ubnd-xa")
    for i, (commune, area) in enumerate(xs):
        s = PersonFactory(unit=commune, hometown=elsewhere if i < 12 else area)
        c = PersonFactory(unit=commune, hometown=elsewhere if i < 5 else area)
        hold(s, post(commune, secretary))
        hold(c, post(commune, chair))
    ind = indicator_declare(
        code="nq04-khong-dia-phuong", name="Bí thư, Chủ tịch xã không là người địa phương",
        unit=d, resolution="Nghị quyết 04-NQ/TU", adopted_on=date(2021, 5, 31),
        deadline=date(2025, 12, 31), measure="share", count_by="posts", target=Decimal(50),
        conditions=[
            ("population", "title", "in", "bi-thu-dang-uy-xa, chu-tich-ubnd-xa"),
            ("condition", "non_local", "is", "có"),
        ],
    )  # fmt: skip
    r = evaluate(ind, people=Person.objects.all(), on=ON)
    assert (r.numerator, r.denominator, r.value) == (17, 32, 53.1)
    assert r.status == "met"
    assert "17/32" in r.detail and "53,1%" in r.detail


def test_seed_004_every_commune_has_a_non_local_key_leader():
    """Lạc Sơn (09-NQ/HU): "100% xã có ít nhất 1 lãnh đạo chủ chốt không phải người địa
    phương; một số xã có 2"."""
    d, xs, elsewhere = district(4)
    secretary, chair = title("bi-thu-dang-uy-xa"), title("chu-tich-ubnd-xa")
    plan = [(True, True), (True, False), (False, False), (False, True)]  # non-local?
    for (commune, area), (s_out, c_out) in zip(xs, plan, strict=True):
        hold(
            PersonFactory(unit=commune, hometown=elsewhere if s_out else area),
            post(commune, secretary),
        )
        hold(
            PersonFactory(unit=commune, hometown=elsewhere if c_out else area), post(commune, chair)
        )
    ind = indicator_declare(
        code="nq09-moi-xa", name="Xã có ít nhất 1 lãnh đạo chủ chốt không phải người địa phương",
        unit=d, resolution="Nghị quyết 09-NQ/HU", adopted_on=date(2021, 12, 20),
        deadline=date(2025, 12, 31), measure="units_covered", count_by="posts",
        per_unit_kind="commune", per_unit_min=1, target=Decimal(100),
        conditions=[("population", "key_post", "is", "có"), ("condition", "non_local", "is", "có")],
    )  # fmt: skip
    r = evaluate(ind, people=Person.objects.all(), on=ON)
    assert (r.numerator, r.denominator, r.value) == (3, 4, 75.0)
    assert [u["count"] for u in r.units] == [2, 1, 0, 1]
    assert "1 đơn vị có nhiều hơn 1" in r.detail  # "some communes have 2"
    assert (r.status, r.expected) == ("on_track", 37.9)  # 75% of the target, 38% of the time
    assert evaluate(ind, people=Person.objects.all(), on=date(2025, 6, 1)).status == "at_risk"


def test_seed_000_key_commune_leaders_hold_a_university_degree():
    """Nam Trực: "100% cán bộ lãnh đạo, quản lý cấp xã có trình độ chuyên môn … đại học"."""
    d, xs, _ = district(2)
    secretary = title("bi-thu-dang-uy-xa")
    college = QualificationLevel.objects.get(code="CD")
    start = date(2016, 1, 1)
    hold(PersonFactory(unit=xs[0][0]), post(xs[0][0], secretary), start)
    hold(
        PersonFactory(unit=xs[1][0], qualification_level=college), post(xs[1][0], secretary), start
    )
    ind = indicator_declare(
        code="dh-chu-chot-xa", name="Cán bộ chủ chốt cấp xã có trình độ đại học", unit=d,
        resolution="Nghị quyết 07-NQ/HU", adopted_on=date(2016, 12, 12), deadline=date(2020, 12, 31),
        measure="share", target=Decimal(100),
        conditions=[("population", "key_post", "is", "có"),
                    ("population", "post_unit_kind", "in", "commune"),
                    ("condition", "qualification", "gte", "DH")],
    )  # fmt: skip
    r = evaluate(ind, people=Person.objects.all(), on=date(2020, 10, 1))
    assert (r.numerator, r.denominator, r.value, r.status) == (1, 2, 50.0, "at_risk")
    r = evaluate(ind, people=Person.objects.all(), on=date(2021, 1, 1))
    assert r.status == "missed"
    Person.objects.filter(qualification_level=college).update(
        qualification_level=QualificationLevel.objects.get(code="THS")
    )
    r = evaluate(ind, people=Person.objects.all(), on=date(2020, 10, 1))
    assert (r.value, r.status) == (100.0, "met")


def test_seed_003_leaders_under_40():
    """Thanh Hóa: "khoảng 25% cán bộ lãnh đạo, quản lý cấp tỉnh, cấp huyện dưới 40 tuổi"."""
    p = unit("tinh", "Tỉnh Thanh Hóa", kind="province")
    lead = title("giam-doc-so", key=False, tier="TINH")
    staff = title("chuyen-vien", key=False)
    staff.is_leadership = False
    staff.save()
    for i, born in enumerate(
        [date(1990, 1, 2), date(1985, 7, 2), date(1975, 1, 1), date(1970, 1, 1)]
    ):
        person = PersonFactory(
            unit=p, birth_date=born, party_joined_on=None, party_official_on=None
        )
        hold(person, post(unit(f"so-{i}", parent=p), lead))
    young = PersonFactory(unit=p, birth_date=date(1999, 1, 1), party_joined_on=None,
                          party_official_on=None)  # fmt: skip
    hold(young, post(p, staff))  # not a leader
    ind = indicator_declare(
        code="duoi-40", name="Lãnh đạo cấp tỉnh, huyện dưới 40 tuổi", unit=p,
        resolution="Chương trình hành động Tỉnh ủy Thanh Hóa", adopted_on=date(2021, 1, 1),
        deadline=date(2025, 12, 31), measure="share", target=Decimal(25),
        conditions=[("population", "leadership", "is", "có"),
                    ("population", "title_tier", "in", "TINH, HUYEN"),
                    ("condition", "age", "lt", "40")],
    )  # fmt: skip
    # on 1 July 2025 the one born 02/01/1990 is 35, the one born 02/07/1985 has just turned 40
    r = evaluate(ind, people=Person.objects.all(), on=date(2025, 7, 1))
    assert (r.numerator, r.denominator, r.value) == (2, 4, 50.0)
    r = evaluate(ind, people=Person.objects.all(), on=date(2025, 7, 2))
    assert (r.numerator, r.value, r.status) == (1, 25.0, "met")


def test_seed_004_district_leaders_rotated_within_2021_2025_no_data_then_counted():
    """Lạc Sơn: "30% cán bộ lãnh đạo, quản lý cấp huyện (từ phó phòng trở lên) được luân
    chuyển" — "no data" until rotation records exist, then the share."""
    d = unit("lac-son", "Huyện Lạc Sơn", kind="district")
    deputy = title("pho-truong-phong-huyen", key=False, rank=35)
    people = [PersonFactory(unit=d) for _ in range(10)]
    for i, person in enumerate(people):
        hold(person, post(unit(f"phong-{i}", parent=d, kind="department"), deputy))
    ind = indicator_declare(
        code="luan-chuyen-30", name="Lãnh đạo cấp huyện được luân chuyển", unit=d,
        resolution="Nghị quyết 09-NQ/HU", adopted_on=date(2021, 12, 20),
        deadline=date(2025, 12, 31), measure="share", target=Decimal(30),
        conditions=[("population", "title_rank", "gte", "35"),
                    ("condition", "assignment_started", "between", "rotation: 2021-01-01..2025-12-31")],
    )  # fmt: skip
    r = evaluate(ind, people=Person.objects.all(), on=ON)
    assert (r.status, r.value) == ("no_data", None)
    assert "rotation" in r.detail
    other = post(unit("xa-luan-chuyen", parent=d, kind="commune"), title("pct", key=False))
    for person in people[:3]:
        Assignment.objects.create(
            person=person, post=other, kind="rotation", start_date=date(2022, 3, 1),
            end_date=date(2022, 12, 31),
        )  # fmt: skip
    r = evaluate(ind, people=Person.objects.all(), on=ON)
    assert (r.numerator, r.denominator, r.value, r.status) == (3, 10, 30.0, "met")


def test_seed_004_newly_recruited_with_university_degree():
    """Lạc Sơn: "100% cán bộ chuyên môn tuyển mới cấp huyện, cấp xã có bằng đại học"."""
    d = unit("lac-son", "Huyện Lạc Sơn", kind="district")
    ind = indicator_declare(
        code="tuyen-moi-dh", name="Cán bộ tuyển mới có bằng đại học", unit=d,
        resolution="Nghị quyết 09-NQ/HU", adopted_on=date(2021, 12, 20),
        deadline=date(2025, 12, 31), measure="share", target=Decimal(100),
        conditions=[("population", "recruited", "between", "2021-12-20..2025-12-31"),
                    ("condition", "qualification", "gte", "DH")],
    )  # fmt: skip
    PersonFactory(unit=d)  # no recruitment date anywhere: no data
    assert evaluate(ind, people=Person.objects.all(), on=ON).status == "no_data"
    PersonFactory(unit=d, recruited_on=date(2010, 1, 1))  # recruited long before: not counted
    r = evaluate(ind, people=Person.objects.all(), on=ON)
    assert r.status == "no_data" and r.denominator == 0
    PersonFactory(unit=d, recruited_on=date(2022, 9, 1))
    PersonFactory(unit=d, recruited_on=date(2023, 2, 1))
    r = evaluate(ind, people=Person.objects.all(), on=ON)
    assert (r.numerator, r.denominator, r.value, r.status) == (2, 2, 100.0, "met")


def test_seed_004_new_party_members_against_the_year_target_30_7_percent():
    """Kim Bôi: "5 tháng đầu năm … phát triển thêm 46 đảng viên, trong khi chỉ tiêu được giao
    là 150 … mới chỉ đạt 30,7%"."""
    d = unit("kim-boi", "Huyện Kim Bôi", kind="district")
    for i in range(46):
        PersonFactory(unit=d, party_joined_on=date(2022, 1, 10 + i % 18), party_official_on=None)
    PersonFactory(unit=d, party_joined_on=date(2021, 6, 1), party_official_on=None)
    ind = indicator_declare(
        code="ket-nap-2022", name="Kết nạp đảng viên mới năm 2022", unit=d,
        resolution="Kế hoạch năm 2022 của Huyện ủy Kim Bôi", adopted_on=date(2022, 1, 1),
        deadline=date(2022, 12, 31), measure="count", target=Decimal(150),
        conditions=[("condition", "party_joined", "between", "2022-01-01..2022-12-31")],
    )  # fmt: skip
    r = evaluate(ind, people=Person.objects.all(), on=date(2022, 5, 31))
    assert (r.value, r.progress) == (46.0, 30.7)
    assert r.status == "at_risk"  # 30.7% of the target with 41% of the year gone


def test_seed_001_manual_scorecard_18_of_18():
    """Thanh Trì: "hoàn thành đạt và vượt 18/18 chỉ tiêu" and growth 12.01% (seed 000) are
    entered by hand with their source and date."""
    d = unit("thanh-tri", "Huyện Thanh Trì", kind="district")
    ind = indicator_declare(
        code="18-chi-tieu", name="Chỉ tiêu Nghị quyết Đại hội hoàn thành", unit=d, kind="manual",
        resolution="Nghị quyết Đại hội Đảng bộ huyện 2020–2025", adopted_on=date(2020, 7, 1),
        deadline=date(2025, 6, 30), measure="count", target=Decimal(18), value_unit="chỉ tiêu",
    )  # fmt: skip
    assert evaluate(ind, people=Person.objects.none(), on=ON).status == "no_data"
    indicator_entry_add(indicator=ind, value=Decimal(18), as_of=date(2023, 6, 30),
                        source="Báo cáo sơ kết giữa nhiệm kỳ")  # fmt: skip
    r = evaluate(ind, people=Person.objects.none(), on=ON)
    assert (r.value, r.status) == (18.0, "met")
    assert "Báo cáo sơ kết giữa nhiệm kỳ" in r.detail
    with pytest.raises(ValidationError):
        indicator_entry_add(indicator=ind, value=Decimal(1), as_of=ON, source="")


def test_a_bad_condition_is_refused_with_a_vietnamese_message_and_nothing_written():
    d = unit("d", kind="district")
    with pytest.raises(ValidationError) as exc:
        indicator_declare(
            code="x", name="x", unit=d, resolution="NQ", deadline=date(2025, 1, 1),
            target=Decimal(50),
            conditions=[("condition", "qualification", "gte", "ĐẠI HỌC"),
                        ("condition", "age", "between", "40")],
        )  # fmt: skip
    text = " ".join(exc.value.messages)
    assert "Điều kiện 1" in text and "không có trong danh mục" in text
    assert "Điều kiện 2" in text
    from canbo.stats.models import Indicator

    assert not Indicator.objects.exists()


def test_training_indicator_reports_no_data_without_training_records():
    d = unit("d", kind="district")
    person = PersonFactory(unit=d)
    ind = indicator_declare(
        code="boi-duong", name="Được bồi dưỡng lý luận chính trị", unit=d, resolution="KH 01",
        deadline=date(2025, 12, 31), target=Decimal(100),
        conditions=[("condition", "training_completed", "between",
                     "political_theory: 2021-01-01..2025-12-31")],
    )  # fmt: skip
    assert evaluate(ind, people=Person.objects.all(), on=ON).status == "no_data"
    Training.objects.create(person=person, kind="political_theory", end_date=date(2022, 5, 1))
    r = evaluate(ind, people=Person.objects.all(), on=ON)
    assert (r.numerator, r.denominator) == (1, 1)


def test_non_local_needs_posts_in_the_population():
    d = unit("d", kind="district")
    with pytest.raises(ValidationError, match="không phải người địa phương"):
        indicator_declare(
            code="x", name="x", unit=d, resolution="NQ", deadline=date(2025, 1, 1),
            target=Decimal(50), conditions=[("condition", "non_local", "is", "có")],
        )  # fmt: skip


def test_evaluate_all_counts_in_one_scan_what_evaluate_counts_one_by_one():
    from canbo.stats.indicators import evaluate_all

    d = unit("huyen", kind="district")
    a = unit("xa-a", parent=d, kind="commune")
    for i in range(6):
        PersonFactory(unit=a if i % 2 else d, gender="female" if i < 4 else "male",
                      recruited_on=date(2022, 1, 1) if i < 3 else None)  # fmt: skip
    indicator_declare(code="nu", name="Nữ", unit=d, resolution="NQ", deadline=date(2030, 1, 1),
                      target=Decimal(30), conditions=[("condition", "gender", "in", "female")])  # fmt: skip
    indicator_declare(code="nu-xa", name="Nữ ở xã", unit=a, resolution="NQ",
                      deadline=date(2030, 1, 1), target=Decimal(30),
                      conditions=[("condition", "gender", "in", "female")])  # fmt: skip
    indicator_declare(code="tuyen", name="Tuyển mới nữ", unit=d, resolution="NQ",
                      deadline=date(2030, 1, 1), measure="count", target=Decimal(2),
                      conditions=[("population", "recruited", "between", "2021-01-01..2023-12-31"),
                                  ("condition", "gender", "in", "female")])  # fmt: skip
    together = {r.indicator.code: (r.numerator, r.denominator, r.value, r.status)
                for r in evaluate_all(d, people=Person.objects.all(), on=ON)}  # fmt: skip
    from canbo.stats.models import Indicator

    alone = {i.code: (r.numerator, r.denominator, r.value, r.status)
             for i in Indicator.objects.all()
             for r in [evaluate(i, people=Person.objects.all(), on=ON)]}  # fmt: skip
    assert together == alone
    assert together["nu"][:2] == (4, 6) and together["nu-xa"][:2] == (2, 3)
    assert together["tuyen"][:2] == (3, 3)
