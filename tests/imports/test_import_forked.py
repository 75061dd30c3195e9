"""A big roster's rows are shared with a forked copy of the process (core.forked): the analysis
is the same as one process makes, problems, plans, preview and units to create alike."""

from __future__ import annotations

import os
from datetime import date

import pytest

from canbo.audit.models import AuditEntry
from canbo.audit.services import snapshot
from canbo.core import forked
from canbo.imports import analysis
from canbo.imports.analysis import Options
from canbo.imports.services import import_people, prepare
from canbo.people.models import Person
from canbo.posts.models import Title
from canbo.rules.citizen_id import make_citizen_id
from tests.factories import PersonFactory, unit
from tests.imports.rosters import write_xlsx

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system"),
    # a copy is forced even if an earlier test left a thread running (see tests/core/test_forked)
    pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning"),
]


@pytest.fixture
def roster(tmp_path):
    return _roster(tmp_path, errors=True)


def _roster(tmp_path, *, errors: bool):
    """240 people under three unit rows (one unknown: created with --create-units), with bad
    dates and levels (`errors`), positions that do not split, a citizen ID twice (`errors`),
    and profiles already in canbo matched by citizen ID and by name and date of birth."""
    root = unit("tinh", name="Tỉnh ủy Thử Nghiệm", kind="party_committee")
    office = unit("van-phong", name="Văn phòng Tỉnh ủy", kind="party_body", parent=root)
    unit("ban-to-chuc", name="Ban Tổ chức Tỉnh ủy", kind="party_body", parent=root)
    Title.objects.create(code="chanh-vp", name="Chánh Văn phòng", group="party")
    PersonFactory(full_name="Người Đã Có", citizen_id=make_citizen_id("001", "male", 1970, 7),
                  unit=office, birth_date=date(1970, 1, 1))  # fmt: skip
    PersonFactory(full_name="Đã Có Theo Tên", citizen_id=None, unit=office,
                  birth_date=date(1971, 2, 2))  # fmt: skip
    items: list = [("group", "I. KHỐI ĐẢNG")]
    units = ["1. Văn phòng Tỉnh ủy", "2. Ban Tổ chức Tỉnh ủy", "3. Ban Dân vận Tỉnh ủy"]
    for k in range(240):
        if k % 80 == 0:
            items.append(("unit", units[k // 80]))
        female = k % 2 == 1
        person = {
            "name": f"Nguyễn {'Thị' if female else 'Văn'} Thử {k:03d}",
            "gender": "female" if female else "male",
            "birth": date(1960 + k % 30, 1 + k % 12, 1 + k % 27),
            "cid": make_citizen_id("001", "female" if female else "male", 1960 + k % 30, 1000 + k),
            "qualification": ["ĐH Luật", "ThS Kinh tế", "CĐ"][k % 3],
            "theory": ["CC", "TC", "SC", ""][k % 4],
        }
        if k % 37 == 5 and errors:
            person["birth"] = "31/02/1985"  # no such day
        if k % 41 == 7 and errors:
            person["theory"] = "Tiến sĩ lý luận"  # not a level
        if k % 29 == 3:
            person["position"] = "Chuyên viên phòng không có"  # kept as text: a warning
        if k == 200 and errors:
            person["cid"] = items[3][1]["cid"]  # the citizen ID of another row
        items.append(("person", person))
    items.insert(
        10,
        (
            "person",
            {
                "name": "Người Đã Có",
                "birth": date(1970, 1, 1),
                "cid": make_citizen_id("001", "male", 1970, 7),
                "theory": "CC",
            },
        ),
    )
    items.insert(150, ("person", {"name": "ĐÃ CÓ THEO TÊN", "birth": date(1971, 2, 2),
                                  "theory": "TC"}))  # fmt: skip
    return write_xlsx(tmp_path / "lon.xlsx", items), root


def _seen(prepared) -> dict:
    a = prepared.analysis
    return {
        "problems": [p.as_dict() for p in prepared.all_problems],
        "plans": [(p.row, p.action, p.expected_version, p.new_unit, p.values) for p in a.plans],
        "people": [(p.action, p.person is not None) for p in a.plans],
        "preview": a.preview(),
        "units": a.units_to_create,
        "rows": a.rows_read,
    }


def test_shared_with_a_copy_or_not_the_analysis_is_the_same(roster, monkeypatch, tmp_path):
    path, root = roster
    monkeypatch.setattr(analysis, "PART", 16)  # many parts from 240 rows
    pids = tmp_path / "pids"

    def noting(method):
        def wrapper(self, rows, *args):
            with open(pids, "a") as out:
                out.write(f"{os.getpid()}\n")
            return method(self, rows, *args)

        return wrapper

    monkeypatch.setattr(analysis.Analyzer, "_read_part", noting(analysis.Analyzer._read_part))
    monkeypatch.setattr(analysis.Analyzer, "_apply_part", noting(analysis.Analyzer._apply_part))
    alone = _seen(prepare(path=path, options=Options(unit=root, create_units=True, fork=False)))
    pids.unlink()
    shared = _seen(prepare(path=path, options=Options(unit=root, create_units=True, fork=True)))
    # a copy of the process took parts of the reading, another parts of the checks
    assert len(set(pids.read_text().split()) - {str(os.getpid())}) == 2
    assert shared == alone
    errors = [p for p in alone["problems"] if p["level"] == "error"]
    # dates, levels, and the copied citizen ID: twice, of another gender and year of birth
    assert len(errors) == 7 + 6 + 3
    assert alone["units"] == ["Ban Dân vận Tỉnh ủy"]
    assert [p["row"] for p in alone["problems"]] == sorted(p["row"] for p in alone["problems"])
    # a profile object for the preview's rows and the updates, the values alone for the rest
    assert all(kept for _action, kept in alone["people"][:20])
    assert {action for action, kept in alone["people"][20:] if kept} == {"update"}
    assert {a for _r, a, *_rest in alone["plans"]} == {"create", "update"}


def test_the_audit_entries_encoded_by_a_copy_are_those_of_the_form(tmp_path, monkeypatch):
    """A forked copy encodes the "after" of each new profile's audit entry while the profiles
    are inserted: the same values as an entry written for a profile saved by the form."""
    path, root = _roster(tmp_path, errors=False)
    monkeypatch.setattr(analysis, "PART", 16)
    monkeypatch.setattr(forked, "WORTH_FROM", 10)
    monkeypatch.setattr(forked, "can_fork", lambda: True)
    outcome = import_people(path=path, unit=root, create_units=True, keep_file=False)
    assert outcome.status == "imported" and outcome.created == 240 and outcome.updated == 2
    entries = {e.person_id: e for e in AuditEntry.objects.filter(action="create", source="import")}
    created = Person.objects.filter(pk__in=entries)
    assert created.count() == 240
    for person in created:
        assert entries[person.pk].after == snapshot(person, skip_empty=True)
        assert entries[person.pk].object_repr == person.full_name
