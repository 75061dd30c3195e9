"""Point Django at a benchmark database of its own (never the demo's)."""

import os
import platform
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def database_url(args, people: int | None = None) -> str:
    name = f"canbo_bench_{people or args.people}"
    if args.db == "postgres":
        return f"{args.pg_url.rstrip('/')}/{name}"
    return f"sqlite:///{ROOT / 'var' / (name + '.sqlite3')}"


def ensure_database(url: str) -> None:
    if url.startswith("postgres"):
        import dj_database_url
        import psycopg

        cfg = dj_database_url.parse(url)
        with psycopg.connect(
            host=cfg["HOST"], port=cfg["PORT"], user=cfg["USER"], dbname="postgres", autocommit=True
        ) as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [cfg["NAME"]]
            ).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{cfg["NAME"]}"')


def configure(args) -> None:
    url = database_url(args)
    ensure_database(url)
    os.environ["CANBO_DATABASE_URL"] = url
    os.environ["CANBO_ALLOWED_HOSTS"] = "testserver,localhost,127.0.0.1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()
    print(f"# machine: {platform.node()} · {platform.processor() or platform.machine()} · "
          f"{os.cpu_count()} cores · Python {platform.python_version()} · database {args.db}")  # fmt: skip


def timed(fn, repeat: int) -> tuple[float, float, float]:
    """Median, 95th percentile and maximum in ms of `repeat` calls of `fn`, after one warm-up."""
    import statistics
    import time

    fn()  # warm
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    return statistics.median(times), p95, times[-1]
