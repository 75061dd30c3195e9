"""Cross-field checks of a profile, shared by the forms, the import and the services."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from canbo.core.dates import PartialDate, age_on
from canbo.rules.citizen_id import check_citizen_id

PARTY_MIN_AGE = 18  # Điều lệ Đảng, Điều 1: đảng viên từ đủ 18 tuổi


def profile_errors(
    *,
    gender: str | None,
    birth: PartialDate | None,
    citizen_id: str | None,
    party_joined_on: date | None,
    party_official_on: date | None,
    today: date | None = None,
) -> dict[str, list[str]]:
    """Return {field: [Vietnamese messages]} for a profile's identity and membership fields."""
    today = today or date.today()
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if birth is not None:
        if birth.value > today:
            add("birth_date", _("Ngày sinh không được ở tương lai."))
        elif age_on(birth, today) > 120:
            add("birth_date", _("Ngày sinh quá xa (trên 120 tuổi)."))
    if citizen_id:
        for message in check_citizen_id(
            citizen_id, gender=gender, birth_year=birth.value.year if birth else None
        ):
            add("citizen_id", message)
    for field, value in (
        ("party_joined_on", party_joined_on),
        ("party_official_on", party_official_on),
    ):
        if value is None:
            continue
        if value > today:
            add(field, _("Ngày này không được ở tương lai (%(d)s).") % {"d": f"{value:%d/%m/%Y}"})
        if (
            birth is not None
            and field == "party_joined_on"
            and age_on(birth, value) < PARTY_MIN_AGE
        ):
            add(
                field,
                _("Ngày vào Đảng %(d)s khi chưa đủ %(n)d tuổi (sinh %(b)s).")
                % {"d": f"{value:%d/%m/%Y}", "n": PARTY_MIN_AGE, "b": str(birth)},
            )
    if party_official_on and not party_joined_on:
        add("party_joined_on", _("Có ngày chính thức thì phải có ngày vào Đảng."))
    if party_official_on and party_joined_on and party_official_on < party_joined_on:
        add("party_official_on", _("Ngày chính thức phải sau ngày vào Đảng."))
    return errors
