"""People of the demo and their careers: hometowns, past and current assignments with their
decisions, concurrent posts, sanctions."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils.translation import gettext as _

from . import data
from .base import REORGANISED, VERBS, Slot, add_years, rand_date


class CareerMixin:
    """Draws the people and their careers; mixed into `generate.Generator`."""

    def build_people(self) -> None:
        rng = self.rng
        for slot in self.slots:
            self.make_person(slot)
        self.say(_("Đã tạo %(n)d cán bộ lãnh đạo, quản lý.") % {"n": len(self.slots)})
        done = 0
        for pool in self.pools:
            for _i in range(pool.count):
                s = pool.template
                slot = Slot(
                    s.role,
                    s.post,
                    None,
                    "recruitment",
                    s.issuer,
                    commune=s.commune,
                    recruit_issuer=s.recruit_issuer,
                    former_posts=s.former_posts,
                    reorg_issuer=s.reorg_issuer,
                    transfer_posts=s.transfer_posts,
                    party_issuers=s.party_issuers,
                )
                if s.commune is not None:
                    slot.local = rng.random() < (0.8 if s.role == "civil" else 0.65)
                self.make_person(slot)
                done += 1
                if done % 20000 == 0:
                    self.say(_("… %(n)d nhân viên, công chức, viên chức") % {"n": done})

    def hometown_for(self, slot: Slot) -> int:
        refs, rng = self.refs, self.rng
        if slot.hometown is not None:
            return slot.hometown
        if slot.commune is not None:
            if slot.local:
                return refs.local_hometown(slot.commune, rng)
            return refs.nonlocal_hometown(slot.commune, rng, 0.15)
        if slot.local is False:  # the provincial secretary comes from elsewhere (RULES §5.18)
            return refs.nonlocal_hometown(None, rng, 1.0)
        return refs.nonlocal_hometown(None, rng, 0.12)

    def make_person(self, slot: Slot) -> None:
        rng, as_of = self.rng, self.as_of
        hometown = self.hometown_for(slot)
        starts = [p.start for p in slot.past] + ([slot.start] if slot.start else [])
        d = self.factory.draw(
            role=slot.role,
            hometown=hometown,
            first_start=min(starts) if starts else None,
            checks=slot.checks,
        )
        unit, title = self.posts[slot.post]
        if slot.start is not None:
            career, recruited, recruited_by, joined, party_before = self.leader_career(slot, d)
        else:
            career, recruited, recruited_by, joined = self.staff_career(slot, d)
            party_before = None
        name = self.unit_name[unit]
        party_unit = self.cells.get(unit) or (
            name if name.startswith("Đảng bộ") else f"Chi bộ {name}"
        )
        home = slot.commune if slot.commune else rng.choice(self.refs.towns)
        pid = self.factory.write(
            d,
            unit_id=unit,
            unit_name=name,
            party_unit=party_unit,
            tier_id=self.titles[title][1],
            recruited_on=recruited,
            recruited_by=recruited_by,
            joined_unit_on=joined,
            party_before=party_before,
            career=career,
            main_duty=slot.duty or self.duty_for(slot.role, title),
            residence=f"{self.refs.name(home)}, {self.refs.province_div} "
            f"{self.refs.province_short}",
        )
        if slot.start is None and rng.random() < 0.012 and recruited < as_of:
            self.sanction_pool.append((pid, slot, d.party, recruited))

    def assign(self, person, post, kind, start, end, decision, *, concurrent=False, reason=""):
        self.t.assignment.add(
            person_id=person,
            post_id=post,
            kind=kind,
            is_concurrent=concurrent,
            start_date=start,
            end_date=end,
            end_reason=reason,
            decision_id=decision,
        )

    def individual_decision(self, issuer, kind, start, post, name) -> int:
        verb = VERBS.get(kind, kind)
        summary = f"Về việc {verb} đồng chí {name} giữ chức {self.post_text(post)}"
        return self.decision(issuer, kind, start, summary)

    def leader_career(self, slot: Slot, d):
        """Past posts, the current post and concurrent posts of a leader, each with its own
        decision. Returns (career lines, recruited on, recruited by, joined unit on, the date by
        which the person must be a party member)."""
        rng, as_of = self.rng, self.as_of
        career = []
        party_before = None
        earliest = min([p.start for p in slot.past] + [slot.start])
        recruited = rand_date(
            rng, d.earliest_start, max(d.earliest_start, earliest - timedelta(days=365))
        )
        recruited = min(recruited, earliest)
        past = sorted(slot.past, key=lambda p: p.start)
        recruited_by = next(
            (i[0] for i in [p.issuer for p in past] + [slot.issuer] if i[0].startswith("Ủy ban")),
            self.ubnd_t[0],
        )
        if recruited < earliest:  # the years before the first post recorded here
            career.append((recruited, earliest - timedelta(days=1), f"Chuyên viên, {recruited_by}"))
        for p in past:
            decision = self.individual_decision(p.issuer, p.kind, p.start, p.post, d.full_name)
            self.assign(d.id, p.post, p.kind, p.start, p.end, decision, reason=p.end_reason)
            career.append((p.start, p.end, self.post_text(p.post)))
            if self.is_party_post(p.post):
                party_before = min(party_before or p.start, p.start)
        decision = self.individual_decision(
            slot.issuer, slot.kind, slot.start, slot.post, d.full_name
        )
        self.assign(d.id, slot.post, slot.kind, slot.start, None, decision)
        career.append((slot.start, None, self.post_text(slot.post)))
        if self.is_party_post(slot.post) or slot.role in ("top", "commune_key"):
            party_before = min(party_before or slot.start, slot.start)
        for post, kind, issuer in slot.concurrent:
            start = slot.start
            if issuer is None:  # a party cell secretary, elected at the cell's congress
                start = min(
                    as_of - timedelta(days=10), slot.start + timedelta(days=rng.randint(10, 90))
                )
                now, before = self.cell_issuers[post]
                issuer = now if start >= REORGANISED else before
                party_before = min(party_before or start, start)
            decision = self.individual_decision(issuer, kind, start, post, d.full_name)
            self.assign(d.id, post, kind, start, None, decision, concurrent=True)
        return career, recruited, recruited_by, slot.start, party_before

    def staff_career(self, slot: Slot, d):
        """Recruitment (one decision per issuer and year), a transfer for some teachers, and
        the placement in a unit created by the 2025 reorganisation. Returns (career lines,
        recruited on, recruited by, joined unit on)."""
        rng, as_of = self.rng, self.as_of
        person = d.id
        unit = self.posts[slot.post][0]
        valid_from = self.unit_valid_from.get(unit)
        year = d.earliest_start.year + 1 + min(rng.randint(0, 6), rng.randint(0, 6))
        year = min(year, as_of.year if as_of >= date(as_of.year, 3, 1) else as_of.year - 1)
        issuer, earliest, first_post = slot.recruit_issuer, None, slot.post
        if slot.former_posts:  # recruited by a former commune (its district decided)
            year = min(year, REORGANISED.year - 1)
            first_post, issuer = rng.choice(slot.former_posts)
        elif year >= REORGANISED.year and slot.commune is not None:
            if as_of - timedelta(days=45) >= REORGANISED:
                issuer, earliest = slot.reorg_issuer or issuer, REORGANISED
            else:
                year = REORGANISED.year - 1

        decision, recruited = self.shared_decision(
            issuer,
            "recruitment",
            year,
            f"Về việc tuyển dụng công chức, viên chức năm {year}",
            earliest=earliest,
        )
        career = []
        moved_on, kind, reason, move_decision = None, "", "", None
        if valid_from is not None and recruited < valid_from:
            moved_on, kind, reason = valid_from, "designation", "reorganisation"
            move_decision, _on = self.shared_decision(
                slot.reorg_issuer or issuer,
                kind,
                valid_from.year,
                "Về việc bố trí công chức, viên chức sau sắp xếp tổ chức bộ máy",
                on=valid_from,
                key=unit,
            )
        elif (
            len(slot.transfer_posts) > 1
            and rng.random() < 0.1
            and recruited + timedelta(days=760) < as_of - timedelta(days=30)
        ):
            first_post = rng.choice([p for p in slot.transfer_posts if p != slot.post])
            moved_on = rand_date(rng, recruited + timedelta(days=730), as_of - timedelta(days=30))
            kind, reason = "transfer", "moved"
            mover = slot.reorg_issuer if moved_on >= REORGANISED else slot.recruit_issuer
            move_decision = self.individual_decision(mover, kind, moved_on, slot.post, d.full_name)
        if moved_on is None:
            self.assign(person, slot.post, "recruitment", recruited, None, decision)
            career.append((recruited, None, self.post_text(slot.post)))
            return career, recruited, issuer[0], recruited
        if first_post != slot.post:
            end = moved_on - timedelta(days=1)
            self.assign(person, first_post, "recruitment", recruited, end, decision, reason=reason)
            career.append((recruited, end, self.post_text(first_post)))
        self.assign(person, slot.post, kind, moved_on, None, move_decision)
        career.append((moved_on, None, self.post_text(slot.post)))
        return career, recruited, issuer[0], moved_on

    def is_party_post(self, post: int) -> bool:
        return self.posts[post][1].startswith(
            (
                "bi-thu",
                "pho-bi-thu",
                "chu-nhiem-ubkt",
                "truong-ban",
                "pho-truong-ban",
                "chanh-van",
                "pho-chanh-van",
                "pho-chu-nhiem",
            )
        )

    def duty_for(self, role: str, title: str) -> str:
        rng = self.rng
        if role == "teacher":
            return rng.choice(["Giảng dạy, chủ nhiệm lớp", "Giảng dạy", "Giảng dạy, tổ trưởng"])
        if role == "doctor":
            return "Khám bệnh, chữa bệnh"
        if role == "nurse":
            return "Chăm sóc người bệnh"
        if role == "civil":
            return "Tham mưu " + rng.choice(
                [
                    "công tác tổ chức, cán bộ",
                    "công tác văn phòng, tổng hợp",
                    "quản lý tài chính",
                    "quản lý đất đai",
                    "công tác văn hóa, xã hội",
                    "chuyển đổi số",
                    "công tác kiểm tra, giám sát",
                    "công tác tuyên giáo, dân vận",
                ]
            )
        return "Phụ trách lĩnh vực " + rng.choice(
            ["kinh tế", "văn hóa – xã hội", "nội chính", "xây dựng Đảng", "tổ chức, cán bộ"]
        )

    def build_sanctions(self) -> None:
        rng, as_of = self.rng, self.as_of
        for pid, slot, party, recruited in self.sanction_pool:
            lo = max(recruited + timedelta(days=365), as_of - timedelta(days=5 * 365))
            if lo > as_of - timedelta(days=30):
                continue
            decided = rand_date(rng, lo, as_of - timedelta(days=30))
            party_side = party and rng.random() < 0.6
            if party_side:
                system = "party"
                if slot.party_issuers:
                    now, _state, before = slot.party_issuers
                    issuer = now if decided >= REORGANISED else before
                else:
                    issuer = (
                        f"Ủy ban Kiểm tra {self.cw} {self.refs.province_short}",
                        "{n}-QĐ/UBKT",
                    )
            else:
                system = "state"
                issuer = (
                    slot.party_issuers[1]
                    if slot.party_issuers and decided >= REORGANISED
                    else slot.recruit_issuer
                )
            form = "reprimand" if rng.random() < 0.68 else "warning"
            reason = rng.choice(data.SANCTION_REASONS)
            label = {"reprimand": "khiển trách", "warning": "cảnh cáo"}[form]
            did = self.decision(
                issuer, "discipline", decided, f"Về việc thi hành kỷ luật bằng hình thức {label}"
            )
            self.t.sanction.add(
                person_id=pid,
                system=system,
                form=form,
                decided_on=decided,
                ends_on=add_years(decided, 1),
                issuer=issuer[0],
                reason=reason,
                decision_id=did,
            )
