"""Import a roster: read, find the table, analyse every row, then write all or nothing.

`import_people(...)` is what the command line and the web commit call; `prepare(...)` is the
read-only part the web preview shows.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.core.files import File
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from canbo.people.models import Person
from canbo.people.services import StaleVersionError, person_update
from canbo.units.choices import UnitKind
from canbo.units.models import Unit
from canbo.units.services import unit_create

from .analysis import CREATE, ERROR, UNCHANGED, UPDATE, Analysis, Options, Problem, analyze
from .choices import ImportStatus
from .headers import Layout, apply_mapping, detect_layout, header_key
from .models import HeaderSynonym, ImportRun
from .reading import ReadError, Sheet, read_sheet
from .writing import UNIT_AT, insert_people

BATCH = 1000
ANALYZE_FROM = 1000  # new profiles in one import after which PostgreSQL's statistics are renewed


@dataclass
class Prepared:
    """What the preview shows and the commit writes."""

    sheet: Sheet | None
    layout: Layout | None
    analysis: Analysis | None
    problems: list[Problem] = field(default_factory=list)  # file-level problems
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def all_problems(self) -> list[Problem]:
        return self.problems + (self.analysis.problems if self.analysis else [])

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.all_problems if p.level == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.all_problems if p.level != ERROR]


@dataclass
class Outcome:
    status: str
    prepared: Prepared
    run: ImportRun | None = None
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    units_created: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status in (ImportStatus.IMPORTED, ImportStatus.DRY_RUN)


def synonyms() -> dict[str, str]:
    """{header key: field} from the table users extend (the seed rows and theirs)."""
    return dict(HeaderSynonym.objects.values_list("key", "field"))


def _file_problem(sheet_name: str, message: str) -> Problem:
    return Problem(sheet=sheet_name, row=None, column="", value="", message=message)


def prepare(
    *,
    path: str | Path,
    name: str | None = None,
    sheet: str | None = None,
    mapping: dict | None = None,
    options: Options | None = None,
) -> Prepared:
    """Read and analyse without writing anything."""
    options = options or Options()
    timings: dict[str, float] = {}
    started, cpu = time.perf_counter(), time.process_time()
    try:
        data = read_sheet(path, sheet, name=name)
    except ReadError as exc:
        return Prepared(None, None, None, [_file_problem(sheet or "", str(exc))])
    mapping = dict(mapping or {})
    header_rows = mapping.pop("_header_rows", None)
    layout = detect_layout(
        data.rows, synonyms(), data.merged, header_rows=header_rows, mapping=mapping
    )
    timings["read"] = time.perf_counter() - started
    timings["read_cpu"] = time.process_time() - cpu
    if layout is None:
        return Prepared(
            data,
            None,
            None,
            [
                _file_problem(
                    data.name,
                    _(
                        "Không tìm thấy dòng tiêu đề của bảng (cần ít nhất cột “Họ và tên” và "
                        "một cột khác như “Ngày sinh”) trong %(n)d dòng đầu. Hãy thêm tên gọi "
                        "của cột vào bảng tên gọi khác của cột, hoặc dùng --mapping."
                    )
                    % {"n": 40},
                )
            ],
            timings,
        )
    problems = [
        _file_problem(
            data.name, _("Cách ghép cột nhắc tới cột “%(c)s” không có trong tệp.") % {"c": key}
        )
        for key in apply_mapping(layout, mapping)
    ]
    fields = layout.by_field()
    if "full_name" not in fields:
        problems.append(_file_problem(data.name, _("Chưa có cột nào được ghép với “Họ và tên”.")))
    if problems:
        return Prepared(data, layout, None, problems, timings)
    started, cpu = time.perf_counter(), time.process_time()
    analysis = analyze(data, layout, options)
    timings["validate"] = time.perf_counter() - started
    timings["validate_cpu"] = time.process_time() - cpu
    return Prepared(data, layout, analysis, [], timings)


_KIND_WORDS = [
    ("chi bo", UnitKind.PARTY_CELL), ("dang bo", UnitKind.PARTY_COMMITTEE),
    ("dang uy", UnitKind.PARTY_COMMITTEE), ("xa ", UnitKind.COMMUNE),
    ("phuong ", UnitKind.COMMUNE), ("truong ", UnitKind.SCHOOL), ("phong ", UnitKind.DEPARTMENT),
    ("ban ", UnitKind.PARTY_BODY), ("uy ban mat tran", UnitKind.FRONT),
    ("uy ban nhan dan", UnitKind.PEOPLES_COMMITTEE), ("ubnd", UnitKind.PEOPLES_COMMITTEE),
    ("hoi dong nhan dan", UnitKind.PEOPLES_COUNCIL), ("so ", UnitKind.AGENCY),
    ("trung tam y te", UnitKind.HEALTH), ("benh vien", UnitKind.HEALTH),
    ("cong ty", UnitKind.ENTERPRISE), ("hoi ", UnitKind.FRONT), ("doan ", UnitKind.FRONT),
]  # fmt: skip


def _unit_kind(name: str) -> str:
    key = header_key(name) + " "
    for word, kind in _KIND_WORDS:
        if key.startswith(word):
            return kind
    return UnitKind.OTHER


def _unit_code(name: str, parent: Unit) -> str:
    base = (slugify(header_key(name).replace(" ", "-")) or "don-vi")[:30]
    code, n = base, 1
    while Unit.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"[:40]
    return code


def _audit(user, note: str):
    if not apps.is_installed("canbo.audit"):
        return contextlib.nullcontext()
    from canbo.audit import audit_context

    return audit_context(source="import", user=user, note=note)


def write(analysis: Analysis, options: Options) -> tuple[int, int, list[str]]:
    """Create the new units, bulk-create the new people, update the changed ones through
    `person_update` (versions, lost-update check, audit). Call inside a transaction."""
    created_units: dict[str, Unit] = {}
    for name in analysis.units_to_create:
        created_units[name] = unit_create(
            code=_unit_code(name, options.unit),
            name=name,
            kind=_unit_kind(name),
            parent=options.unit,
        )
    new_people = []
    updated = 0
    for plan in analysis.plans:
        if plan.action == CREATE:
            values = plan.values
            if plan.new_unit:
                values = list(values)
                values[UNIT_AT] = created_units[plan.new_unit].pk
            new_people.append(values)
        elif plan.action == UPDATE:
            person = plan.person
            if plan.new_unit:
                person.unit = created_units[plan.new_unit]
            person_update(person=person, expected_version=plan.expected_version)
            updated += 1
    insert_people(new_people)
    return len(new_people), updated, [f"{u.code} — {u.name}" for u in created_units.values()]


def _refresh_statistics() -> None:
    """After a big import, PostgreSQL's row counts and value statistics of the people and audit
    tables are renewed at once (ANALYZE of the columns the next import and the history page look
    up: ~0.2 s at 100,000 rows). Until autovacuum gets to it, a planner that still believes the
    table holds a handful of rows matches the next import of the same file by scanning the
    whole table once per 2,000 names: 55 s instead of 2 s at 100,000 rows."""
    if connection.vendor != "postgresql":
        return
    tables = [(Person, ("search_name", "birth_date", "citizen_id"))]
    if apps.is_installed("canbo.audit"):
        tables.append((apps.get_model("audit", "AuditEntry"), ("person_id",)))
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model, columns in tables:
            cursor.execute(
                f"ANALYZE {qn(model._meta.db_table)} ({', '.join(qn(c) for c in columns)})"
            )


def _record(
    *, path, name, outcome: Outcome, options: Options, mapping, keep_file: bool, run=None
) -> ImportRun:
    prepared = outcome.prepared
    problems = prepared.all_problems
    if run is not None and run.pk:  # a web upload: the run (and its file) exists already
        keep_file = False
    fields = {
        "user": options.user if getattr(options.user, "pk", None) else None,
        "original_name": Path(name).name,
        "sheet": prepared.sheet.name if prepared.sheet else "",
        "unit": options.unit,
        "create_units": options.create_units,
        "mapping": mapping or {},
        "status": outcome.status,
        "list_date": prepared.layout.list_date if prepared.layout else None,
        "rows": prepared.analysis.rows_read if prepared.analysis else 0,
        "created": outcome.created,
        "updated": outcome.updated,
        "unchanged": outcome.unchanged,
        "errors": sum(1 for p in problems if p.level == ERROR),
        "warnings": sum(1 for p in problems if p.level != ERROR),
        "units_created": outcome.units_created,
        "problems": [p.as_dict() for p in problems[:5000]],
        "finished_at": timezone.now(),
    }
    if run is None:
        run = ImportRun(**fields)
    else:
        for key, value in fields.items():
            setattr(run, key, value)
    if keep_file:
        with open(path, "rb") as fh:
            run.file.save(Path(name).name, File(fh), save=False)
    run.save()
    return run


def _without_gc(func):
    """Pause the cyclic garbage collector meanwhile: a big roster makes hundreds of thousands of
    objects that live until the end, and repeated collections over them cost a quarter of the
    time (reference counting still frees everything else)."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        enabled = gc.isenabled()
        gc.disable()
        try:
            return func(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()

    return wrapper


@_without_gc
def import_people(
    *,
    path: str | Path,
    name: str | None = None,
    sheet: str | None = None,
    mapping: dict | None = None,
    unit: Unit | None = None,
    create_units: bool = False,
    user=None,
    dry_run: bool = False,
    keep_file: bool = True,
    run: ImportRun | None = None,
) -> Outcome:
    """Import a roster of people: all rows or none. Records an `ImportRun` either way."""
    name = name or str(path)
    options = Options(unit=unit, create_units=create_units, user=user)
    prepared = prepare(path=path, name=name, sheet=sheet, mapping=mapping, options=options)
    outcome = Outcome(status=ImportStatus.REJECTED, prepared=prepared, timings=prepared.timings)
    analysis = prepared.analysis
    if analysis is not None:
        outcome.unchanged = analysis.count(UNCHANGED)
    if prepared.errors or analysis is None:
        outcome.run = _record(path=path, name=name, outcome=outcome, options=options,
                              mapping=mapping, keep_file=keep_file, run=run)  # fmt: skip
        return outcome
    if dry_run:
        outcome.status = ImportStatus.DRY_RUN
        outcome.created = analysis.count(CREATE)
        outcome.updated = analysis.count(UPDATE)
        outcome.units_created = list(analysis.units_to_create)
        outcome.run = _record(path=path, name=name, outcome=outcome, options=options,
                              mapping=mapping, keep_file=keep_file, run=run)  # fmt: skip
        return outcome
    started, cpu = time.perf_counter(), time.process_time()
    note = _("Nhập từ tệp %(name)s") % {"name": Path(name).name}
    try:
        with transaction.atomic(), _audit(user, note):
            created, updated, units = write(analysis, options)
            if created >= ANALYZE_FROM:
                transaction.on_commit(_refresh_statistics)
            outcome.status = ImportStatus.IMPORTED
            outcome.created, outcome.updated, outcome.units_created = created, updated, units
            outcome.run = _record(path=path, name=name, outcome=outcome, options=options,
                                  mapping=mapping, keep_file=keep_file, run=run)  # fmt: skip
    except StaleVersionError as exc:
        outcome.status = ImportStatus.REJECTED
        outcome.created = outcome.updated = 0
        outcome.units_created = []
        prepared.problems.append(
            _file_problem(
                prepared.sheet.name,
                _(
                    "Hồ sơ %(name)s vừa được người khác sửa trong lúc nhập: không ghi gì, hãy nhập "
                    "lại."
                )
                % {"name": exc.current.full_name},
            )  # fmt: skip
        )
        outcome.run = _record(path=path, name=name, outcome=outcome, options=options,
                              mapping=mapping, keep_file=keep_file, run=run)  # fmt: skip
    outcome.timings["write"] = time.perf_counter() - started
    outcome.timings["write_cpu"] = time.process_time() - cpu
    return outcome
