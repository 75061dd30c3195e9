from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from canbo.catalogs.models import Ethnicity, PoliticalTheoryLevel
from canbo.core.text import fold
from canbo.people.filters import PersonFilter
from canbo.people.models import Person
from canbo.people.services import StaleVersionError, changed_fields, person_update
from canbo.posts.services import assignment_create
from canbo.rules.citizen_id import make_citizen_id
from tests.factories import DecisionFactory, PersonFactory, TitleFactory, post, unit

pytestmark = pytest.mark.django_db


def run_filter(**params):
    return list(PersonFilter(params, queryset=Person.objects.all()).qs)


def test_bad_citizen_id_is_refused_with_the_reason():
    person = PersonFactory.build(unit=unit("u"), citizen_id="001180000001", gender="male")
    with pytest.raises(ValidationError) as exc:
        person.full_clean()
    assert "citizen_id" in exc.value.message_dict
    assert "giới tính" in " ".join(exc.value.message_dict["citizen_id"])


def test_party_membership_before_18_or_in_the_future_is_refused():
    u = unit("u")
    young = PersonFactory.build(unit=u, birth_date=date(1990, 6, 1), party_joined_on=date(2008, 5, 31), party_official_on=None)  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        young.full_clean()
    assert "chưa đủ 18 tuổi" in exc.value.message_dict["party_joined_on"][0]
    future = PersonFactory.build(unit=u, party_joined_on=date.today() + timedelta(days=1), party_official_on=None)  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        future.full_clean()
    assert "tương lai" in exc.value.message_dict["party_joined_on"][0]


def test_names_are_normalised_and_searchable_without_diacritics():
    p = PersonFactory(unit=unit("u"), full_name="  Nguye\u0302\u0303n   Thị  ĐÀO ")  # NFD, spaces
    p.refresh_from_db()
    assert p.full_name == "Nguyễn Thị ĐÀO"
    assert p.search_name == "nguyen thi dao"
    assert run_filter(q="nguyen thi dao") == [p]
    assert run_filter(q="NGUYỄN ĐÀO") == [p]
    assert run_filter(q="nguyen van") == []


@settings(max_examples=25, deadline=None)
@given(
    st.text(
        alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ ",
        min_size=1,
        max_size=30,
    )
)
def test_search_finds_any_name_by_its_folded_words(name):
    if not name.strip():
        return
    p = Person(full_name=name)
    p.refresh_derived()
    assert all(w in p.search_name for w in fold(name.upper()).split())


def test_filters_by_unit_subtree_gender_age_party_and_ethnicity():
    root = unit("tinh")
    commune = unit("xa", parent=root)
    other = unit("khac")
    tay = Ethnicity.objects.get(name="Tày")
    a = PersonFactory(unit=commune, gender="female", birth_date=date(1990, 1, 1), citizen_id=make_citizen_id("001", "female", 1990, 1), party_joined_on=None, party_official_on=None, ethnicity=tay)  # fmt: skip
    b = PersonFactory(unit=root, birth_date=date(1970, 12, 31), citizen_id=make_citizen_id("001", "male", 1970, 2))  # fmt: skip
    c = PersonFactory(unit=other)
    assert set(run_filter(unit="tinh")) == {a, b}
    assert set(run_filter(unit="tinh", _submitted="1")) == {b}  # subtree box unticked
    assert run_filter(unit="nope") == []
    assert run_filter(gender="female") == [a]
    assert set(run_filter(party_member="yes")) == {b, c}
    assert run_filter(party_member="no") == [a]
    assert run_filter(ethnicity="minority") == [a]
    assert run_filter(ethnicity=str(tay.pk)) == [a]
    # age on a date: born 31/12/1970 is 54 on 30/12/2025 and 55 on 31/12/2025
    assert run_filter(age_min="55", age_max="55", as_of="2025-12-30") == []
    assert run_filter(age_min="55", age_max="55", as_of="2025-12-31") == [b]
    assert set(run_filter(birth_year_min="1970", birth_year_max="1980")) == {b, c}
    pt = PoliticalTheoryLevel.objects.get(code="TC")
    assert len(run_filter(political_theory=str(pt.pk))) == 3


def test_filters_by_current_title_and_key_post():
    commune = unit("xa", kind="commune")
    secretary = TitleFactory(name="Bí thư Đảng ủy", is_key=True)
    staff = TitleFactory(name="Chuyên viên", is_key=False)
    a, b = PersonFactory(unit=commune), PersonFactory(unit=commune)
    assignment_create(
        person=a, post=post(commune, secretary), kind="election", start_date=date(2020, 10, 1)
    )
    assignment_create(person=b, post=post(commune, staff), kind="recruitment", start_date=date(2019, 1, 1), end_date=date(2021, 1, 1))  # fmt: skip
    assert run_filter(title=str(secretary.pk)) == [a]
    assert run_filter(key_post="yes") == [a]
    assert run_filter(key_post="no") == [b]
    assert run_filter(title=str(staff.pk)) == []  # ended
    assert run_filter(title=str(staff.pk), as_of="2020-06-01") == [b]


def test_sorting_by_given_name_then_birth():
    u = unit("u")
    names = ["Trần Văn Bình", "Lê Thị An", "Phạm Cường"]
    people = [PersonFactory(unit=u, full_name=n) for n in names]
    assert [p.full_name for p in run_filter(sort="name")] == [
        "Lê Thị An",
        "Trần Văn Bình",
        "Phạm Cường",
    ]
    assert run_filter(sort="-name")[0] == people[2]


def test_second_save_with_a_stale_version_is_refused_and_nothing_is_lost():
    person = PersonFactory(unit=unit("u"), phone="0912")
    first = Person.objects.get(pk=person.pk)
    second = Person.objects.get(pk=person.pk)
    first.phone = "0988"
    person_update(person=first, expected_version=1)
    second.phone = "0977"
    with pytest.raises(StaleVersionError) as exc:
        person_update(person=second, expected_version=1)
    person.refresh_from_db()
    assert (person.phone, person.version) == ("0988", 2)
    diff = changed_fields(second, exc.value.current)
    assert ("điện thoại", "0988", "0977") in diff


def test_assignment_ending_before_it_starts_is_refused():
    u = unit("u")
    person = PersonFactory(unit=u)
    with pytest.raises(ValidationError) as exc:
        assignment_create(person=person, post=post(u, TitleFactory()), kind="appointment", start_date=date(2020, 1, 1), end_date=date(2019, 1, 1))  # fmt: skip
    assert "không được trước ngày bắt đầu" in str(exc.value)
    assert not person.assignments.exists()


def test_a_new_main_post_ends_the_current_one_and_moves_the_profile():
    a, b = unit("a"), unit("b")
    person = PersonFactory(unit=a)
    decision = DecisionFactory()
    first = assignment_create(person=person, post=post(a, TitleFactory()), kind="appointment", start_date=date(2018, 1, 1), decision=decision)  # fmt: skip
    assignment_create(person=person, post=post(b, TitleFactory()), kind="rotation", start_date=date(2021, 3, 1))  # fmt: skip
    first.refresh_from_db()
    person.refresh_from_db()
    assert first.end_date == date(2021, 2, 28)
    assert person.unit == b
    assert person.version == 3  # each change of post counts as a change of the profile
