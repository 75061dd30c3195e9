"""Generate a realistic province: units, titles, posts, people, assignments and decisions.

`generate(people=600, seed=2025)` builds one current province (default Phú Thọ, "P25", which
since 1 July 2025 includes the former Hòa Bình of seed 004 and Vĩnh Phúc):

* the province with its Party committee and advisory bodies (Văn phòng, Ban Tổ chức, Ủy ban
  Kiểm tra …), the People's Council and Committee with departments (sở) and their offices,
  upper-secondary schools and hospitals, the Front;
* real current communes and wards of the province (`Area` level 3), each with its Party
  committee, People's Council and Committee with offices, Front, schools, health station and
  party cells; the former communes, districts and provinces they were merged from on
  1 July 2025, with the posts their cadres held until then;
* titles with their standards and management tiers, posts, people with their 2C profiles and
  their current and past assignments, each backed by a decision with a realistic number.

The generator is deterministic: one `random.Random(seed)` draws everything in a fixed order, so
the same seed, size, province and reference date give the same rows with the same ids. The
reference date (`as_of`, default today) anchors ages and careers, so that nobody is past
retirement on the day the demo runs.

It is fast (100,000 people in well under a minute on SQLite and PostgreSQL): rows are built as
tuples and written in bulk (see `writer`); only the few merges and renames of provincial bodies
go through `canbo.units.services`.
"""

from __future__ import annotations

import random
import time
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from canbo.catalogs import data as catalog_data
from canbo.discipline.models import Sanction
from canbo.people.models import Award, FamilyMember, Person, SalaryHistory, Training, WorkHistory
from canbo.posts.models import Assignment, Decision, Post, Title
from canbo.units.models import PATH_STEP, Unit, UnitName, UnitSuccession, path_segment
from canbo.units.services import unit_merge, unit_rename

from . import data
from .base import REORGANISED, RICH_LIMIT, STREAMLINED, Pool, Slot, rand_date
from .careers import CareerMixin
from .communes import CommuneMixin
from .people import PersonFactory
from .province import ProvinceMixin
from .refs import Refs, catalog_ids
from .writer import Table, analyze, reset_sequences, vacuum


class Generator(ProvinceMixin, CommuneMixin, CareerMixin):
    """Builds one province; see the module docstring."""

    def __init__(self, *, people: int, seed: int, province_code: str, as_of: date, stdout):
        if people < 50:
            raise ValueError(
                _("Cần ít nhất 50 cán bộ để dựng một tỉnh (đang là %(n)d).") % {"n": people}
            )
        if as_of < REORGANISED:
            raise ValueError(
                _("Ngày tham chiếu phải từ 01/07/2025 (chính quyền địa phương hai cấp).")
            )
        self.n = people
        self.seed = seed
        self.rng = random.Random(seed)
        self.as_of = as_of
        self.stdout = stdout
        self.t0 = time.monotonic()
        self.refs = Refs(province_code)
        self.cat = catalog_ids()
        self.small = people < 1000
        self.rich = people <= RICH_LIMIT
        self.t = _Tables()
        taken = set(Person.objects.exclude(citizen_id=None).values_list("citizen_id", flat=True))
        self.factory = PersonFactory(
            rng=self.rng,
            as_of=as_of,
            refs=self.refs,
            catalogs=self.cat,
            tables=self.t,
            rich=self.rich,
            taken_ids=taken,
        )
        self.unit_path: dict[int, str] = {}
        self.unit_name: dict[int, str] = {}
        self.unit_valid_from: dict[int, date | None] = {}
        self.posts: dict[int, tuple[int, str]] = {}  # post → (unit, title code)
        self.titles: dict[str, tuple[int, int | None, str]] = {}  # code → (id, tier, name)
        self.decisions: list[tuple[int, str, str, date]] = []  # to number at the end
        self.shared: dict[tuple, tuple[int, date]] = {}
        self.slots: list[Slot] = []
        self.pools: list[Pool] = []
        self.cells: dict[int, str] = {}  # unit → name of its party cell
        self.cell_issuers: dict[int, tuple] = {}  # secretary post → (issuer now, before 7/2025)
        self.sanction_pool: list[tuple[int, Slot]] = []
        self.services: list[tuple] = []  # ("merge" | "rename", *arguments), after the write

    def say(self, message: str) -> None:
        if self.stdout is not None:
            self.stdout.write(f"[{time.monotonic() - self.t0:5.1f}s] {message}\n")

    def unit(self, code, name, kind, parent=None, area=None, valid_from=None, valid_to=None):
        uid = self.t.unit.reserve()
        path = (self.unit_path[parent] if parent else "") + path_segment(uid)
        self.t.unit.add(
            id=uid,
            code=code,
            name=name,
            kind=kind,
            parent_id=parent,
            path=path,
            depth=len(path) // PATH_STEP - 1,
            area_id=area,
            valid_from=valid_from,
            valid_to=valid_to,
            sort_order=len(self.unit_path),
        )
        self.unit_path[uid] = path
        self.unit_name[uid] = name
        self.unit_valid_from[uid] = valid_from
        return uid

    def post(self, unit: int, title: str, seats: int = 1) -> int:
        pid = self.t.post.add(unit_id=unit, title_id=self.titles[title][0], seats=seats)
        self.posts[pid] = (unit, title)
        return pid

    def post_text(self, post: int) -> str:
        unit, title = self.posts[post]
        return f"{self.titles[title][2]}, {self.unit_name[unit]}"

    def decision(self, issuer, kind, on, summary, *, number=None, issued=None) -> int:
        """A decision taking effect `on`, signed a few days before; numbered at the end unless
        `number` is given."""
        rng = self.rng
        if issued is None:
            issued = on - timedelta(days=rng.randint(0, 12))
            for boundary in (REORGANISED, STREAMLINED):  # new bodies sign from their first day
                if issued < boundary <= on:
                    issued = boundary
        did = self.t.decision.add(
            number=number or "",
            issued_on=issued,
            effective_on=on,
            issuer=issuer[0],
            signer=self.factory.name("male" if rng.random() < 0.8 else "female"),
            kind=kind,
            summary=summary,
        )
        if number is None:
            self.decisions.append((did, issuer[0], issuer[1], issued))
        return did

    def shared_decision(self, issuer, kind, year, summary, *, on=None, earliest=None, key=None):
        """One decision for many people (a recruitment list, a placement after a merger), dated
        once per issuer, kind, year and key. Returns (decision id, date)."""
        full_key = (issuer, kind, year, key)
        found = self.shared.get(full_key)
        if found is None:
            if on is None:
                latest = min(date(year, 12, 20), self.as_of - timedelta(days=15))
                start = max(earliest or date(year, 2, 1), latest - timedelta(days=300))
                on = rand_date(self.rng, min(start, latest), latest)
            found = self.shared[full_key] = (self.decision(issuer, kind, on, summary), on)
        return found

    def term_start(self) -> date:
        """A start date inside the current 5-year term of an appointed post."""
        return rand_date(
            self.rng, self.as_of - timedelta(days=5 * 365 - 120), self.as_of - timedelta(days=40)
        )

    def build_titles(self) -> None:
        levels = {code: name for code, name, _rank in catalog_data.QUALIFICATION_LEVELS}
        theory = {"TC": "trung cấp", "CC": "cao cấp", "SC": "sơ cấp", "CN": "cử nhân"}
        sm = {"CV": "chuyên viên", "CVC": "chuyên viên chính", "CVCC": "chuyên viên cao cấp"}
        for code, name, group, key, lead, tier, mq, mpt, msm, rank in data.TITLES:
            parts = []
            if mq:
                parts.append(f"chuyên môn từ {levels[mq].lower()}")
            if mpt:
                parts.append(f"lý luận chính trị từ {theory[mpt]}")
            if msm:
                parts.append(f"quản lý nhà nước ngạch {sm[msm]}")
            tier_id = self.cat["tier"].get(tier)
            tid = self.t.title.add(
                code=code,
                name=name,
                group=group,
                is_key=key,
                is_leadership=lead,
                management_tier_id=tier_id,
                min_qualification_id=self.cat["qualification"].get(mq),
                min_political_theory_id=self.cat["theory"].get(mpt),
                min_state_management_id=self.cat["state_management"].get(msm),
                rank=rank,
                description=f"Tiêu chuẩn tối thiểu: {'; '.join(parts)}." if parts else "",
            )
            self.titles[code] = (tid, tier_id, name)

    def allocate_staff(self) -> None:
        leaders = len(self.slots)
        staff = self.n - leaders
        if staff < len(self.pools) // 4:
            raise ValueError(
                _("Quá ít cán bộ (%(n)d) cho bộ máy %(l)d chức danh lãnh đạo.")
                % {"n": self.n, "l": leaders}
            )
        fixed = [p for p in self.pools if p.fixed]
        elastic = [p for p in self.pools if not p.fixed]
        fixed_total = sum(p.weight for p in fixed)
        if not elastic:
            counts = _largest_remainder([p.weight for p in fixed], staff)
            elastic_counts = []
        else:
            budget = min(fixed_total, 0.8 * staff)
            counts = _largest_remainder([p.weight for p in fixed], round(budget))
            elastic_counts = _largest_remainder([p.weight for p in elastic], staff - sum(counts))
        for pool, count in [
            *zip(fixed, counts, strict=True),
            *zip(elastic, elastic_counts, strict=True),
        ]:
            self.t.post.set(pool.post, seats=max(1, count))
            pool.count = count

    def number_decisions(self) -> None:
        """Number decisions per issuer and year in date order ("208-QĐ/TU", "1234/QĐ-UBND")."""
        rng = self.rng
        groups: dict[tuple, list[tuple[date, int]]] = {}
        formats = {}
        for did, issuer, fmt, issued in self.decisions:
            groups.setdefault((issuer, fmt, issued.year), []).append((issued, did))
            formats[(issuer, fmt, issued.year)] = fmt
        for key in groups:
            fmt = formats[key]
            gap = 12 if "UBND" in fmt and "tỉnh" in key[0] else (6 if "/TU" in fmt else 3)
            number = rng.randint(1, 40)
            for _issued, did in sorted(groups[key]):
                self.t.decision.set(did, number=fmt.format(n=number))
                number += rng.randint(1, gap)

    def run(self) -> dict[str, int]:
        self.posts_area: dict[int, int] = {}
        self.former_units: dict[int, dict] = {}
        self.build_titles()
        self.build_province()
        self.build_communes()
        self.province_deputy_history()
        self.allocate_staff()
        self.say(
            _("Bộ máy: %(u)d đơn vị, %(p)d vị trí, %(c)d xã, phường.")
            % {"u": len(self.t.unit), "p": len(self.t.post), "c": len(self.commune_areas)}
        )
        self.build_people()
        self.build_sanctions()
        self.number_decisions()
        self.check_codes()
        self.say(_("Đang ghi vào cơ sở dữ liệu…"))
        counts = self.t.write()
        self.run_services()
        self.say(_("Xong."))
        counts["communes"] = len(self.commune_areas)
        counts["unit_names"] = UnitName.objects.count()
        return counts

    def check_codes(self) -> None:
        """Refuse before writing anything if a unit code is taken (units added by hand)."""
        codes = [row[self.t.unit.index["code"]] for row in self.t.unit.rows]
        taken = []
        for i in range(0, len(codes), 5000):
            taken += Unit.objects.filter(code__in=codes[i : i + 5000]).values_list(
                "code", flat=True
            )
        if taken:
            raise ValueError(
                _("Mã đơn vị đã có trong cơ sở dữ liệu: %(codes)s. Hãy xóa dữ liệu cũ trước.")
                % {"codes": ", ".join(sorted(taken)[:5])}
            )

    def run_services(self) -> None:
        for action, *args in self.services:
            if action == "rename":
                unit, new_name, on = args
                unit_rename(unit=Unit.objects.get(pk=unit), new_name=new_name, on=on)
            else:
                units, into, on, decision = args
                unit_merge(
                    units=list(Unit.objects.filter(pk__in=units).order_by("pk")),
                    into=Unit.objects.get(pk=into),
                    on=on,
                    decision=Decision.objects.get(pk=decision),
                )


def _largest_remainder(weights: list[float], total: int) -> list[int]:
    if not weights or total <= 0:
        return [0] * len(weights)
    whole = sum(weights)
    shares = [w * total / whole for w in weights]
    counts = [int(s) for s in shares]
    rest = total - sum(counts)
    order = sorted(range(len(weights)), key=lambda i: (-(shares[i] - counts[i]), i))
    for i in order[:rest]:
        counts[i] += 1
    return counts


class _Tables:
    """The rows of one run, written in foreign-key order."""

    def __init__(self):
        self.title = Table(Title)
        self.unit = Table(Unit)
        self.post = Table(Post)
        self.decision = Table(Decision)
        self.person = Table(Person)
        self.assignment = Table(Assignment)
        self.training = Table(Training)
        self.work = Table(WorkHistory)
        self.family = Table(FamilyMember)
        self.award = Table(Award)
        self.salary = Table(SalaryHistory)
        self.sanction = Table(Sanction)
        self.succession = Table(UnitSuccession)

    def write(self) -> dict[str, int]:
        order = [
            ("titles", self.title),
            ("units", self.unit),
            ("posts", self.post),
            ("decisions", self.decision),
            ("people", self.person),
            ("assignments", self.assignment),
            ("trainings", self.training),
            ("work_history", self.work),
            ("family_members", self.family),
            ("awards", self.award),
            ("salary_history", self.salary),
            ("sanctions", self.sanction),
            ("unit_successions", self.succession),
        ]
        counts = {name: table.write() for name, table in order}
        self.models = [table.model for _n, table in order]
        reset_sequences(self.models)
        analyze(self.models)
        return counts


def generate(
    *,
    people: int,
    seed: int,
    province_code: str = "P25",
    stdout=None,
    as_of: date | None = None,
) -> dict[str, int]:
    """Build a demo province with `people` profiles into the default database and return the
    number of rows created per kind. Deterministic for a given seed, size, province and
    reference date (`as_of`, default today). Raises ValueError on a bad province code or size,
    or when the province's units exist already (flush first)."""
    as_of = as_of or timezone.localdate()
    generator = Generator(
        people=people, seed=seed, province_code=province_code, as_of=as_of, stdout=stdout
    )
    root_code = generator.refs.province.code.lower()
    if Unit.objects.filter(code=root_code).exists():
        raise ValueError(
            _("Đơn vị “%(code)s” đã có: cơ sở dữ liệu đã có dữ liệu mẫu, hãy xóa trước.")
            % {"code": root_code}
        )
    with transaction.atomic():
        counts = generator.run()
    vacuum(generator.t.models)
    return counts
