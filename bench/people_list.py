"""Server time of the people list (filters, search, first page) through the whole Django stack.

The Django test client calls the WSGI handler in-process: the figure is what the server spends
(middleware, queries, template), without network or browser time.
"""

from django.test import Client

from bench.setup import timed


def _cases(unit_code: str, title_id: int, province_code: str) -> dict[str, dict]:
    return {
        "first page, no filter": {},
        "unit subtree (commune)": {"unit": unit_code},
        "unit subtree (province)": {"unit": province_code},
        "search 'nguyen van hung'": {"q": "nguyen van hung"},
        "search 'thi hoa' + subtree": {"q": "thi hoa", "unit": province_code},
        "women, party members, age 35–45": {"gender": "female", "party_member": "yes", "age_min": 35, "age_max": 45},
        "title + key post": {"title": title_id, "key_post": "yes"},
        "minority, university, sorted by birth": {"ethnicity": "minority", "qualification_level": "", "sort": "birth"},
        "page 20": {"page": 20},
    }  # fmt: skip


def run(args) -> None:
    from django.contrib.auth import get_user_model

    from canbo.people.models import Person
    from canbo.posts.models import Title
    from canbo.units.models import Unit

    n = Person.objects.count()
    if n == 0:
        raise SystemExit(
            "people_list: the bench database is empty — run `python -m bench generate` first"
        )
    user, _ = get_user_model().objects.get_or_create(
        username="bench", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    province = Unit.objects.filter(depth=0).order_by("pk").first()
    commune = Unit.objects.filter(kind="commune").order_by("pk").first() or province
    title = Title.objects.filter(is_key=True).order_by("pk").first() or Title.objects.first()
    print(
        f"people_list: {n:,} people, {Unit.objects.count():,} units; median / p95 / max of {args.repeat} runs (ms)"
    )
    for label, params in _cases(commune.code, title.pk if title else 0, province.code).items():
        params = {k: v for k, v in params.items() if v != ""}

        def get(params=params):
            response = client.get("/people/", params, secure=True)
            assert response.status_code == 200, response.status_code

        median, p95, worst = timed(get, args.repeat)
        print(f"  {label:<42} {median:8.1f} {p95:8.1f} {worst:8.1f}")
