"""Reads behind the exports: the filtered people (the list page's PersonFilter, within the user's
"export" scope) streamed in chunks with what the roster shows joined, never one query per row."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from itertools import batched

from django.db.models import Count, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext as _

from canbo.access import scope
from canbo.core.dates import PartialDate
from canbo.people.filters import PersonFilter
from canbo.people.models import Person
from canbo.posts.models import Assignment
from canbo.units.models import Area, Unit

from .roster import PersonRow, RosterMeta, UnitRow

CHUNK = 2000
# filters that the title block shows elsewhere, or that only steer the page
_NOT_CRITERIA = {"unit", "subtree", "as_of", "sort", "page", "_submitted"}


class ExportError(ValueError):
    """A request that cannot be exported (bad filter, unknown unit): the message says why."""


def export_filter(params: Mapping | QueryDict, user=None) -> PersonFilter:
    """The list page's filter over the people `user` may export (everyone when `user` is None:
    the command line run by the server's operator). Raises ExportError on bad filters."""
    people = Person.objects.all() if user is None else scope.people_for(user, "export")
    if not isinstance(params, QueryDict):
        data = QueryDict(mutable=True)
        for key, value in params.items():
            if value is None:
                continue
            if isinstance(value, (list, tuple)):
                data.setlist(key, [str(v) for v in value])
            else:
                data[key] = str(value)
        params = data
    filterset = PersonFilter(params, queryset=people)
    if not filterset.is_valid():
        problems = [
            f"{filterset.filters[name].label if name in filterset.filters else name}: {e}"
            for name, errors in filterset.errors.items()
            for e in errors
        ]
        raise ExportError(_("Bộ lọc không hợp lệ: %(p)s") % {"p": "; ".join(problems)})
    unit_code = (filterset.form.cleaned_data.get("unit") or "").strip()
    if unit_code and not Unit.objects.filter(code=unit_code).exists():
        raise ExportError(_("Không có đơn vị mã “%(code)s”.") % {"code": unit_code})
    return filterset


def export_criteria(filterset: PersonFilter) -> str:
    """The filters in force, as the title block shows them ("Giới tính: Nữ; Đảng viên: Có")."""
    parts = []
    for name, value in filterset.form.cleaned_data.items():
        if name in _NOT_CRITERIA or value in (None, "", False):
            continue
        if name == "status" and value == "active":
            continue
        field = filterset.form.fields[name]
        choices = dict(getattr(field, "choices", []) or [])
        shown = choices.get(value, value) if choices and not hasattr(value, "pk") else value
        parts.append(f"{field.label}: {shown}")
    if "status" in filterset.form.cleaned_data and not filterset.form.cleaned_data["status"]:
        parts.append(f"{filterset.form.fields['status'].label}: {_('Tất cả')}")
    return (_("Điều kiện lọc: %(c)s") % {"c": "; ".join(parts)}) if parts else ""


def export_meta(filterset: PersonFilter, *, user=None, title: str = "") -> RosterMeta:
    """The title block: the top unit and the list's unit (the filter's, else the one unit the
    user's export grants start from), the date, the filters."""
    unit_code = (filterset.form.cleaned_data.get("unit") or "").strip()
    organization: list[str] = []
    unit = Unit.objects.filter(code=unit_code).first() if unit_code else None
    if unit is None and user is not None and not scope.is_administrator(user):
        tops = scope.top_units(user, "export")
        unit = Unit.objects.filter(pk=tops[0]).first() if len(tops) == 1 else None
    if unit is not None:
        root = Unit.objects.filter(path=unit.path[:9]).first() or unit
        organization = [root.name] + ([unit.name] if unit.pk != root.pk else [])
    else:
        roots = list(Unit.objects.roots().filter(valid_to__isnull=True)[:2])
        if len(roots) == 1:
            organization = [roots[0].name]
    return RosterMeta(
        as_of=filterset.as_of_date,
        organization=organization,
        title=title or _("DANH SÁCH TRÍCH NGANG CÁN BỘ"),
        criteria=export_criteria(filterset),
    )


_FIELDS = (
    "pk", "full_name", "gender", "birth_date", "birth_date_precision", "citizen_id",
    "ethnicity__name", "religion__name", "hometown_id", "hometown_text", "unit_id",
    "party_joined_on", "party_official_on", "qualification_level__name", "qualification_field",
    "political_theory__name", "state_management__name", "foreign_language", "it_skill",
    "civil_service_rank__name", "salary_step", "salary_coefficient",
)  # fmt: skip


class _AreaNames:
    """Full names of areas ("Xã Hưng Lộc, Tỉnh Nghệ An"), read as needed, a chunk at a time."""

    def __init__(self) -> None:
        self.rows: dict[int, tuple[str, int | None]] = {}
        self.full: dict[int, str] = {}

    def load(self, ids) -> None:
        missing = {i for i in ids if i is not None and i not in self.rows}
        while missing:
            found = Area.objects.filter(pk__in=missing).values_list("pk", "name", "parent_id")
            parents = set()
            for pk, name, parent_id in found:
                self.rows[pk] = (name, parent_id)
                if parent_id is not None and parent_id not in self.rows:
                    parents.add(parent_id)
            missing = parents

    def name(self, pk: int | None) -> str:
        if pk is None:
            return ""
        name = self.full.get(pk)
        if name is None:
            parts, current = [], pk
            while current is not None and current in self.rows:
                area_name, current = self.rows[current]
                parts.append(area_name)
            name = self.full[pk] = ", ".join(parts)
        return name


def current_posts(people: QuerySet[Person], on: date) -> dict[int, str]:
    """Titles held on `on` by each of `people`, main post first, joined by "; " — in one query
    (the people's filter as a subquery), however long the list."""
    posts: dict[int, str] = {}
    texts: dict[str, str] = {}  # one string object per distinct text
    current, names = None, []

    def close() -> None:
        if names:
            text = "; ".join(names)
            posts[current] = texts.setdefault(text, text)

    rows = (
        Assignment.objects.active_on(on)
        .filter(person__in=people.order_by().values("pk"))
        .order_by("person_id", "is_concurrent", "-post__title__rank", "start_date", "pk")
        .values_list("person_id", "post__title__name")
    )
    for person_id, title in rows.iterator(chunk_size=CHUNK):
        if person_id != current:
            close()
            current, names = person_id, []
        if title not in names:
            names.append(title)
    close()
    return posts


def shared_unit_names() -> set[str]:
    """Unit names that more than one unit has (their unit rows also show the code)."""
    return set(
        Unit.objects.values("name")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .values_list("name", flat=True)
    )


def roster_rows(queryset: QuerySet[Person], *, on: date) -> Iterator[UnitRow | PersonRow]:
    """Unit rows and person rows in roster order: units in tree order, people by given name.

    Reads `CHUNK` people per query batch, the posts held on `on` in one query beforehand, and
    units and areas a chunk at a time as new ones appear.
    """
    posts = current_posts(queryset, on)
    rows = queryset.order_by("unit__path", "given_name", "search_name", "pk").values_list(*_FIELDS)
    units: dict[int, tuple[str, str]] = {}
    areas = _AreaNames()
    shared = shared_unit_names()
    current_unit = None
    seq = 0
    for chunk in batched(rows.iterator(chunk_size=CHUNK), CHUNK):
        unit_ids = {r[10] for r in chunk} - units.keys()
        if unit_ids:
            units.update(
                (pk, (name, code))
                for pk, name, code in Unit.objects.filter(pk__in=unit_ids).values_list(
                    "pk", "name", "code"
                )
            )
        areas.load(r[8] for r in chunk)
        for (
            pk, full_name, gender, birth_date, precision, citizen_id, ethnicity, religion,
            hometown_id, hometown_text, unit_id, party_joined_on, party_official_on,
            qualification, qualification_field, political_theory, state_management,
            foreign_language, it_skill, rank, salary_step, salary_coefficient,
        ) in chunk:  # fmt: skip
            unit_name, unit_code = units[unit_id]
            if unit_id != current_unit:
                current_unit = unit_id
                label = f"{unit_name} ({unit_code})" if unit_name in shared else unit_name
                yield UnitRow(unit_id=unit_id, name=unit_name, code=unit_code, label=label)
            seq += 1
            if qualification and qualification_field:
                qualification = f"{qualification}, {qualification_field}"
            else:
                qualification = qualification or qualification_field or ""
            yield PersonRow(
                seq=seq,
                pk=pk,
                full_name=full_name,
                is_female=gender == "female",
                birth=birth_date if precision == "day" else str(PartialDate(birth_date, precision)),
                citizen_id=citizen_id or "",
                ethnicity=ethnicity or "",
                religion=religion or "",
                hometown=areas.name(hometown_id) if hometown_id else hometown_text,
                posts=posts.get(pk, ""),
                unit_name=unit_name,
                unit_code=unit_code,
                party_joined_on=party_joined_on,
                party_official_on=party_official_on,
                qualification=qualification,
                political_theory=political_theory or "",
                state_management=state_management or "",
                foreign_language=foreign_language,
                it_skill=it_skill,
                civil_service_rank=rank or "",
                salary_step=salary_step,
                salary_coefficient=salary_coefficient,
            )
