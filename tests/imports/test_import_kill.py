"""All or nothing, even when the process dies: `canbo import people` killed with SIGKILL while
it writes a big file leaves the database as it was (SQLite file, WAL journal)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from canbo.rules.citizen_id import make_citizen_id
from tests.imports.rosters import write_csv

ROOT = Path(__file__).resolve().parents[2]
ROWS = 40_000


def _canbo(env, *args, **kw):
    return subprocess.run(
        [sys.executable, "-m", "canbo", *args], cwd=ROOT, env=env, check=True,
        capture_output=True, text=True, **kw,
    )  # fmt: skip


def test_sigkill_while_writing_leaves_the_database_unchanged(tmp_path):
    db = tmp_path / "canbo.sqlite3"
    env = {**os.environ, "CANBO_DATABASE_URL": f"sqlite:///{db}", "CANBO_VAR_DIR": str(tmp_path),
           "DJANGO_SETTINGS_MODULE": "config.settings.base"}  # fmt: skip
    _canbo(env, "migrate", "--verbosity", "0")
    _canbo(env, "units", "add", "van-phong", "--name", "Văn phòng", "--kind", "agency")
    rows = [["STT", "Họ và tên", "Giới tính", "Ngày sinh", "Số CCCD"]]
    for i in range(1, ROWS + 1):
        gender = "Nam" if i % 2 else "Nữ"
        cid = make_citizen_id("001", "male" if i % 2 else "female", 1970 + i % 30, i)
        rows.append([i, f"Nguyễn Văn Thử {i}", gender, f"{1 + i % 28}/{1 + i % 12}/{1970 + i % 30}", cid])  # fmt: skip
    path = write_csv(tmp_path / "lon.csv", rows)
    wal = Path(f"{db}-wal")
    before = wal.stat().st_size if wal.exists() else 0

    process = subprocess.Popen(
        [sys.executable, "-m", "canbo", "import", "people", str(path), "--unit", "van-phong"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    # wait until the writing has begun (the write-ahead log grows by megabytes), then kill
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None:
        if wal.exists() and wal.stat().st_size > before + 2_000_000:
            break
        time.sleep(0.02)
    assert process.poll() is None, "the import ended before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL

    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT COUNT(*) FROM people_person").fetchone()[0] == 0
        assert conn.execute("SELECT COUNT(*) FROM imports_importrun").fetchone()[0] == 0
        assert conn.execute("SELECT COUNT(*) FROM audit_auditentry WHERE source = 'import'").fetchone()[0] == 0  # fmt: skip
