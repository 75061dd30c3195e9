"""The small declarative vocabulary of indicator conditions: field, operator, value.

A condition row (`IndicatorCondition`) names a field below, an operator and a value written as
staff write it ("yes", "DH", "bi-thu-dang-uy-xa, chu-tich-ubnd-xa", "40",
"2021-01-01..2025-12-31"). Person fields become SQL conditions on `Person`; post fields select
the posts held on the date (`Assignment`); `non_local` is judged per post held
(`units.locality`). `check()` validates a row and says, in Vietnamese, what is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canbo.catalogs.models import (
    Ethnicity,
    ManagementTier,
    PoliticalTheoryLevel,
    QualificationLevel,
    Religion,
    StateManagementRank,
)
from canbo.core.choices import Gender
from canbo.people.models import Training
from canbo.posts.choices import AssignmentKind
from canbo.posts.models import Assignment

from .ages import age_at_least, age_below

# kinds of value
BOOL, CODES, LEVEL, NUMBER, PERIOD, KIND_PERIOD = (
    "bool", "codes", "level", "number", "period", "kind_period",
)  # fmt: skip
OPERATORS = {
    BOOL: ("is",),
    CODES: ("in", "not_in"),
    LEVEL: ("gte", "lte", "in", "not_in"),
    NUMBER: ("lt", "lte", "gt", "gte"),
    PERIOD: ("between",),
    KIND_PERIOD: ("between",),
}
# subjects
PERSON, POST, LOCALITY = "person", "post", "locality"


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: str
    subject: str = PERSON
    catalog: type | None = None  # for CODES / LEVEL on a catalog
    column: str = ""
    needs: str = ""  # records that must exist, else the indicator reports "no data"
    help: str = ""


FIELDS: dict[str, Field] = {
    f.key: f
    for f in [
        Field("gender", gettext_lazy("Giới tính"), CODES, help="female, male"),
        Field("age", gettext_lazy("Tuổi (ngày sinh sớm nhất có thể)"), NUMBER),
        Field("party_member", gettext_lazy("Là đảng viên"), BOOL),
        Field("ethnic_minority", gettext_lazy("Là người dân tộc thiểu số"), BOOL),
        Field("ethnicity", gettext_lazy("Dân tộc (mã)"), CODES, catalog=Ethnicity, column="ethnicity"),
        Field("religion", gettext_lazy("Tôn giáo (mã)"), CODES, catalog=Religion, column="religion"),
        Field("qualification", gettext_lazy("Trình độ chuyên môn (mã: TS, THS, DH, CD, TC, SC)"),
              LEVEL, catalog=QualificationLevel, column="qualification_level"),
        Field("political_theory", gettext_lazy("Lý luận chính trị (mã: CC, CN, TC, SC)"), LEVEL,
              catalog=PoliticalTheoryLevel, column="political_theory"),
        Field("state_management", gettext_lazy("Quản lý nhà nước (mã: CVCC, CVC, CV)"), LEVEL,
              catalog=StateManagementRank, column="state_management"),
        Field("management_tier", gettext_lazy("Diện quản lý (mã)"), CODES, catalog=ManagementTier,
              column="management_tier"),
        Field("recruited", gettext_lazy("Được tuyển dụng trong khoảng"), PERIOD,
              needs="recruitment"),
        Field("party_joined", gettext_lazy("Được kết nạp Đảng trong khoảng"), PERIOD),
        Field("assignment_started", gettext_lazy(
            "Nhận vị trí theo hình thức trong khoảng (ví dụ rotation: 2021-01-01..2025-12-31)"),
            KIND_PERIOD, needs="assignments"),
        Field("training_completed", gettext_lazy(
            "Hoàn thành đào tạo, bồi dưỡng loại trong khoảng (ví dụ political_theory: …)"),
            KIND_PERIOD, needs="training"),
        Field("title", gettext_lazy("Đang giữ chức danh (mã chức danh)"), CODES, subject=POST),
        Field("key_post", gettext_lazy("Đang giữ chức danh chủ chốt"), BOOL, subject=POST),
        Field("leadership", gettext_lazy("Đang giữ chức danh lãnh đạo, quản lý"), BOOL,
              subject=POST),
        Field("title_rank", gettext_lazy("Thứ bậc chức danh đang giữ"), NUMBER, subject=POST),
        Field("title_tier", gettext_lazy("Diện quản lý của chức danh đang giữ (mã)"), CODES,
              subject=POST),
        Field("post_unit_kind", gettext_lazy("Loại đơn vị có vị trí (mã loại đơn vị)"), CODES,
              subject=POST),
        Field("non_local", gettext_lazy("Không phải người địa phương (so với vị trí đang giữ)"),
              BOOL, subject=LOCALITY),
    ]
}  # fmt: skip


class ConditionError(ValueError):
    pass


def field_choices() -> list[tuple[str, str]]:
    """The vocabulary as model choices (a callable: the list is not frozen into migrations)."""
    return [(key, f"{key} — {f.label}") for key, f in FIELDS.items()]


def _codes(value: str) -> list[str]:
    return [c.strip() for c in value.split(",") if c.strip()]


def parse_yes(value: str) -> bool:
    v = value.strip().lower()
    if v in ("yes", "có", "co", "true", "1"):
        return True
    if v in ("no", "không", "khong", "false", "0"):
        return False
    raise ConditionError(_("Giá trị “%(v)s” phải là “có” hoặc “không”.") % {"v": value})


def _period(value: str) -> tuple[date, date]:
    parts = value.split("..")
    try:
        start, end = (date.fromisoformat(p.strip()) for p in parts)
    except ValueError:
        raise ConditionError(
            _("Khoảng thời gian “%(v)s” phải ghi dạng 2021-01-01..2025-12-31.") % {"v": value}
        ) from None
    if end < start:
        raise ConditionError(
            _("Khoảng thời gian “%(v)s”: ngày cuối trước ngày đầu.") % {"v": value}
        )
    return start, end


def parse_kind_period(value: str) -> tuple[str, date, date]:
    kind, _sep, period = value.partition(":")
    if not period:
        raise ConditionError(
            _(
                "Giá trị “%(v)s” phải ghi dạng loại: từ..đến, ví dụ rotation: 2021-01-01..2025-12-31."
            )
            % {"v": value}
        )
    return kind.strip(), *_period(period)


def _number(value: str) -> int:
    try:
        return int(value.strip())
    except ValueError:
        raise ConditionError(_("Giá trị “%(v)s” phải là một số nguyên.") % {"v": value}) from None


def check(field: str, operator: str, value: str) -> None:
    """Raise ConditionError (Vietnamese message) if the row cannot be evaluated."""
    f = FIELDS.get(field)
    if f is None:
        raise ConditionError(_("Không có trường điều kiện “%(f)s”.") % {"f": field})
    if operator not in OPERATORS[f.kind]:
        raise ConditionError(
            _("Trường “%(f)s” không dùng được phép so sánh “%(op)s” (dùng: %(ops)s).")
            % {"f": f.label, "op": operator, "ops": ", ".join(OPERATORS[f.kind])}
        )
    if f.kind == BOOL:
        parse_yes(value)
    elif f.kind == NUMBER:
        _number(value)
    elif f.kind == PERIOD:
        _period(value)
    elif f.kind == KIND_PERIOD:
        kind = parse_kind_period(value)[0]
        kinds = AssignmentKind.values if field == "assignment_started" else _training_kinds()
        if kind not in kinds:
            raise ConditionError(
                _("Loại “%(k)s” không có (dùng: %(ks)s).") % {"k": kind, "ks": ", ".join(kinds)}
            )
    elif f.kind in (CODES, LEVEL):
        codes = _codes(value)
        if not codes:
            raise ConditionError(_("Chưa ghi mã nào."))
        known = _known_codes(field, f)
        if known is not None:
            unknown = [c for c in codes if c not in known]
            if unknown:
                raise ConditionError(
                    _("Mã không có trong danh mục “%(f)s”: %(codes)s.")
                    % {"f": f.label, "codes": ", ".join(unknown)}
                )
        if f.kind == LEVEL and operator in ("gte", "lte") and len(codes) != 1:
            raise ConditionError(_("Phép so sánh trình độ cần đúng một mã."))


def _training_kinds() -> list[str]:
    from canbo.people.choices import TrainingKind

    return list(TrainingKind.values)


def _known_codes(field: str, f: Field) -> set[str] | None:
    if f.catalog is not None:
        return set(f.catalog.objects.values_list("code", flat=True))
    if field == "gender":
        return set(Gender.values)
    if field == "title":
        from canbo.posts.models import Title

        return set(Title.objects.values_list("code", flat=True))
    if field == "title_tier":
        return set(ManagementTier.objects.values_list("code", flat=True))
    if field == "post_unit_kind":
        from canbo.units.choices import UnitKind

        return set(UnitKind.values)
    return None


def _catalog_q(f: Field, operator: str, value: str, prefix: str) -> Q:
    codes = _codes(value)
    col = f"{prefix}{f.column}"
    if operator in ("in", "not_in"):
        ids = list(f.catalog.objects.filter(code__in=codes).values_list("pk", flat=True))
        q = Q(**{f"{col}_id__in": ids})
        return ~q | Q(**{f"{col}__isnull": True}) if operator == "not_in" else q
    rank = f.catalog.objects.get(code=codes[0]).rank
    lookup = "gte" if operator == "gte" else "lte"
    ids = list(f.catalog.objects.filter(**{f"rank__{lookup}": rank}).values_list("pk", flat=True))
    q = Q(**{f"{col}_id__in": ids})
    # "at most X" includes people with no level recorded (none is below every level)
    return q | Q(**{f"{col}__isnull": True}) if operator == "lte" else q


def person_q(field: str, operator: str, value: str, on: date) -> Q:
    """The SQL condition on Person of a person field."""
    f = FIELDS[field]
    if f.catalog is not None:
        return _catalog_q(f, operator, value, "")
    if field == "gender":
        q = Q(gender__in=_codes(value))
        return ~q if operator == "not_in" else q
    if field == "age":
        n = _number(value)
        return {
            "lt": age_below(n, on),
            "lte": age_below(n + 1, on),
            "gt": age_at_least(n + 1, on),
            "gte": age_at_least(n, on),
        }[operator]
    if field == "party_member":
        return Q(party_joined_on__isnull=not parse_yes(value))
    if field == "ethnic_minority":
        minority = Q(ethnicity__is_majority=False)
        return minority if parse_yes(value) else ~minority | Q(ethnicity__isnull=True)
    if field == "recruited":
        start, end = _period(value)
        return Q(recruited_on__range=(start, end))
    if field == "party_joined":
        start, end = _period(value)
        return Q(party_joined_on__range=(start, end))
    if field == "assignment_started":
        kind, start, end = parse_kind_period(value)
        return Q(
            Exists(
                Assignment.objects.filter(
                    person=OuterRef("pk"), kind=kind, start_date__range=(start, end)
                )
            )
        )
    if field == "training_completed":
        kind, start, end = parse_kind_period(value)
        return Q(
            Exists(
                Training.objects.filter(
                    person=OuterRef("pk"), kind=kind, end_date__range=(start, end)
                )
            )
        )
    raise ConditionError(_("Trường “%(f)s” không áp dụng cho hồ sơ.") % {"f": field})


def post_q(field: str, operator: str, value: str, prefix: str = "post__") -> Q:
    """The SQL condition of a post field, on Assignment (prefix "post__") or on Post ("")."""

    def q(**kw) -> Q:
        return Q(**{prefix + k: v for k, v in kw.items()})

    if field == "key_post":
        return q(title__is_key=parse_yes(value))
    if field == "leadership":
        return q(title__is_leadership=parse_yes(value))
    if field == "title_rank":
        return q(**{f"title__rank__{operator}": _number(value)})
    if field == "title":
        cond = q(title__code__in=_codes(value))
    elif field == "title_tier":
        cond = q(title__management_tier__code__in=_codes(value))
    elif field == "post_unit_kind":
        cond = q(unit__kind__in=_codes(value))
    else:
        raise ConditionError(_("Trường “%(f)s” không áp dụng cho vị trí.") % {"f": field})
    return ~cond if operator == "not_in" else cond
