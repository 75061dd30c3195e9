"""The people list for a user with ONE commune-level grant (and a province grant limited to a
management tier) vs a superuser, through the whole
Django stack, on the bench database (`python -m bench.people_list_scoped [--db sqlite|postgres]
[--people 100000] [--repeat 15]`; generates the database first when it is empty).

What it shows: scoping by grants (`canbo.access.scope.people_for`) costs a path-range condition
on the joined unit, not a loop over people.
"""

import argparse
import os
import re
import statistics
import sys
import time


def _time(client, params, repeat):
    client.get("/people/", params, secure=True)  # warm
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get("/people/", params, secure=True)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    found = re.search(r'class="result-count">([^<]+)', response.content.decode())
    digits = re.sub(r"\D", "", found.group(1)) if found else ""
    return statistics.median(times), p95, f"{int(digits):,}" if digits else "?"


def run(args) -> None:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    from canbo.access.models import Grant, Role
    from canbo.catalogs.models import ManagementTier
    from canbo.people.models import Person
    from canbo.units.models import Unit

    call_command("migrate", verbosity=0)
    if not Person.objects.exists():
        call_command("generate", people=args.people, seed=args.seed, verbosity=0)
    User = get_user_model()
    root, _ = User.objects.get_or_create(
        username="bench", defaults={"is_staff": True, "is_superuser": True}
    )
    scoped, _ = User.objects.get_or_create(username="bench-commune")
    commune = (
        Unit.objects.filter(kind="commune", valid_to__isnull=True)
        .order_by("-pk")  # a commune of the 2025 tree, with its people
        .first()
    )
    Grant.objects.filter(user=scoped).delete()
    Grant.objects.create(user=scoped, role=Role.objects.get(code="org-board"), unit=commune)
    leader, _ = User.objects.get_or_create(username="bench-leader")
    Grant.objects.filter(user=leader).delete()
    province = Unit.objects.filter(parent__isnull=True).order_by("pk").first()
    grant = Grant.objects.create(user=leader, role=Role.objects.get(code="leader"), unit=province)
    grant.tiers.set(ManagementTier.objects.filter(code="TINH"))
    clients = {}
    users = (("superuser", root), ("one commune grant", scoped), ("province, tier TINH", leader))
    for label, user in users:
        clients[label] = Client()
        clients[label].force_login(user)
    cases = {
        "first page, no filter": {},
        "search 'nguyen van'": {"q": "nguyen van"},
        "women, party members, age 35–45": {"gender": "female", "party_member": "yes", "age_min": 35, "age_max": 45},
        "sorted by birth": {"sort": "birth"},
    }  # fmt: skip
    print(
        f"people_list_scoped: {Person.objects.count():,} people, {Unit.objects.count():,} units; "
        f"grants: org-board on {commune.code}, leader on {province.code} tier TINH; median / p95 of {args.repeat} runs (ms), rows found"
    )
    for label, params in cases.items():
        for who, client in clients.items():
            median, p95, count = _time(client, params, args.repeat)
            print(f"  {label:<36} {who:<18} {median:8.1f} {p95:8.1f} {count:>9}")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.people_list_scoped", description=__doc__)
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
    run(args)


if __name__ == "__main__":
    sys.exit(main())
