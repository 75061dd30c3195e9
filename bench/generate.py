"""`canbo generate --people N` into an empty benchmark database, timed as a whole."""

import time

from django.core.management import call_command


def run(args) -> None:
    from canbo.people.models import Person

    call_command("migrate", verbosity=0)
    if Person.objects.exists():
        print(f"generate: the bench database already holds {Person.objects.count():,} people "
              "(drop it to time generation again)")  # fmt: skip
        return
    start = time.perf_counter()
    call_command("generate", people=args.people, seed=args.seed, verbosity=0)
    elapsed = time.perf_counter() - start
    print(f"generate --people {args.people:,}: {elapsed:.1f} s")
