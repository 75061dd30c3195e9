"""Declaring and editing indicators on a staff page (no admin): conditions as rows, Vietnamese
errors, the change right on the unit, and no silent overwrite of someone else's save."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from canbo.stats.models import Indicator
from canbo.stats.services import indicator_declare, indicator_update
from tests.factories import PersonFactory, unit, user_with_grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def district():
    d = unit("huyen-lac-son", "Huyện Lạc Sơn", kind="district")
    c = unit("xa-an-nghia", "Xã Ân Nghĩa", parent=d, kind="commune")
    for i in range(4):
        PersonFactory(unit=c, gender="female" if i < 3 else "male")
    return d, c


def _post(**over):
    data = {
        "code": "nu-lanh-dao", "name": "Cán bộ nữ", "unit": "", "resolution": "Nghị quyết 09-NQ/HU",
        "adopted_on": "2021-12-20", "deadline": "2025-12-31", "kind": "computed",
        "measure": "share", "count_by": "people", "comparison": "at_least", "target": "30",
        "per_unit_kind": "", "per_unit_min": "1", "value_unit": "", "description": "",
        "sort_order": "0", "is_active": "on", "version": "",
        "c-TOTAL_FORMS": "2", "c-INITIAL_FORMS": "0", "c-MIN_NUM_FORMS": "0",
        "c-MAX_NUM_FORMS": "1000",
        "c-0-role": "condition", "c-0-field": "gender", "c-0-operator": "in", "c-0-value": "female",
        "c-1-role": "", "c-1-field": "", "c-1-operator": "", "c-1-value": "",
    }  # fmt: skip
    data.update(over)
    return data


def test_declare_an_indicator_with_conditions_on_the_page(client, district):
    d, c = district
    client.force_login(user_with_grant("org-board", d))
    listing = client.get("/stats/huyen-lac-son/indicators/").content.decode()
    assert 'href="/stats/huyen-lac-son/indicators/new/"' in listing
    page = client.get("/stats/huyen-lac-son/indicators/new/")
    assert page.status_code == 200 and page.context["form"]["unit"].value() == d.pk
    response = client.post("/stats/huyen-lac-son/indicators/new/", _post(unit=str(d.pk)))
    assert response.status_code == 302, response.context and response.context["form"].errors
    ind = Indicator.objects.get(code="nu-lanh-dao")
    assert (ind.unit, ind.target, ind.version) == (d, Decimal(30), 1)
    assert [(x.role, x.field, x.operator, x.value) for x in ind.conditions.all()] == [
        ("condition", "gender", "in", "female")
    ]
    shown = client.get(response.url).content.decode()
    assert "3/4, đạt 75%" in shown and "/indicators/nu-lanh-dao/edit/" in shown


def test_errors_are_shown_in_vietnamese_and_nothing_is_saved(client, district):
    d, _c = district
    client.force_login(user_with_grant("org-board", d))
    response = client.post(
        "/stats/huyen-lac-son/indicators/new/",
        _post(unit=str(d.pk), name="", target="120", **{"c-0-field": "qualification",
              "c-0-operator": "gte", "c-0-value": "ĐẠI HỌC"}),
    )  # fmt: skip
    assert response.status_code == 200
    html = response.content.decode()
    assert "Chưa lưu được" in html
    assert "Tỷ lệ không quá 100%" in html
    assert "Trường này là bắt buộc" in html  # Django's own message, in Vietnamese
    assert response.context["conditions"].forms[0].errors["value"]
    assert not Indicator.objects.exists()
    new = client.post("/stats/huyen-lac-son/indicators/new/", _post(unit=str(d.pk), code="new"))
    assert "được dành riêng" in new.content.decode()
    local = client.post(
        "/stats/huyen-lac-son/indicators/new/",
        _post(unit=str(d.pk), **{"c-0-field": "non_local", "c-0-operator": "is", "c-0-value": "có"}),
    )  # fmt: skip
    assert "cần đối tượng là người giữ vị trí" in local.content.decode()
    assert not Indicator.objects.exists()


def test_only_the_change_right_on_the_unit_declares_or_edits(client, district):
    d, c = district
    ind = indicator_declare(
        code="nu", name="Nữ", unit=d, resolution="NQ", deadline=date(2030, 1, 1),
        target=Decimal(30), conditions=[("condition", "gender", "in", "female")],
    )  # fmt: skip
    client.force_login(user_with_grant("org-board", d, actions=["view"]))
    assert client.get("/stats/huyen-lac-son/indicators/new/").status_code == 404
    assert client.get("/stats/huyen-lac-son/indicators/nu/edit/").status_code == 404
    assert "/indicators/new/" not in client.get("/stats/huyen-lac-son/indicators/").content.decode()
    # change right on the commune only: may declare there, not on the district
    client.force_login(user_with_grant("org-board", c))
    assert client.get("/stats/xa-an-nghia/indicators/new/").status_code == 200
    refused = client.post("/stats/xa-an-nghia/indicators/new/", _post(unit=str(d.pk)))
    assert refused.status_code == 200 and "unit" in refused.context["form"].errors
    assert client.get("/stats/huyen-lac-son/indicators/nu/edit/").status_code == 404
    ok = client.post("/stats/xa-an-nghia/indicators/new/", _post(unit=str(c.pk), code="nu-xa"))
    assert ok.status_code == 302
    assert Indicator.objects.get(code="nu-xa").unit == c
    assert Indicator.objects.get(code="nu").version == ind.version == 1


def test_a_save_made_meanwhile_is_not_overwritten(client, district):
    d, _c = district
    ind = indicator_declare(
        code="nu", name="Nữ", unit=d, resolution="NQ", deadline=date(2030, 1, 1),
        target=Decimal(30), conditions=[("condition", "gender", "in", "female")],
    )  # fmt: skip
    client.force_login(user_with_grant("org-board", d))
    form = client.get("/stats/huyen-lac-son/indicators/nu/edit/").context["form"]
    assert form["version"].value() == 1
    assert form["target"].value() == Decimal("30.00")
    # someone else saves first
    other = Indicator.objects.get(pk=ind.pk)
    other.target = Decimal(40)
    indicator_update(indicator=other, expected_version=1, conditions=[("condition", "gender", "in", "female")])  # fmt: skip
    mine = _post(code="nu", unit=str(d.pk), target="35", version="1", name="Nữ (sửa)")
    stale = client.post("/stats/huyen-lac-son/indicators/nu/edit/", mine)
    assert stale.status_code == 200
    assert "vừa được người khác lưu (phiên bản 2)" in stale.content.decode()
    ind.refresh_from_db()
    assert (ind.target, ind.name, ind.version) == (Decimal(40), "Nữ", 2)
    assert stale.context["form"]["version"].value() == 2
    # having seen it, saving again (now on version 2) goes through, conditions replaced
    again = client.post(
        "/stats/huyen-lac-son/indicators/nu/edit/",
        {**mine, "version": "2", "c-0-role": "population", "c-0-field": "key_post",
         "c-0-operator": "is", "c-0-value": "có", "c-1-role": "condition", "c-1-field": "gender",
         "c-1-operator": "in", "c-1-value": "female"},
    )  # fmt: skip
    assert again.status_code == 302
    ind.refresh_from_db()
    assert (ind.target, ind.name, ind.version) == (Decimal(35), "Nữ (sửa)", 3)
    assert ind.conditions.count() == 2


def test_deleting_a_condition_row(client, district):
    d, _c = district
    indicator_declare(
        code="nu", name="Nữ", unit=d, resolution="NQ", deadline=date(2030, 1, 1),
        target=Decimal(30), conditions=[("population", "party_member", "is", "có"),
                                        ("condition", "gender", "in", "female")],
    )  # fmt: skip
    client.force_login(user_with_grant("org-board", d))
    page = client.get("/stats/huyen-lac-son/indicators/nu/edit/")
    assert page.context["conditions"].total_form_count() == 4  # 2 rows + 2 empty
    data = _post(code="nu", unit=str(d.pk), version="1", **{
        "c-TOTAL_FORMS": "2", "c-INITIAL_FORMS": "2",
        "c-0-role": "population", "c-0-field": "party_member", "c-0-operator": "is",
        "c-0-value": "có", "c-0-DELETE": "on",
        "c-1-role": "condition", "c-1-field": "gender", "c-1-operator": "in", "c-1-value": "female",
    })  # fmt: skip
    assert client.post("/stats/huyen-lac-son/indicators/nu/edit/", data).status_code == 302
    assert list(Indicator.objects.get(code="nu").conditions.values_list("field", flat=True)) == [
        "gender"
    ]


def test_the_form_offers_a_row_template_and_saves_the_rows_added_in_the_browser(client, district):
    """The "+ Thêm điều kiện" button (static/canbo/stats.js) copies the empty-row <template>
    with the next index and raises TOTAL_FORMS: the page carries both, and a post with the
    extra rows saves them all."""
    d, _c = district
    client.force_login(user_with_grant("org-board", d))
    html = client.get("/stats/huyen-lac-son/indicators/new/").content.decode()
    assert '<template id="condition-empty">' in html and 'name="c-__prefix__-role"' in html
    assert 'data-add-condition="condition-empty"' in html and "canbo/stats.js" in html
    response = client.post(
        "/stats/huyen-lac-son/indicators/new/",
        _post(unit=str(d.pk), **{
            "c-TOTAL_FORMS": "4",
            "c-1-role": "population", "c-1-field": "age", "c-1-operator": "lt", "c-1-value": "100",
            "c-2-role": "", "c-2-field": "", "c-2-operator": "", "c-2-value": "",
            "c-3-role": "population", "c-3-field": "party_member", "c-3-operator": "is",
            "c-3-value": "có",
        }),
    )  # fmt: skip
    assert response.status_code == 302, response.context and response.context["form"].errors
    ind = Indicator.objects.get(code="nu-lanh-dao")
    assert sorted((x.role, x.field) for x in ind.conditions.all()) == [
        ("condition", "gender"), ("population", "age"), ("population", "party_member"),
    ]  # fmt: skip
