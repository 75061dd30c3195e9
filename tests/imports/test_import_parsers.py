"""The parsers behind the import, checked on generated values (hypothesis)."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from canbo.imports.data import SYNONYMS
from canbo.imports.headers import detect_layout, header_key
from canbo.imports.values import (
    parse_citizen_id,
    parse_date_cell,
    parse_political_theory,
    parse_qualification,
    parse_state_management,
)

dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
ALL_SYNONYMS = {header_key(t): f for f, texts in SYNONYMS.items() for t in texts}


@given(dates, st.sampled_from(["{d:02d}/{m:02d}/{y}", "{d}/{m}/{y}", "{d:02d}-{m:02d}-{y}",
                                "{d}.{m}.{y}", " {d} / {m} / {y} ", "'{d:02d}/{m:02d}/{y}"]))  # fmt: skip
def test_full_dates_in_every_written_form(value, form):
    parsed = parse_date_cell(form.format(d=value.day, m=value.month, y=value.year))
    assert (parsed.value, parsed.precision) == (value, "day")


@given(dates)
def test_real_excel_dates(value):
    assert parse_date_cell(value).value == value
    moment = datetime(value.year, value.month, value.day, 0, 0)
    assert (parse_date_cell(moment).value, parse_date_cell(moment).precision) == (value, "day")


@given(dates, st.sampled_from(["{m:02d}/{y}", "{m}/{y}", "{m:02d}-{y}"]))
def test_month_and_year_keep_their_precision(value, form):
    parsed = parse_date_cell(form.format(m=value.month, y=value.year))
    assert (parsed.precision, parsed.value) == ("month", value.replace(day=1))
    assert str(parsed) == f"{value.month:02d}/{value.year}"


@given(st.integers(min_value=1900, max_value=2100), st.booleans())
def test_a_year_alone_is_a_year(year, as_number):
    parsed = parse_date_cell(float(year) if as_number else str(year))
    assert (parsed.precision, parsed.value) == ("year", date(year, 1, 1))


@given(st.integers(min_value=1, max_value=99999), st.sampled_from(["1/1/75", "32/1/1980", "13/1980", "abc", "1980/13"]))  # fmt: skip
def test_what_is_not_a_date_is_refused(serial, text):
    for value in (serial + 0.5, text):
        with pytest.raises(ValueError):
            parse_date_cell(value)


FIELD_TEXT = st.sampled_from(["Luật", "Kinh tế", "Quản lý công", "xây dựng", "Y đa khoa", "Sư phạm Toán"])  # fmt: skip
QUALIFICATION_WRITINGS = {
    "TS": ["TS", "Ts.", "Tiến sĩ", "Tiến sỹ", "TIẾN SĨ"],
    "THS": ["ThS", "Ths", "THS", "ThS.", "Thạc sĩ", "Thạc sỹ", "thạc sỹ"],
    "DH": ["ĐH", "Đại học", "Cử nhân", "Kỹ sư", "Bác sĩ", "đh"],
    "CD": ["CĐ", "Cao đẳng"],
    "TC": ["TC", "Trung cấp"],
}


@given(st.sampled_from(sorted(QUALIFICATION_WRITINGS)), st.data(), FIELD_TEXT,
       st.sampled_from([" ", ", ", " - ", ": ", " chuyên ngành "]), st.booleans())  # fmt: skip
def test_qualification_abbreviations_and_their_field(code, data, field, sep, nfd):
    written = data.draw(st.sampled_from(QUALIFICATION_WRITINGS[code]))
    text = f"{written}{sep}{field}"
    if nfd:
        text = unicodedata.normalize("NFD", text)
    assert parse_qualification(text) == (code, field)
    assert parse_qualification(written) == (code, "")


@given(st.sampled_from([("CC", "CC"), ("cc", "CC"), ("Cao cấp", "CC"), ("Cao cấp LLCT", "CC"),
                        ("TC", "TC"), ("Trung cấp", "TC"), ("SC", "SC"), ("Sơ cấp", "SC"),
                        ("Cử nhân", "CN"), ("Cử nhân chính trị", "CN")]), st.booleans())  # fmt: skip
def test_political_theory(pair, nfd):
    text, code = pair
    assert parse_political_theory(unicodedata.normalize("NFD" if nfd else "NFC", text)) == code


@given(st.sampled_from([("CV", "CV"), ("CVC", "CVC"), ("CVCC", "CVCC"), ("cvc", "CVC"),
                        ("Chuyên viên", "CV"), ("Chuyên viên chính", "CVC"),
                        ("Chuyên viên cao cấp", "CVCC"), ("QLNN ngạch CVC", "CVC")]))  # fmt: skip
def test_state_management(pair):
    assert parse_state_management(pair[0]) == pair[1]


@given(st.integers(min_value=1_000_000_000, max_value=99_999_999_999))
def test_citizen_id_typed_as_number_gets_twelve_digits(number):
    text, restored = parse_citizen_id(float(number))
    assert len(text) == 12 and int(text) == number and restored


def _variant(text: str, data) -> str:
    if data.draw(st.booleans()):
        text = text.upper()
    if data.draw(st.booleans()):
        text = unicodedata.normalize("NFD", text)
    if data.draw(st.booleans()):
        text = "  " + text.replace(" ", "  ") + " "
    if data.draw(st.booleans()):
        text = text.replace(",", " ,")
    return text


@given(st.sampled_from(sorted(ALL_SYNONYMS)), st.data())
def test_header_keys_ignore_case_nfd_spaces_and_commas(key, data):
    text = next(t for texts in SYNONYMS.values() for t in texts if header_key(t) == key)
    assert header_key(_variant(text, data)) == key


@given(st.integers(min_value=0, max_value=8), st.permutations(
    ["Họ và tên", "Ngày sinh", "Số CCCD", "Dân tộc", "Chức vụ", "Lý luận chính trị", "Ghi chú"]),
    st.booleans(), st.data())  # fmt: skip
def test_header_found_below_any_title_rows(titles, headers, numbering, data):
    rows = [[f"Dòng tiêu đề {i}"] for i in range(titles)]
    rows.append(["STT", *[_variant(h, data) for h in headers]])
    if numbering:
        rows.append([f"({i})" for i in range(1, len(headers) + 2)])
    rows.append([1, "Lê Văn Tám", "1979", "", "Kinh", "", "", ""])
    layout = detect_layout(rows, ALL_SYNONYMS)
    assert layout.header_rows == [titles]
    assert layout.data_start == titles + 1 + numbering
    fields = {c.field for c in layout.columns}
    assert {"seq", "full_name", "birth_date", "citizen_id", "ethnicity", "title",
            "political_theory", "remarks"} <= fields  # fmt: skip


@given(st.text(alphabet=st.sampled_from("aăâđêôơư AĐ\t\n\u00a0\u2003ễệ\u0301\u0303") | st.characters(), max_size=30))  # fmt: skip
def test_tidy_is_clean(text):
    from canbo.core.text import clean
    from canbo.imports.values import tidy

    assert tidy(text) == clean(text)


# -- the per-field checks of an import are the form's `clean_fields` ---------------------------


@pytest.mark.django_db
@settings(max_examples=300, deadline=None)
@given(
    name=st.sampled_from(["full_name", "citizen_id", "phone", "blood_type", "main_duty"]),
    text=st.text(alphabet=st.sampled_from("aĂđ ế0\x00\t"), max_size=130),
)
def test_import_field_checks_accept_and_refuse_exactly_what_the_model_does(name, text):
    from django.core.exceptions import ValidationError

    from canbo.imports.analysis import _FieldChecks, _new_person
    from canbo.people.models import Person

    field = Person._meta.get_field(name)
    person = _new_person()
    person.full_name = "Nguyễn Văn An"
    setattr(person, field.attname, text)
    try:
        field.clean(text, person)
        expected = {}
    except ValidationError as exc:
        expected = {name: exc.messages}
    assert _FieldChecks().run(person, [name]) == expected


# -- telling a person's row from the raw cells is what the row's values say --------------------

cell_values = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 5), dates,
    st.text(alphabet=st.sampled_from(" \t\n\u00a0\u3000aĐ0"), max_size=4),
)  # fmt: skip


@given(cell_values)
def test_a_cell_is_filled_exactly_when_the_row_keeps_it(value):
    from canbo.imports.analysis import _filled, _Row

    assert _filled(value) == ("k" in _Row(0, [value], (("k", 0),)).values())
