"""The sections of the 2C form for a demo profile: training, work history, family, awards and
salary history. Rich runs (a few thousand people) fill them all; big runs keep about three rows
per person."""

from __future__ import annotations

from datetime import date, timedelta

from . import data
from .base import add_years, rand_date

MALE, FEMALE = "male", "female"

THEORY_INSTITUTE = {
    "SC": "Trung tâm Chính trị {district}",
    "TC": "Trường Chính trị tỉnh {province}",
    "CC": "Học viện Chính trị khu vực I",
    "CN": "Học viện Chính trị quốc gia Hồ Chí Minh",
}
THEORY_DIPLOMA = {
    "SC": "Chứng chỉ sơ cấp lý luận chính trị",
    "TC": "Bằng trung cấp lý luận chính trị – hành chính",
    "CC": "Bằng cao cấp lý luận chính trị",
    "CN": "Bằng cử nhân chính trị",
}
DEGREE = {
    "TS": "Bằng tiến sĩ",
    "THS": "Bằng thạc sĩ",
    "DH": "Bằng cử nhân",
    "CD": "Bằng cao đẳng",
    "TC": "Bằng trung cấp",
}


def write_sections(
    f,
    d,
    person_id: int,
    *,
    recruited_on,
    career,
    party_joined,
    rank_code,
    grade_start,
    step,
    unit_name,
):
    rng, t, as_of, rich = f.rng, f.t, f.as_of, f.rich
    profile = d.extra["profile"]
    latest_birthday: date = d.extra["latest_birthday"]
    cat = f.cat
    # Training: the professional degree (always), political theory, state management.
    institutions = {
        "civil": data.INSTITUTIONS_CIVIL,
        "teacher": data.INSTITUTIONS_TEACHER,
        "health": data.INSTITUTIONS_HEALTH,
        "nurse": data.INSTITUTIONS_HEALTH,
    }[profile.fields]
    institution = rng.choice(institutions)
    study_end = min(recruited_on - timedelta(days=30), add_years(latest_birthday, 22))
    study_end = max(study_end, add_years(latest_birthday, 19))
    years = {"CD": 3, "TC": 2}.get(d.qualification, 4)
    first_degree = "CD" if d.qualification in ("CD", "TC") else "DH"
    first_level = d.qualification if first_degree == "CD" else "DH"
    t.training.add(
        person_id=person_id,
        kind="professional",
        qualification_level_id=cat["qualification"][first_level],
        field=d.extra["field"]
        if first_level == d.qualification
        else f._field(profile.fields, first_level),
        institution=institution,
        mode="full_time",
        start_date=add_years(study_end, -years).replace(day=1),
        end_date=study_end,
        diploma=DEGREE[first_level],
    )
    if d.qualification in ("THS", "TS") and rich:
        start = rand_date(rng, recruited_on, max(recruited_on, as_of - timedelta(days=800)))
        t.training.add(
            person_id=person_id,
            kind="professional",
            qualification_level_id=cat["qualification"][d.qualification],
            field=d.extra["field"],
            institution=rng.choice(institutions),
            mode="in_service",
            start_date=start,
            end_date=min(as_of, start + timedelta(days=730)),
            diploma=DEGREE[d.qualification],
        )
    if d.theory and (rich or rng.random() < 0.45):
        start = rand_date(rng, max(recruited_on, party_joined or recruited_on), as_of)
        end = min(as_of, start + timedelta(days=rng.choice([90, 365, 540])))
        t.training.add(
            person_id=person_id,
            kind="political_theory",
            field="Lý luận chính trị",
            institution=THEORY_INSTITUTE[d.theory].format(
                district=f.refs.district_name_of(d.hometown),
                province=f.refs.province_short,
            ),
            mode="in_service",
            start_date=start,
            end_date=end,
            diploma=THEORY_DIPLOMA[d.theory],
        )
    if d.state_management and rich:
        start = rand_date(rng, recruited_on, as_of)
        t.training.add(
            person_id=person_id,
            kind="state_management",
            field="Quản lý nhà nước",
            institution=f"Trường Chính trị tỉnh {f.refs.province_short}",
            mode="short_course",
            start_date=start,
            end_date=min(as_of, start + timedelta(days=60)),
            diploma="Chứng chỉ bồi dưỡng kiến thức quản lý nhà nước ngạch "
            + {"CV": "chuyên viên", "CVC": "chuyên viên chính", "CVCC": "chuyên viên cao cấp"}[
                d.state_management
            ],
        )
    # Work history as the person declared it (months), from the posts held.
    if rich:
        t.work.add(
            person_id=person_id,
            start_date=add_years(study_end, -years).replace(day=1),
            end_date=study_end.replace(day=1),
            description=f"Sinh viên {institution}",
        )
        for start, end, text in career:
            t.work.add(
                person_id=person_id,
                start_date=start.replace(day=1),
                end_date=end.replace(day=1) if end else None,
                description=text,
            )
    elif career and rng.random() < 0.7:
        start, end, text = career[0]
        t.work.add(
            person_id=person_id,
            start_date=start.replace(day=1),
            end_date=end.replace(day=1) if end else None,
            description=text,
        )
    # Family: parents, spouse, children (rich); light runs keep the spouse of half of them.
    age = as_of.year - d.birth.year
    married = age >= 26 and rng.random() < 0.88
    spouse_gender = FEMALE if d.gender == MALE else MALE
    if rich:
        father_year = d.birth.year - rng.randint(24, 34)
        t.family.add(
            person_id=person_id,
            relation="Bố đẻ",
            full_name=f.name(MALE, d.ethnicity, d.family),
            birth_year=father_year,
            details="Đã mất" if father_year < 1945 or rng.random() < 0.2 else "Nông dân, nghỉ hưu",
        )
        t.family.add(
            person_id=person_id,
            relation="Mẹ đẻ",
            full_name=f.name(FEMALE, d.ethnicity),
            birth_year=d.birth.year - rng.randint(20, 32),
            details="Nông dân" if rng.random() < 0.7 else "Giáo viên, đã nghỉ hưu",
        )
    if married and (rich or rng.random() < 0.5):
        spouse_year = d.birth.year + rng.randint(-3, 6 if d.gender == MALE else 2)
        spouse = f.name(spouse_gender, d.ethnicity if rng.random() < 0.7 else "01")
        t.family.add(
            person_id=person_id,
            relation="Vợ" if d.gender == MALE else "Chồng",
            full_name=spouse,
            birth_year=spouse_year,
            details=rng.choice(
                [
                    "Giáo viên",
                    "Công chức",
                    "Viên chức y tế",
                    "Kinh doanh tự do",
                    "Công nhân",
                    "Nông dân",
                ]
            ),
        )
        if rich:
            children_family = d.family if d.gender == MALE else spouse.split()[0]
            for _ in range(rng.choice([1, 2, 2, 2, 3])):
                child_year = max(
                    d.birth.year + 22, min(as_of.year, d.birth.year + rng.randint(23, 36))
                )
                child_gender = rng.choice([MALE, FEMALE])
                t.family.add(
                    person_id=person_id,
                    relation="Con",
                    full_name=f.name(child_gender, d.ethnicity, children_family),
                    birth_year=child_year,
                    details="Học sinh" if as_of.year - child_year < 18 else "Sinh viên, đi làm",
                )
    # Awards and salary history.
    first_year, last_year = recruited_on.year + 1, as_of.year - 1
    if first_year <= last_year:
        for _ in range(rng.choice([0, 1, 1, 2, 3]) if rich else int(rng.random() < 0.25)):
            form, issuer, reason = rng.choice(data.AWARDS)
            t.award.add(
                person_id=person_id,
                year=rng.randint(first_year, last_year),
                form=form,
                issuer=issuer,
                reason=reason,
            )
    base, step_inc, _steps, years_per_step = data.SCALES[rank_code]
    previous = min(step - 1, 3) if rich else int(step > 1 and rng.random() < 0.2)
    for back in range(previous, 0, -1):
        s = step - back
        t.salary.add(
            person_id=person_id,
            start_date=add_years(grade_start, (s - 1) * years_per_step),
            rank_code=rank_code,
            step=s,
            coefficient=base + step_inc * (s - 1),
        )
