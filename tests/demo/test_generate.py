"""The demo generator: deterministic, realistic, and every row within the rules."""

import random
from collections import Counter
from datetime import date, timedelta

import pytest
from django.db.models import F, Q
from django.utils import timezone

from canbo.catalogs.models import Ethnicity, QualificationLevel
from canbo.core.text import fold
from canbo.demo.base import add_years, month_end
from canbo.demo.generate import generate
from canbo.demo.writer import flush_demo_data
from canbo.discipline.models import Sanction
from canbo.people.models import Award, FamilyMember, Person, SalaryHistory, Training, WorkHistory
from canbo.posts.models import Assignment, Decision, Post, Title
from canbo.rules.citizen_id import check_citizen_id
from canbo.rules.retirement import retirement_date
from canbo.units.models import Area, Unit, UnitName, UnitSuccession

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 5, 15)
REORGANISED = date(2025, 7, 1)


def snapshot():
    people = list(
        Person.objects.order_by("pk").values_list(
            "pk", "full_name", "citizen_id", "birth_date", "gender", "unit__code", "hometown_id"
        )
    )
    assignments = list(
        Assignment.objects.order_by("pk").values_list(
            "pk", "person_id", "post_id", "kind", "start_date", "end_date", "decision__number"
        )
    )
    units = list(Unit.objects.order_by("pk").values_list("pk", "code", "name", "path"))
    return people, assignments, units


def latest_birthday(person) -> date:
    """The latest date the person can really have been born (partial dates of birth)."""
    if person.birth_date_precision == "year":
        return person.birth_date.replace(month=12, day=31)
    if person.birth_date_precision == "month":
        return month_end(person.birth_date)
    return person.birth_date


def commune_of(unit, units):
    while unit is not None:
        if unit.kind == "commune":
            return unit
        unit = units.get(unit.parent_id)
    return None


def is_local(person, area, predecessors) -> bool:
    """Local: the hometown is the commune's area or one of the areas it was formed from."""
    return person.hometown_id == area.pk or person.hometown_id in predecessors.get(area.pk, ())


def test_same_seed_gives_the_same_data_and_another_seed_does_not():
    counts = generate(people=200, seed=11, as_of=AS_OF)
    assert counts["people"] == 200
    first = snapshot()
    flush_demo_data()
    generate(people=200, seed=11, as_of=AS_OF)
    assert snapshot() == first
    flush_demo_data()
    generate(people=200, seed=12, as_of=AS_OF)
    other = snapshot()
    assert [p[1] for p in other[0]] != [p[1] for p in first[0]]
    assert [p[2] for p in other[0]] != [p[2] for p in first[0]]


def test_refuses_to_build_the_same_province_twice():
    generate(people=100, seed=1, as_of=AS_OF)
    with pytest.raises(ValueError, match="đã có"):
        generate(people=100, seed=2, as_of=AS_OF)


def test_unknown_province_and_too_few_people_are_refused():
    with pytest.raises(ValueError, match="P99"):
        generate(people=100, seed=1, province_code="P99")
    with pytest.raises(ValueError, match="50"):
        generate(people=10, seed=1)


def test_distributions_look_like_a_province():
    generate(people=2000, seed=2025)
    people = list(Person.objects.select_related("qualification_level", "ethnicity"))
    n = len(people)
    assert n == 2000

    def share(predicate) -> float:
        return sum(1 for p in people if predicate(p)) / n

    assert 0.33 <= share(lambda p: p.gender == "female") <= 0.45
    assert share(lambda p: p.party_joined_on is not None) >= 0.88
    university = QualificationLevel.objects.get(code="DH").rank
    assert share(lambda p: p.qualification_level.rank >= university) > 0.5
    assert 0.08 <= share(lambda p: p.qualification_level.code == "THS") <= 0.18
    assert share(lambda p: p.qualification_level.code == "TS") < 0.03
    majority = Ethnicity.objects.get(is_majority=True)
    minority = share(lambda p: p.ethnicity_id != majority.pk)
    assert 0.10 <= minority <= 0.30
    assert {"Mường", "Dao"} <= {p.ethnicity.name for p in people}
    precision = Counter(p.birth_date_precision for p in people)
    assert precision["day"] / n >= 0.9
    assert 0.01 <= precision["month"] / n <= 0.06
    assert 0.005 <= precision["year"] / n <= 0.04
    kinh = [p for p in people if p.ethnicity_id == majority.pk]
    nguyen = sum(1 for p in kinh if p.full_name.startswith("Nguyễn ")) / len(kinh)
    assert 0.3 <= nguyen <= 0.46
    ages = [AS_OF.year - p.birth_date.year for p in people]
    assert min(ages) >= 22 and max(ages) <= 62
    # Commune key posts: a realistic share held by non-local people (RULES §5.18; seed 001).
    units = {u.pk: u for u in Unit.objects.all()}
    areas = {a.pk: a for a in Area.objects.filter(level=3)}
    predecessors: dict[int, set[int]] = {}
    for old, new in Area.successors.through.objects.values_list("from_area_id", "to_area_id"):
        predecessors.setdefault(new, set()).add(old)
    key = Assignment.objects.filter(post__title__is_key=True).select_related(
        "person", "post__title"
    )
    total = nonlocal_ = secretaries = nonlocal_secretaries = 0
    for a in key:
        commune = commune_of(units[a.post.unit_id], units)
        if commune is None:
            continue
        outsider = not is_local(a.person, areas[commune.area_id], predecessors)
        total += 1
        nonlocal_ += outsider
        if a.post.title.code == "bi-thu-dang-uy-xa" and a.end_date is None:
            secretaries += 1
            nonlocal_secretaries += outsider
    assert total > 200
    assert 0.10 <= nonlocal_ / total <= 0.25
    assert nonlocal_secretaries / secretaries > 0.5  # seed 001: 12/16 after 2020


def test_every_profile_follows_the_rules():
    counts = generate(people=600, seed=7)
    today = timezone.localdate()
    people = list(Person.objects.all())
    assert len(people) == counts["people"] == 600
    assert len({p.citizen_id for p in people}) == len(people)
    for p in people:
        assert check_citizen_id(p.citizen_id, p.gender, p.birth_date.year) == [], p.citizen_id
        assert p.status == "active"
        assert retirement_date(p.gender, p.birth_date, p.birth_date_precision) > today
        assert p.search_name == fold(p.full_name)
        assert p.given_name == fold(p.full_name.split()[-1])
        assert p.hometown_id and p.ethnicity_id and p.religion_id and p.qualification_level_id
        if p.party_joined_on:
            assert p.party_joined_on >= add_years(latest_birthday(p), 18)
            assert p.party_joined_on <= today
            if p.party_official_on:
                assert p.party_official_on <= today
                assert p.party_official_on == add_years(p.party_joined_on, 1)
            else:  # still probationary: joined less than a year ago
                assert add_years(p.party_joined_on, 1) > today
        assert p.recruited_on <= p.joined_unit_on <= today
    assert not Assignment.objects.filter(end_date__lt=F("start_date")).exists()
    assert not Assignment.objects.filter(start_date__gt=today).exists()
    assert not Assignment.objects.filter(decision__isnull=True).exists()
    assert not Assignment.objects.filter(decision__issued_on__gt=F("start_date")).exists()
    # Exactly one current primary post each, in the person's unit and tier.
    current = Assignment.objects.filter(end_date__isnull=True, is_concurrent=False)
    by_person = Counter(current.values_list("person_id", flat=True))
    assert set(by_person.values()) == {1} and len(by_person) == len(people)
    for a in current.select_related("person", "post__title"):
        assert a.post.unit_id == a.person.unit_id
        assert a.post.title.management_tier_id == a.person.management_tier_id
    # Assignments lie within the life of their unit (merged units end the day before).
    for a in Assignment.objects.select_related("post__unit"):
        unit = a.post.unit
        assert unit.valid_from is None or a.start_date >= unit.valid_from, (a, unit)
        assert unit.valid_to is None or (a.end_date and a.end_date <= unit.valid_to), (a, unit)
    # Past assignments never overlap the next one.
    history: dict[int, list] = {}
    for a in Assignment.objects.filter(is_concurrent=False).order_by("start_date"):
        history.setdefault(a.person_id, []).append(a)
    for rows in history.values():
        for before, after in zip(rows, rows[1:], strict=False):
            assert before.end_date is not None and before.end_date < after.start_date


def test_rows_pass_model_validation():
    generate(people=300, seed=5)
    rng = random.Random(0)
    for model in (Person, Assignment, Decision, Unit, Post, Title, Training, WorkHistory,
                  FamilyMember, Award, SalaryHistory, Sanction):  # fmt: skip
        ids = list(model.objects.values_list("pk", flat=True))
        assert ids, model
        for pk in rng.sample(ids, min(40, len(ids))):
            model.objects.get(pk=pk).full_clean()
    numbers = Decision.objects.values_list("number", "issued_on", "issuer")
    assert all(number for number, _on, _issuer in numbers)
    assert any(number.endswith("-QĐ/TU") for number, _on, _issuer in numbers)
    assert any(number.endswith("/QĐ-UBND") for number, _on, _issuer in numbers)


def test_structure_titles_and_history():
    generate(people=600, seed=3, as_of=AS_OF)
    province = Unit.objects.get(code="p25")
    assert province.kind == "province" and province.area.code == "P25"
    communes = Unit.objects.filter(kind="commune", valid_to__isnull=True)
    assert communes.count() >= 5
    for commune in communes:
        assert commune.code == f"xa-{commune.area.official_code}"
        assert commune.area.level == 3 and commune.area.province_id == province.area_id
        assert commune.name == commune.area.name
        kinds = set(Unit.objects.in_subtree(commune).values_list("kind", flat=True))
        assert {"party_committee", "peoples_committee", "peoples_council", "front", "school",
                "party_cell"} <= kinds  # fmt: skip
    names = set(Unit.objects.values_list("name", flat=True))
    for name in ("Văn phòng Tỉnh ủy", "Ban Tổ chức Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy",
                 "Ủy ban nhân dân tỉnh Phú Thọ", "Sở Nội vụ", "Sở Tài chính",
                 "Sở Giáo dục và Đào tạo"):  # fmt: skip
        assert name in names
    key = set(Title.objects.filter(is_key=True).values_list("code", flat=True))
    assert {"bi-thu-dang-uy-xa", "pho-bi-thu-dang-uy-xa", "chu-tich-ubnd-xa",
            "chu-tich-hdnd-xa"} <= key  # fmt: skip
    secretary = Title.objects.get(code="bi-thu-dang-uy-xa")
    assert secretary.min_qualification.code == "DH"
    assert secretary.min_political_theory.code == "TC"
    assert secretary.management_tier.code == "TINH"
    assert Title.objects.get(code="giam-doc-so").min_political_theory.code == "CC"
    assert Title.objects.get(code="chuyen-vien").management_tier.code == "DONVI"
    assert Title.objects.get(code="pho-chu-tich-ubnd-xa").management_tier.code == "XA"
    # Former communes merged on 1 July 2025, with the posts held there until then.
    former = Unit.objects.filter(kind="commune", valid_to=date(2025, 6, 30))
    assert former.exists()
    old = former.first()
    successors = old.current_successors()
    assert successors and all(u.kind == "commune" and u.valid_to is None for u in successors)
    assert Assignment.objects.filter(
        post__unit__parent=old, end_date=date(2025, 6, 30), end_reason="reorganisation"
    ).exists()
    assert UnitSuccession.objects.filter(kind="merge", date=REORGANISED).count() >= 3
    # Renamed and merged provincial bodies (through the services).
    board = Unit.objects.get(code="p25-btg")
    assert board.name == "Ban Tuyên giáo và Dân vận Tỉnh ủy"
    assert board.name_on(date(2024, 1, 1)) == "Ban Tuyên giáo Tỉnh ủy"
    assert UnitName.objects.filter(unit=board).exists()
    assert UnitSuccession.objects.filter(successor=board, predecessor__code="p25-bdv").exists()
    assert Unit.objects.get(code="tinh-cu-17").current_successors() == [province]
    # Kinds of assignment and concurrent posts.
    kinds = set(Assignment.objects.values_list("kind", flat=True))
    assert {"appointment", "election", "designation", "rotation", "recruitment"} <= kinds
    assert Assignment.objects.filter(is_concurrent=True, end_date__isnull=True).exists()
    assert Sanction.objects.exists() or Person.objects.count() < 1000


def test_flush_keeps_areas_and_catalogs():
    areas, ethnicities = Area.objects.count(), Ethnicity.objects.count()
    generate(people=100, seed=1, as_of=AS_OF)
    deleted = flush_demo_data()
    assert deleted["people.Person"] == 100
    assert not Unit.objects.exists() and not Decision.objects.exists()
    assert not Title.objects.exists() and not Assignment.objects.exists()
    assert Area.objects.count() == areas and Ethnicity.objects.count() == ethnicities
    assert Area.objects.filter(~Q(code="")).exists()
    generate(people=100, seed=1, as_of=AS_OF - timedelta(days=30))
    assert Person.objects.count() == 100
