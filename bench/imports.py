"""Import of a 100,000-row roster in the standard layout (the one `canbo export people` writes),
end to end and split: reading (python-calamine + finding the table), validating (every row
parsed, matched and checked like the profile form), writing (one transaction).

The file is written once (cached in var/) by canbo's own roster writer. Each import runs in a
child process on a database of its own (`canbo_bench_imports`, SQLite or PostgreSQL) emptied of
people first, so the peak memory printed is the import's alone (and, apart, the largest resident
size of the forked copies that share its rows, core.forked). A second import of the same
file measures the "nothing changed" path. Raw calamine = opening the file and `to_python()`
of the sheet, nothing else: the floor for reading.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UNITS = 200
FIRST = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
MIDDLE_M = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Công"]
MIDDLE_F = ["Thị", "Ngọc", "Thu", "Thanh", "Kim", "Hồng"]
GIVEN_M = ["An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khánh", "Long", "Nam", "Quân", "Sơn", "Tuấn"]  # fmt: skip
GIVEN_F = ["Anh", "Chi", "Hà", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga", "Phương", "Thảo", "Yến"]  # fmt: skip
QUALIFICATIONS = ["Đại học, Luật", "Thạc sĩ, Quản lý kinh tế", "Đại học, Kinh tế", "Cao đẳng", "Trung cấp, Kế toán", "Tiến sĩ, Kinh tế chính trị"]  # fmt: skip
THEORY = ["Trung cấp", "Cao cấp", "Sơ cấp", "", "Cử nhân"]
STATE = ["Chuyên viên", "Chuyên viên chính", "", "Chuyên viên cao cấp"]
RANKS = ["Chuyên viên", "Chuyên viên chính", "Cán sự", ""]


def hometowns() -> list[str]:
    """300 hometowns as rosters write them (from the same `vietnam-provinces` data as the area
    catalog): current communes with their province, former districts with their former
    province (lower case types), bare province names, and a few a catalog cannot know."""
    from vietnam_provinces import Province, Ward
    from vietnam_provinces.legacy.base import District as LegacyDistrict
    from vietnam_provinces.legacy.base import Province as LegacyProvince

    provinces = {int(p.code): p.name for p in Province.iter_all()}
    legacy = {int(p.code): p.name for p in LegacyProvince.iter_all()}
    wards = list(Ward.iter_all())
    districts = list(LegacyDistrict.iter_all())
    out = [f"{w.name}, {provinces[int(w.province_code)]}" for w in wards[::16][:200]]
    out += [
        f"{d.name[:1].lower()}{d.name[1:]}, {legacy[int(d.province_code)].lower()}"
        for d in districts[::11][:60]
    ]
    out += [name.replace("Thành phố ", "").replace("Tỉnh ", "") for name in provinces.values()][:30]
    out += [f"thôn Đông {i}, xã Không Có" for i in range(300 - len(out))]
    return out


def roster_file(people: int) -> Path:
    path = ROOT / "var" / f"bench-import-v2-{people}.xlsx"  # v2: real hometowns
    if path.exists():
        return path
    from canbo.exports.roster import PersonRow, RosterMeta, UnitRow, write_roster_xlsx
    from canbo.rules.citizen_id import make_citizen_id

    towns = hometowns()

    def rows():
        per_unit = -(-people // UNITS)
        seq = 0
        for u in range(UNITS):
            code = f"bench-u{u:03d}"
            yield UnitRow(unit_id=u, name=f"Đơn vị thử {u:03d}", code=code, label=f"Đơn vị thử {u:03d}")  # fmt: skip
            for _i in range(per_unit):
                if seq >= people:
                    return
                seq += 1
                female = seq % 2 == 0
                year = 1960 + seq % 40
                birth: date | str = date(year, 1 + seq % 12, 1 + seq % 28)
                if seq % 10 == 0:
                    birth = f"{1 + seq % 12:02d}/{year}"
                elif seq % 25 == 0:
                    birth = str(year)
                name = " ".join([
                    FIRST[seq % len(FIRST)],
                    (MIDDLE_F if female else MIDDLE_M)[seq // 7 % 6],
                    (GIVEN_F if female else GIVEN_M)[seq // 3 % 12],
                ])  # fmt: skip
                party = date(year + 25, 1 + seq % 12, 1 + seq % 28) if seq % 3 else None
                yield PersonRow(
                    seq=seq, pk=seq, full_name=name, is_female=female, birth=birth,
                    citizen_id=make_citizen_id("001", "female" if female else "male", year, seq),
                    ethnicity="Kinh", religion="Không", hometown=towns[seq % len(towns)],
                    posts="", unit_name=f"Đơn vị thử {u:03d}", unit_code=code,
                    party_joined_on=party,
                    party_official_on=date(party.year + 1, party.month, party.day) if party else None,
                    qualification=QUALIFICATIONS[seq % len(QUALIFICATIONS)],
                    political_theory=THEORY[seq % len(THEORY)], state_management=STATE[seq % len(STATE)],
                    foreign_language="Tiếng Anh B1" if seq % 4 else "", it_skill="Cơ bản",
                    civil_service_rank=RANKS[seq % len(RANKS)], salary_step=1 + seq % 9,
                    salary_coefficient=Decimal("2.34") + Decimal(seq % 20) / 10,
                )  # fmt: skip

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.xlsx")
    write_roster_xlsx(str(tmp), rows(), RosterMeta(as_of=date(2025, 12, 31), title="DANH SÁCH TRÍCH NGANG CÁN BỘ"))  # fmt: skip
    tmp.rename(path)
    return path


def run(args) -> None:
    path = roster_file(args.people)
    print(f"imports: {args.people:,} rows, {path.stat().st_size / 1e6:.1f} MB ({path.name}), database {args.db}")  # fmt: skip
    env = dict(os.environ)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("CANBO_DATABASE_URL", None)
    for label in ("first import (all new)", "same file again (unchanged)"):
        child = subprocess.run(
            [sys.executable, "-m", "bench.imports", str(path), args.db, args.pg_url, label],
            cwd=ROOT, env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        if child.returncode != 0:
            print(child.stdout, child.stderr)
            raise SystemExit("imports: the child import failed")
        figures = json.loads(child.stdout.strip().splitlines()[-1])
        _print(label, figures)


def _print(label: str, f: dict) -> None:
    n = f["rows"]

    def line(what: str, seconds: float, cpu: float | None) -> None:
        cpu_text = f"{cpu:7.2f} s {n / cpu:10,.0f} rows/s" if cpu else ""
        print(f"  {what:<36} {seconds:7.2f} s {n / seconds:10,.0f} rows/s   {cpu_text}")

    print(f"  — {label}: {f['created']:,} created, {f['updated']:,} updated, {f['unchanged']:,} unchanged")  # fmt: skip
    print(f"  {'':<36} {'wall clock':>26}   {'CPU of the process':>26}")
    line("end to end", f["total"], f["total_cpu"])
    line("  reading (calamine + table)", f["read"], f["read_cpu"])
    line("  validating", f["validate"], f["validate_cpu"])
    line("  writing", f["write"], f["write_cpu"])
    line("raw python-calamine to_python()", f["raw"], f["raw_cpu"])
    print(f"  load average during the run: {f['load']}")
    print(f"  reading / raw calamine (CPU): {f['read_cpu'] / f['raw_cpu']:.2f}×; peak memory {f['peak_mb']:,.0f} MB")  # fmt: skip
    if f["copies_peak_mb"]:
        print(f"  forked copies (core.forked): peak resident {f['copies_peak_mb']:,.0f} MB each, counting the pages they share with the import process")  # fmt: skip


def _child(path: str, db: str, pg_url: str) -> None:
    import resource
    import time

    name = "canbo_bench_imports"
    if db == "postgres":
        url = f"{pg_url.rstrip('/')}/{name}"
    else:
        url = f"sqlite:///{ROOT / 'var' / (name + '.sqlite3')}"
    from bench.setup import ensure_database

    ensure_database(url)
    os.environ["CANBO_DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    os.environ.setdefault("CANBO_LOG_LEVEL", "ERROR")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    call_command("migrate", verbosity=0)
    from canbo.imports.services import import_people
    from canbo.people.models import Person
    from canbo.units.models import Unit
    from canbo.units.services import unit_create

    label = sys.argv[4]
    if label.startswith("first"):
        with connection.cursor() as cursor:  # a fresh table, not one full of dead rows
            if db == "sqlite":
                with transaction.atomic():
                    for table in ("audit_auditentry", Person._meta.db_table):
                        cursor.execute(f"DELETE FROM {table}")  # noqa: S608 — fixed names
                cursor.execute("VACUUM")
            else:  # (a DELETE of 100,000 profiles queues deferred key checks for minutes)
                cursor.execute(f"TRUNCATE audit_auditentry, {Person._meta.db_table} CASCADE")
    root = Unit.objects.filter(code="bench-root").first() or unit_create(
        code="bench-root", name="Tỉnh thử", kind="province"
    )
    have = set(Unit.objects.filter(code__startswith="bench-u").values_list("code", flat=True))
    for u in range(UNITS):
        if f"bench-u{u:03d}" not in have:
            unit_create(code=f"bench-u{u:03d}", name=f"Đơn vị thử {u:03d}", kind="agency", parent=root)  # fmt: skip
    from python_calamine import CalamineWorkbook

    start, cpu = time.perf_counter(), time.process_time()
    CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python(skip_empty_area=False)
    raw, raw_cpu = time.perf_counter() - start, time.process_time() - cpu
    start, cpu = time.perf_counter(), time.process_time()
    outcome = import_people(path=path, unit=root)
    total, total_cpu = time.perf_counter() - start, time.process_time() - cpu
    if outcome.prepared.errors:
        for p in outcome.prepared.errors[:20]:
            print(p, file=sys.stderr)
        raise SystemExit(1)
    t = outcome.timings
    print(json.dumps({
        "rows": outcome.prepared.analysis.rows_read, "created": outcome.created,
        "updated": outcome.updated, "unchanged": outcome.unchanged, "total": total,
        "read": t.get("read", 0), "validate": t.get("validate", 0), "write": t.get("write", 0),
        "read_cpu": t.get("read_cpu", 0), "validate_cpu": t.get("validate_cpu", 0),
        "write_cpu": t.get("write_cpu", 0), "total_cpu": total_cpu, "raw_cpu": raw_cpu,
        "raw": raw, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "copies_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "load": " ".join(f"{x:.1f}" for x in os.getloadavg()),
    }))  # fmt: skip


if __name__ == "__main__":
    _child(sys.argv[1], sys.argv[2], sys.argv[3])
