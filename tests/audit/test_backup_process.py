"""`canbo backup` / `canbo restore` as an operator runs them: separate processes on file
databases — a freshly migrated SQLite database, a restore killed midway, SQLite → PostgreSQL."""

import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import dj_database_url
import pytest

from canbo.audit.backup import iter_rows, read_manifest

ROOT = Path(__file__).resolve().parents[2]


def canbo(*args, db_url: str, var: Path, extra: dict | None = None, **kw):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CANBO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.base",
        CANBO_DATABASE_URL=db_url,
        CANBO_VAR_DIR=str(var),
        CANBO_SECRET_KEY="test-only-secret",
        PYTHONUNBUFFERED="1",
        **(extra or {}),
    )
    return subprocess.run(
        [sys.executable, "-m", "canbo", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        **kw,
    )


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def sqlite_digest(path: Path) -> dict[str, str]:
    """A checksum of every table of a SQLite file, read with sqlite3 itself."""
    conn = sqlite3.connect(path)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        out = {}
        for table in tables:
            digest = hashlib.sha256()
            for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY rowid'):
                digest.update(repr(row).encode())
            out[table] = digest.hexdigest()
        return out
    finally:
        conn.close()


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    """A migrated empty SQLite file, and an archive of a generated province."""
    var = tmp_path_factory.mktemp("restore")
    empty = var / "empty.sqlite3"
    done = canbo("migrate", "-v0", db_url=sqlite_url(empty), var=var)
    assert done.returncode == 0, done.stderr
    source = var / "source.sqlite3"
    shutil.copy(empty, source)
    done = canbo("generate", "--people", "200", "--seed", "5", db_url=sqlite_url(source), var=var)
    assert done.returncode == 0, done.stderr
    done = canbo("backup", str(var / "a.zip"), db_url=sqlite_url(source), var=var)
    assert done.returncode == 0, done.stderr
    return var, empty, var / "a.zip"


def assert_same_data(first: Path, second: Path) -> None:
    """Two archives hold the same rows in every table; the second may hold more log entries
    (the restore's own)."""
    a, b = read_manifest(first), read_manifest(second)
    theirs = {t["model"]: t for t in b["tables"]}
    for table in a["tables"]:
        other = theirs[table["model"]]
        if table["model"] == "audit.AuditEntry":
            rows_a, rows_b = (
                list(iter_rows(first, "audit.AuditEntry")),
                list(iter_rows(second, "audit.AuditEntry")),
            )
            assert rows_b[: len(rows_a)] == rows_a
            assert [r for r in rows_b[len(rows_a) :] if "restore" not in r] == []
        else:
            assert (other["rows"], other["sha256"]) == (table["rows"], table["sha256"]), table[
                "model"
            ]


def test_restore_into_a_freshly_migrated_database_is_exact_and_refuses_a_second_time(work):
    var, empty, archive = work
    target = var / "target.sqlite3"
    shutil.copy(empty, target)
    done = canbo("restore", str(archive), db_url=sqlite_url(target), var=var)
    assert done.returncode == 0, done.stderr
    assert "Đã khôi phục" in done.stdout
    again = canbo("backup", str(var / "b.zip"), db_url=sqlite_url(target), var=var)
    assert again.returncode == 0, again.stderr
    assert_same_data(archive, var / "b.zip")

    refused = canbo("restore", str(archive), db_url=sqlite_url(target), var=var)
    assert refused.returncode == 1
    assert "không trống" in refused.stderr and "--force" in refused.stderr


def test_a_restore_killed_midway_leaves_the_database_as_it_was(work):
    var, empty, archive = work
    target = var / "killed.sqlite3"
    shutil.copy(empty, target)
    done = canbo("generate", "--people", "60", "--seed", "9", db_url=sqlite_url(target), var=var)
    assert done.returncode == 0, done.stderr
    before = sqlite_digest(target)

    env = {k: v for k, v in os.environ.items() if not k.startswith("CANBO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.base", CANBO_DATABASE_URL=sqlite_url(target),
        CANBO_VAR_DIR=str(var), CANBO_SECRET_KEY="test-only-secret", PYTHONUNBUFFERED="1",
        CANBO_RESTORE_TEST_DELAY="0.4",
    )  # fmt: skip
    proc = subprocess.Popen(
        [sys.executable, "-m", "canbo", "restore", str(archive), "--force"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    restored = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # until the profiles are in, then kill it
        line = proc.stdout.readline()
        if not line:
            break
        restored.append(line)
        if line.startswith("people.Person:"):
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, (restored, proc.stderr.read())
    # killed with many tables (the profiles among them) already loaded, not before
    assert restored[-1].startswith("people.Person: 200") and len(restored) > 10

    assert sqlite_digest(target) == before
    conn = sqlite3.connect(target)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
    # and the same restore, left to finish, succeeds
    done = canbo("restore", str(archive), "--force", "-v0", db_url=sqlite_url(target), var=var)
    assert done.returncode == 0, done.stderr
    assert sqlite_digest(target) != before


def _postgres_url() -> str | None:
    url = os.environ.get("CANBO_TEST_DATABASE_URL", "")
    return url if url.startswith("postgres") else None


@pytest.mark.skipif(
    _postgres_url() is None, reason="SQLite → PostgreSQL: runs in the PostgreSQL pass"
)
def test_a_sqlite_backup_restores_into_postgresql(work):
    import psycopg

    var, _empty, archive = work
    cfg = dj_database_url.parse(_postgres_url())
    name = f"{cfg['NAME']}_restore"
    admin = {"host": cfg["HOST"] or "127.0.0.1", "port": cfg["PORT"] or 5432, "user": cfg["USER"], "dbname": "postgres", "autocommit": True}  # fmt: skip
    if cfg.get("PASSWORD"):
        admin["password"] = cfg["PASSWORD"]
    with psycopg.connect(**admin) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    url = _postgres_url().rsplit("/", 1)[0] + f"/{name}"
    try:
        done = canbo("migrate", "-v0", db_url=url, var=var)
        assert done.returncode == 0, done.stderr
        done = canbo("restore", str(archive), db_url=url, var=var)
        assert done.returncode == 0, done.stderr
        done = canbo("backup", str(var / "pg.zip"), db_url=url, var=var)
        assert done.returncode == 0, done.stderr
        assert read_manifest(var / "pg.zip")["database_vendor"] == "postgresql"
        assert_same_data(archive, var / "pg.zip")
        # sequences continue after the restored ids
        done = canbo("units", "add", "xa-sau-khoi-phuc", "--name", "Xã Sau Khôi Phục", "--kind", "commune", db_url=url, var=var)  # fmt: skip
        assert done.returncode == 0, done.stderr
    finally:
        with psycopg.connect(**admin) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
