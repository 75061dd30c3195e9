from datetime import date

import pytest
from django.core.exceptions import ValidationError

from canbo.units.locality import is_local
from canbo.units.models import Area, Unit
from canbo.units.selectors import children_with_counts
from canbo.units.services import unit_merge, unit_rename, unit_update
from tests.factories import PersonFactory, unit

pytestmark = pytest.mark.django_db


def test_areas_are_loaded_from_the_package_two_tier_and_former():
    assert Area.objects.filter(level=1, valid_to__isnull=True).count() == 34
    assert Area.objects.filter(level=3, valid_to__isnull=True).count() == 3321
    assert Area.objects.filter(code__startswith="LP").count() == 63
    old = Area.objects.get(code="LW00001")  # Phường Phúc Xá, Quận Ba Đình (former)
    assert old.valid_to == date(2025, 6, 30)
    assert [a.name for a in old.successors.all()] == ["Phường Hồng Hà"]
    assert old.province.code == "P01"


def test_subtree_is_a_range_on_the_path_and_excludes_siblings():
    root = unit("tinh")
    a = unit("a", parent=root)
    a1 = unit("a1", parent=a)
    a11 = unit("a11", parent=a1)
    b = unit("b", parent=root)
    assert set(Unit.objects.in_subtree(a)) == {a, a1, a11}
    assert set(Unit.objects.in_subtree(a, include_self=False)) == {a1, a11}
    assert b not in Unit.objects.in_subtree(a)
    assert list(a11.ancestors()) == [root, a, a1]


def test_subtree_boundary_between_ids_9_and_10_is_exact():
    # ids that differ only past the prefix must not leak into each other's subtree
    units = [unit(f"u{i}") for i in range(12)]
    for u in units:
        assert list(Unit.objects.in_subtree(u)) == [u]


def test_moving_a_unit_moves_its_subtree():
    root = unit("root")
    a, b = unit("a", parent=root), unit("b", parent=root)
    a1 = unit("a1", parent=a)
    unit_update(unit=a, parent=b)
    a1.refresh_from_db()
    assert a1.depth == 3
    assert set(Unit.objects.in_subtree(b)) == {b, a, a1}


def test_a_unit_cannot_become_its_own_ancestor():
    root = unit("root")
    a = unit("a", parent=root)
    a1 = unit("a1", parent=a)
    with pytest.raises(ValidationError) as exc:
        unit_update(unit=a, parent=a1)
    assert "thuộc chính nó" in str(exc.value)
    with pytest.raises(ValidationError):
        unit_update(unit=a, parent=a)
    a.refresh_from_db()
    assert a.parent == root  # nothing half-saved


def test_rename_keeps_the_old_name_for_past_dates():
    u = unit("xa-a", name="Xã Hòa Bình")
    unit_rename(unit=u, new_name="Xã Hòa Bình Mới", on=date(2025, 7, 1))
    u.refresh_from_db()
    assert u.name_on(date(2020, 1, 1)) == "Xã Hòa Bình"
    assert u.name_on(date(2025, 7, 1)) == "Xã Hòa Bình Mới"


def test_merge_ends_old_units_and_leads_to_successor():
    root = unit("tinh")
    a, b = unit("xa-a", parent=root), unit("xa-b", parent=root)
    c = unit("xa-c", parent=root)
    unit_merge(units=[a, b], into=c, on=date(2025, 7, 1))
    a.refresh_from_db()
    assert a.valid_to == date(2025, 6, 30)
    assert a.current_successors() == [c]


def test_children_counts_people_here_and_in_subtree():
    root = unit("tinh")
    a = unit("a", parent=root)
    a1 = unit("a1", parent=a)
    b = unit("b", parent=root)
    PersonFactory(unit=a)
    PersonFactory.create_batch(2, unit=a1)
    PersonFactory(unit=b, status="retired")
    nodes = {n.code: n for n in children_with_counts(root)}
    assert (nodes["a"].people_here, nodes["a"].people_total) == (1, 3)
    assert (nodes["b"].people_here, nodes["b"].people_total) == (0, 0)
    assert nodes["a"].has_children and not nodes["b"].has_children


@pytest.mark.parametrize(
    ("hometown", "post_area", "expected"),
    [
        ("W00004", "W00004", True),  # same current ward
        ("LW00001", "W00004", None),  # placeholder replaced below
        ("W00004", "P01", True),  # ward of Hà Nội, post at province level
        ("W00004", "P79", False),  # Hà Nội hometown, Hồ Chí Minh City post
    ],
)
def test_locality(hometown, post_area, expected):
    home, area = Area.objects.get(code=hometown), Area.objects.get(code=post_area)
    if expected is None:  # a former ward is local to the ward it was merged into
        successor = home.successors.first()
        assert is_local(home, successor) is True
        assert is_local(home, area) is (successor.pk == area.pk)
    else:
        assert is_local(home, area) is expected
    assert is_local(None, area) is None
