"""Profiles for the demo generator: identity, membership, education, rank and salary, and the
sections of the 2C form, drawn from one `random.Random` so that a seed gives the same people.

Every value respects the models' constraints and the domain rules: the citizen ID encodes the
gender and birth year (`make_citizen_id`), nobody active is past the retirement date of RULES §7,
first appointments leave at least the required working time, a party member joined at 18 or later
and became official about 12 months later (never in the future).
"""

from __future__ import annotations

import random
from bisect import bisect
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate

from canbo.core.text import fold
from canbo.rules.citizen_id import make_citizen_id
from canbo.rules.retirement import months_of_service_left, retirement_date

from . import data
from .base import add_years, month_end, rand_date
from .sections import write_sections

MALE, FEMALE = "male", "female"
DAY, MONTH, YEAR = "day", "month", "year"


class Weighted:
    """Fast weighted choice from (value, weight) pairs."""

    __slots__ = ("values", "cum", "total")

    def __init__(self, pairs):
        pairs = [(v, w) for v, w in pairs if w > 0]
        self.values = [v for v, _ in pairs]
        self.cum = list(accumulate(w for _, w in pairs))
        self.total = self.cum[-1]

    def pick(self, rng: random.Random):
        return self.values[bisect(self.cum, rng.random() * self.total)]


@dataclass(frozen=True, slots=True)
class Profile:
    """How a kind of post shapes the person who holds it."""

    age: tuple[float, float, float]  # low, high, mode (years, at the reference date)
    female: float
    party: float
    qualification: Weighted
    theory: Weighted
    state_management: Weighted
    fields: str  # civil | teacher | health | nurse
    rank: str  # civil-service rank group: top | lead | mid | base


def _p(age, female, party, qual, theory, sm, fields, rank) -> Profile:
    return Profile(
        age,
        female,
        party,
        Weighted(qual.items()),
        Weighted(theory.items()),
        Weighted(sm.items()),
        fields,
        rank,
    )


PROFILES = {
    "top": _p((47, 60, 54), 0.10, 1.0, {"THS": 55, "TS": 20, "DH": 25}, {"CC": 80, "CN": 20},
              {"CVCC": 85, "CVC": 15}, "civil", "top"),
    "prov_lead": _p((38, 60, 50), 0.20, 1.0, {"THS": 52, "TS": 8, "DH": 40},
                    {"CC": 86, "CN": 4, "TC": 10}, {"CVC": 70, "CVCC": 15, "CV": 15}, "civil",
                    "lead"),
    "prov_mid": _p((30, 59, 45), 0.35, 1.0, {"THS": 35, "TS": 2, "DH": 63},
                   {"TC": 55, "CC": 40, "SC": 5}, {"CV": 60, "CVC": 35, "": 5}, "civil", "mid"),
    "commune_key": _p((32, 58, 46), 0.13, 1.0, {"DH": 83, "THS": 14, "CD": 1, "TC": 2},
                      {"TC": 70, "CC": 28, "SC": 2}, {"CV": 85, "CVC": 10, "": 5}, "civil",
                      "mid"),
    "commune_mid": _p((28, 58, 42), 0.30, 1.0, {"DH": 84, "THS": 9, "CD": 4, "TC": 3},
                      {"TC": 72, "CC": 8, "SC": 15, "": 5}, {"CV": 70, "": 30}, "civil", "base"),
    "school_lead": _p((32, 57, 46), 0.45, 1.0, {"DH": 84, "THS": 14, "CD": 2},
                      {"TC": 60, "SC": 35, "": 5}, {"CV": 40, "": 60}, "teacher", "mid"),
    "health_lead": _p((36, 59, 48), 0.30, 1.0, {"DH": 35, "THS": 45, "TS": 20},
                      {"CC": 35, "TC": 60, "SC": 5}, {"CV": 50, "CVC": 30, "": 20}, "health",
                      "mid"),
    "civil": _p((25, 60.9, 41), 0.43, 0.95, {"DH": 80, "THS": 14, "CD": 4, "TC": 2},
                {"": 45, "SC": 25, "TC": 28, "CC": 2}, {"CV": 35, "": 65}, "civil", "base"),
    "teacher": _p((25, 60.9, 40), 0.43, 0.91, {"DH": 79, "THS": 11, "CD": 8, "TC": 2},
                  {"": 50, "SC": 38, "TC": 12}, {"": 1}, "teacher", "base"),
    "doctor": _p((26, 60.9, 42), 0.40, 0.90, {"DH": 62, "THS": 30, "TS": 8},
                 {"": 55, "SC": 33, "TC": 12}, {"": 1}, "health", "base"),
    "nurse": _p((25, 60.9, 38), 0.46, 0.88, {"DH": 38, "CD": 45, "TC": 17}, {"": 65, "SC": 35},
                {"": 1}, "nurse", "base"),
}  # fmt: skip


@dataclass(slots=True)
class Drawn:
    """A person drawn for a post, before the assignments fix the career dates."""

    id: int
    gender: str
    birth: date
    precision: str
    family: str
    full_name: str
    ethnicity: str
    hometown: int
    birth_lp: str
    qualification: str
    theory: str
    state_management: str
    party: bool
    earliest_start: date  # the earliest date the career may start (first job)
    extra: dict = field(default_factory=dict)


class PersonFactory:
    """Draws people and writes their profile rows into the generator's tables."""

    def __init__(self, *, rng, as_of, refs, catalogs, tables, rich, taken_ids):
        self.rng = rng
        self.as_of = as_of
        self.refs = refs
        self.cat = catalogs
        self.t = tables
        self.rich = rich
        self.serials: dict[str, set[int]] = {}
        self.taken_ids = taken_ids
        self.family = Weighted(data.FAMILY_NAMES)
        self.middle = {
            MALE: Weighted(data.MIDDLE_NAMES_MALE),
            FEMALE: Weighted(data.MIDDLE_NAMES_FEMALE),
        }
        self.religion = Weighted(data.RELIGION_MIX)
        self.background = Weighted(data.FAMILY_BACKGROUNDS)
        self.blood = Weighted(data.BLOOD_TYPES)
        self.mixes: dict[str, Weighted] = {}

    # --- names -----------------------------------------------------------------------------
    def name(self, gender: str, ethnicity: str = "01", family: str | None = None) -> str:
        rng = self.rng
        if family is None:
            pool = data.MINORITY_FAMILY_NAMES.get(ethnicity)
            family = rng.choice(pool) if pool else self.family.pick(rng)
        if ethnicity == "08":  # Mông: "Giàng A Páo", "Sùng Thị Mỷ"
            given = rng.choice(data.MONG_GIVEN_MALE if gender == MALE else data.MONG_GIVEN_FEMALE)
            return f"{family} {'A' if gender == MALE else 'Thị'} {given}"
        middle = self.middle[gender].pick(rng)
        if gender == FEMALE:
            if middle == "Thị" and rng.random() < 0.22:
                middle = f"Thị {rng.choice(data.SECOND_MIDDLE_FEMALE)}"
            given = rng.choice(data.GIVEN_NAMES_FEMALE)
        else:
            given = rng.choice(data.GIVEN_NAMES_MALE)
        if given in middle.split():
            given = rng.choice(data.GIVEN_NAMES_MALE if gender == MALE else data.GIVEN_NAMES_FEMALE)
        return f"{family} {middle} {given}"

    def ethnicity_for(self, hometown: int) -> str:
        """Ethnicity drawn from the mix of the hometown's former district or province."""
        district = self.refs.district_code_of(hometown)
        mix = self.mixes.get(district)
        if mix is None:
            shares = data.ETHNIC_MIX_BY_DISTRICT.get(district)
            if shares is None:
                shares = data.ETHNIC_MIX_BY_PROVINCE.get(self.refs.province_code_of(hometown))
            if shares is None:
                shares = data.ETHNIC_MIX_DEFAULT if self.refs.in_province(hometown) else {}
            # Cadres from minorities are somewhat fewer than in the population.
            pairs = [(code, share * 0.7) for code, share in shares.items()]
            pairs.append(("01", 1.0 - sum(s for _, s in pairs)))
            mix = self.mixes[district] = Weighted(pairs)
        return mix.pick(self.rng)

    # --- drawing ---------------------------------------------------------------------------
    def draw(
        self,
        *,
        role: str,
        hometown: int,
        first_start: date | None,
        checks: tuple[tuple[date, int], ...] = (),
    ) -> Drawn:
        """Draw a person for a post whose first assignment starts on `first_start` (None: the
        career start is free) and who must have `months` of working time left on each
        (date, months) of `checks` (RULES §2.3 first appointment: 60; rotation §5.4: 120)."""
        rng, as_of = self.rng, self.as_of
        profile = PROFILES[role]
        gender = FEMALE if rng.random() < profile.female else MALE
        lo, hi, mode = profile.age
        if first_start is not None:
            lo = max(lo, as_of.year - first_start.year + 24)
            hi = max(hi, lo + 1)
            mode = min(max(mode, lo), hi)
        for attempt in range(40):
            age = rng.triangular(lo, hi, mode)
            birth = as_of - timedelta(days=int(age * 365.25))
            r = rng.random()
            precision = DAY if r < 0.95 else (MONTH if r < 0.98 else YEAR)
            if precision == MONTH:
                birth = birth.replace(day=1)
            elif precision == YEAR:
                birth = birth.replace(month=1, day=1)
            if retirement_date(gender, birth, precision) <= as_of + timedelta(days=31):
                hi = max(lo + 1, hi - 1)
                mode = min(mode, hi)
                continue
            if all(months_of_service_left(gender, birth, precision, d) >= m for d, m in checks):
                break
            hi = max(lo + 1, hi - 1.5)
            mode = min(mode, hi)
            if attempt > 30:
                lo = max(25, lo - 2)
        else:  # pragma: no cover - the loop narrows the ages until it finds one
            raise RuntimeError("no birth date fits")
        ethnicity = self.ethnicity_for(hometown)
        full_name = self.name(gender, ethnicity)
        qualification = profile.qualification.pick(rng)
        party = rng.random() < profile.party
        theory = profile.theory.pick(rng) if party else ""
        state_management = profile.state_management.pick(rng)
        latest_birthday = self._latest_birthday(birth, precision)
        return Drawn(
            id=self.t.person.reserve(),
            gender=gender,
            birth=birth,
            precision=precision,
            family=full_name.split()[0],
            full_name=full_name,
            ethnicity=ethnicity,
            hometown=hometown,
            birth_lp=self.refs.birth_lp_code(hometown, rng),
            qualification=qualification,
            theory=theory,
            state_management=state_management,
            party=party,
            earliest_start=add_years(latest_birthday, 22),
            extra={"profile": profile, "role": role, "latest_birthday": latest_birthday},
        )

    @staticmethod
    def _latest_birthday(birth: date, precision: str) -> date:
        """The latest date the person may really have been born (partial dates)."""
        if precision == YEAR:
            return birth.replace(month=12, day=31)
        if precision == MONTH:
            return month_end(birth)
        return birth

    def citizen_id(self, d: Drawn) -> str:
        key = (d.birth_lp, d.gender, d.birth.year)
        used = self.serials.setdefault(key, set())
        while True:
            serial = self.rng.randrange(1_000_000)
            if serial in used:
                continue
            used.add(serial)
            value = make_citizen_id(d.birth_lp, d.gender, d.birth.year, serial)
            if value not in self.taken_ids:
                return value

    # --- writing ---------------------------------------------------------------------------
    def write(
        self,
        d: Drawn,
        *,
        unit_id: int,
        unit_name: str,
        party_unit: str,
        tier_id: int | None,
        recruited_on: date,
        recruited_by: str,
        joined_unit_on: date,
        party_before: date | None,
        career: list[tuple[date, date | None, str]],
        main_duty: str,
        residence: str,
    ) -> int:
        """Write the profile of `d` and its sections. `career` lists (start, end, description)
        of the posts held, oldest first; `party_before` is the latest date by which the person
        must have joined the Party (a party post), or None."""
        rng, as_of, cat, refs = self.rng, self.as_of, self.cat, self.refs
        profile: Profile = d.extra["profile"]
        latest_birthday: date = d.extra["latest_birthday"]
        # Party membership: joined at 18 or later, official 12 months later, never in the future.
        party_joined = party_official = None
        if d.party:
            first = add_years(latest_birthday, 18) + timedelta(days=1)
            last = min(as_of - timedelta(days=20), party_before or as_of)
            age_last = (last - latest_birthday).days / 365.25
            join_age = rng.triangular(18.2, max(18.3, min(age_last, 42.0)), 25.0)
            party_joined = max(first, add_years(latest_birthday, int(join_age)))
            party_joined += timedelta(days=rng.randrange(365))
            party_joined = min(max(party_joined, first), last)
            if party_joined < first:  # a young person in a party post: the minimum age
                party_joined = first
            official = add_years(party_joined, 1)
            party_official = official if official <= as_of else None

        rank_code = self._rank(profile.rank, d.qualification)
        base, step_inc, steps, years_per_step = data.SCALES[rank_code]
        if profile.rank in ("top", "lead") or (profile.rank == "mid" and rank_code == "01.002"):
            grade_start = rand_date(rng, min(recruited_on + timedelta(days=3650), as_of), as_of)
        else:
            grade_start = recruited_on
        years = max(0, (as_of - grade_start).days // 365)
        step = min(steps, 1 + years // years_per_step)
        salary_since = min(as_of, add_years(grade_start, (step - 1) * years_per_step))
        coefficient = base + step_inc * (step - 1)

        hometown_text = refs.address(d.hometown)
        birthplace = d.hometown if rng.random() < 0.8 else refs.same_province_area(d.hometown, rng)
        education = "10/10" if d.birth.year < 1975 and rng.random() < 0.4 else "12/12"
        military = d.gender == MALE and rng.random() < 0.06
        enlisted = add_years(latest_birthday, 18) + timedelta(days=rng.randrange(300))
        issued_from = max(date(2021, 1, 15), add_years(latest_birthday, 14))
        issued_to = max(issued_from, min(as_of, date(2024, 12, 31)))
        height = int(rng.gauss(166, 5) if d.gender == MALE else rng.gauss(155, 5))
        search_name = fold(d.full_name)
        field = d.extra["field"] = self._field(profile.fields, d.qualification)
        person_id = self.t.person.add(
            id=d.id,
            full_name=d.full_name,
            gender=d.gender,
            birth_date=d.birth,
            birth_date_precision=d.precision,
            citizen_id=self.citizen_id(d),
            citizen_id_issued_on=rand_date(rng, issued_from, issued_to),
            birthplace_id=birthplace,
            birthplace_text=refs.address(birthplace),
            hometown_id=d.hometown,
            hometown_text=hometown_text,
            residence=residence,
            phone=f"0{rng.choice('389')}{rng.randrange(10**8):08d}",
            ethnicity_id=cat["ethnicity"][d.ethnicity],
            religion_id=cat["religion"][self.religion.pick(rng)],
            family_background=self.background.pick(rng),
            occupation_before="Quân nhân" if military else "Học sinh, sinh viên",
            recruited_on=recruited_on,
            recruited_by=recruited_by,
            joined_unit_on=joined_unit_on,
            party_joined_on=party_joined,
            party_official_on=party_official,
            party_unit=party_unit if d.party else "",
            mass_org_joined_on=add_years(latest_birthday, 15) + timedelta(days=rng.randrange(700)),
            military_enlisted_on=enlisted if military else None,
            military_discharged_on=add_years(enlisted, 2) if military else None,
            military_rank=rng.choice(["Hạ sĩ", "Trung sĩ", "Thượng sĩ"]) if military else "",
            general_education=education,
            qualification_level_id=cat["qualification"][d.qualification],
            qualification_field=field,
            political_theory_id=cat["theory"].get(d.theory),
            state_management_id=cat["state_management"].get(d.state_management),
            foreign_language=rng.choice(data.FOREIGN_LANGUAGES) if rng.random() < 0.8 else "",
            it_skill=rng.choice(data.IT_SKILLS) if rng.random() < 0.85 else "",
            unit_id=unit_id,
            management_tier_id=tier_id,
            main_duty=main_duty,
            civil_service_rank_id=cat["civil_service_rank"][rank_code],
            salary_step=step,
            salary_coefficient=coefficient,
            salary_since=salary_since,
            health="Tốt" if rng.random() < 0.85 else "Khá",
            height_cm=height,
            weight_kg=int(height - 100 - rng.uniform(0, 12)),
            blood_type=self.blood.pick(rng),
            search_name=search_name,
            given_name=search_name.rsplit(" ", 1)[-1][:40],
        )
        write_sections(
            self,
            d,
            person_id,
            recruited_on=recruited_on,
            career=career,
            party_joined=party_joined,
            rank_code=rank_code,
            grade_start=grade_start,
            step=step,
            unit_name=unit_name,
        )
        return person_id

    def _rank(self, group: str, qualification: str) -> str:
        r = self.rng.random()
        if group == "top":
            return "01.001"
        if group == "lead":
            return "01.001" if r < 0.2 else "01.002"
        if qualification in ("CD", "TC"):
            return "01.004"
        if group == "mid":
            return "01.002" if r < 0.45 else "01.003"
        return "01.003"

    def _field(self, kind: str, qualification: str) -> str:
        rng = self.rng
        if qualification in ("THS", "TS") and kind != "health":
            return rng.choice(data.FIELDS_MASTER)
        return rng.choice(
            {
                "civil": data.FIELDS_CIVIL,
                "teacher": data.FIELDS_TEACHER,
                "health": data.FIELDS_HEALTH,
                "nurse": data.FIELDS_NURSE,
            }[kind]
        )

    # --- sections of the 2C form -----------------------------------------------------------
