"""Export of the whole bench database to the roster .xlsx (and .csv), end to end and split.

end to end   `exports.services.export_people` with no filter: query in chunks with the joins,
             build the rows, write the file, log the export — what `canbo export people` does
reading      the same rows built from the database, nothing written
writing      the rows (already in memory) written to .xlsx, fast path and XlsxWriter's own
             calls; to .csv
Peak memory is the process's maximum resident size (the end-to-end export streams its rows; the
split runs hold them all in a list).
"""

import resource
import tempfile
import time
from pathlib import Path


def _best(fn, repeat: int) -> tuple[tuple[float, float], object]:
    """(wall, cpu) seconds of the fastest run, and its result."""
    best, result = None, None
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        result = fn()
        elapsed = (time.perf_counter() - start, time.process_time() - cpu)
        best = elapsed if best is None or elapsed[0] < best[0] else best
    return best, result


def run(args) -> None:
    from django.core.management import call_command

    from canbo.exports.roster import RosterMeta, write_roster_csv, write_roster_xlsx
    from canbo.exports.selectors import roster_rows
    from canbo.exports.services import export_people
    from canbo.people.models import Person

    call_command("migrate", verbosity=0)
    n = Person.objects.filter(status="active").count()
    if n == 0:
        raise SystemExit(
            "exports: the bench database is empty — run `python -m bench generate` first"
        )
    repeat = max(1, min(args.repeat, 3))
    out = Path(tempfile.mkdtemp(prefix="canbo-bench-export-"))
    print(f"exports: {n:,} people (active), best of {repeat} runs; wall time, and the CPU time "
          "of this process (on PostgreSQL the server's work is not in it)")  # fmt: skip

    def line(label: str, seconds: tuple[float, float], rows: int) -> None:
        wall, cpu = seconds
        print(
            f"  {label:<46} {wall:6.2f} s {rows / wall:8,.0f} rows/s"
            f"   cpu {cpu:6.2f} s {rows / cpu:8,.0f} rows/s"
        )

    for fmt in ("xlsx", "csv"):
        seconds, result = _best(
            lambda fmt=fmt: export_people(
                user=None, params={}, fmt=fmt, path=out / f"people.{fmt}"
            ),
            repeat,
        )
        size = (out / f"people.{fmt}").stat().st_size / 1e6
        line(f"end to end .{fmt} ({size:.1f} MB)", seconds, result.count)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak memory after the end-to-end runs        {peak:7.0f} MB")

    on = time.localtime()
    from datetime import date

    today = date(on.tm_year, on.tm_mon, on.tm_mday)
    queryset = Person.objects.filter(status="active")
    seconds, rows = _best(lambda: list(roster_rows(queryset, on=today)), repeat)
    line("reading (query, joins, rows built)", seconds, n)
    meta = RosterMeta(as_of=today, organization=["Bench"])
    seconds, _ = _best(lambda: write_roster_xlsx(str(out / "w.xlsx"), rows, meta), repeat)
    line("writing .xlsx (fast rows)", seconds, n)
    seconds, _ = _best(lambda: write_roster_xlsx(str(out / "s.xlsx"), rows, meta, fast=False), 1)
    line("writing .xlsx (XlsxWriter's own write_* calls)", seconds, n)

    def csv_write():
        with open(out / "w.csv", "w", encoding="utf-8-sig", newline="") as fh:
            return write_roster_csv(fh, rows)

    seconds, _ = _best(csv_write, repeat)
    line("writing .csv", seconds, n)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak memory with all rows held in a list     {peak:7.0f} MB")
    for f in out.iterdir():
        f.unlink()
    out.rmdir()
