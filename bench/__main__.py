"""Benchmarks: `python -m bench [people_list|generate|exports|imports|backup|evaluation] [options]` (see docs/BENCHMARKS.md).

Each benchmark prints its figures; nothing here is a test and nothing asserts a time.
"""

import argparse
import os
import sys


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "which",
        nargs="?",
        default="all",
        choices=[
            "all",
            "generate",
            "people_list",
            "exports",
            "imports",
            "stats",
            "backup",
            "evaluation",
        ],
    )
    parser.add_argument("--db", default="sqlite", choices=["sqlite", "postgres"])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("CANBO_BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432"),
    )
    args = parser.parse_args()

    from bench.setup import configure

    configure(args)
    if args.which in ("all", "generate"):
        from bench.generate import run as run_generate

        run_generate(args)
    if args.which in ("all", "people_list"):
        from bench.people_list import run as run_people_list

        run_people_list(args)
    if args.which in ("all", "exports"):
        from bench.exports import run as run_exports

        run_exports(args)
    if args.which in ("all", "imports"):
        from bench.imports import run as run_imports

        run_imports(args)
    if args.which in ("all", "stats"):
        from bench.stats import run as run_stats

        run_stats(args)
    if args.which in ("all", "evaluation"):
        from bench.evaluation import run as run_evaluation

        run_evaluation(args)
    if args.which in ("all", "backup"):
        from bench.backup import run as run_backup

        run_backup(args)


if __name__ == "__main__":
    sys.exit(main())
