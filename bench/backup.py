"""`canbo backup` and `canbo restore` of the bench database, timed (wall clock, and this
process's CPU time: on a shared machine the gap is time spent waiting for the CPU or the disk).

backup    the whole database (every table, one read transaction) and the uploaded files into a
          .zip under var/
restore   that archive into a second, freshly migrated database of the same kind (SQLite file
          var/canbo_bench_restore.sqlite3 or PostgreSQL database canbo_bench_restore), one
          transaction; migrating it is not timed
"""

import time
from pathlib import Path

from bench.setup import ROOT, ensure_database


def _restore_url(args) -> str:
    if args.db == "postgres":
        return f"{args.pg_url.rstrip('/')}/canbo_bench_restore"
    return f"sqlite:///{ROOT / 'var' / 'canbo_bench_restore.sqlite3'}"


def _fresh_target(args) -> str:
    """A new, empty database reachable as the connection alias "restore"."""
    import dj_database_url
    import psycopg
    from django.conf import settings
    from django.db import connections

    url = _restore_url(args)
    if url.startswith("postgres"):
        cfg = dj_database_url.parse(url)
        with psycopg.connect(
            host=cfg["HOST"], port=cfg["PORT"], user=cfg["USER"], dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{cfg["NAME"]}" WITH (FORCE)')
        ensure_database(url)
    else:
        path = Path(url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        cfg = dj_database_url.parse(url)
        cfg["OPTIONS"] = dict(settings.DATABASES["default"].get("OPTIONS", {}))
    connections.settings["restore"] = connections.configure_settings({"default": cfg})["default"]
    return "restore"


def run(args) -> None:
    from django.core.management import call_command

    from canbo.audit.backup import restore_backup, write_backup
    from canbo.people.models import Person

    call_command("migrate", verbosity=0)
    people = Person.objects.count()
    if not people:
        raise SystemExit("backup: the bench database is empty — run `python -m bench generate`")
    out = ROOT / "var" / f"bench-backup-{args.db}-{args.people}.zip"
    start, cpu = time.perf_counter(), time.process_time()
    manifest = write_backup(out)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    rows = sum(t["rows"] for t in manifest["tables"])
    size = out.stat().st_size / 1e6
    print(
        f"backup  {people:,} people, {rows:,} rows in {len(manifest['tables'])} tables, "
        f"{len(manifest['media'])} files: {elapsed:.1f} s (CPU {cpu:.1f} s), archive {size:.1f} MB "
        f"({rows / elapsed:,.0f} rows/s)"
    )

    alias = _fresh_target(args)
    call_command("migrate", database=alias, verbosity=0)
    start, cpu = time.perf_counter(), time.process_time()
    restore_backup(out, using=alias, force=True)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(
        f"restore {rows:,} rows into an empty {args.db} database: {elapsed:.1f} s (CPU {cpu:.1f} s) "
        f"({rows / elapsed:,.0f} rows/s)"
    )
