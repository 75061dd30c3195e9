"""The province of the demo: Party committee and advisory bodies, People's Council and
Committee, departments (sở) with their offices, schools and hospitals, and the Front."""

from __future__ import annotations

from datetime import date, timedelta

from . import data
from .base import (
    ABBREVIATIONS,
    FORMER_END,
    NEW_DEPARTMENTS,
    REORGANISED,
    STREAMLINED,
    Past,
    Pool,
    Slot,
    add_years,
    rand_date,
)
from .refs import short_name


class ProvinceMixin:
    """Builds the provincial bodies; mixed into `generate.Generator`."""

    def build_province(self) -> None:
        refs, rng = self.refs, self.rng
        P, pdiv = refs.province_short, refs.province_div
        cw = "Thành ủy" if pdiv == "thành phố" else "Tỉnh ủy"
        self.cw = cw
        code = refs.province.code.lower()
        self.root = root = self.unit(code, refs.province.name, "province", area=refs.province.pk)
        self.btv_tu = (f"Ban Thường vụ {cw} {P}", "{n}-QĐ/TU")
        self.ubnd_t = (f"Ủy ban nhân dân {pdiv} {P}", "{n}/QĐ-UBND")
        self.hdnd_t = (f"Hội đồng nhân dân {pdiv} {P}", "{n}/NQ-HĐND")
        self.tthdnd_t = (f"Thường trực Hội đồng nhân dân {pdiv} {P}", "{n}/NQ-TTHĐND")
        self.mttq_t = (f"Ban Thường trực Ủy ban MTTQ Việt Nam {pdiv} {P}", "{n}/QĐ-MTTQ-BTT")
        bct = ("Bộ Chính trị", "{n}-QĐNS/TW")
        small = self.small

        # Former provinces merged into this one on 1 July 2025 (their districts hang below).
        self.former_province_units: dict[int, int] = {}
        for lp in refs.province_lps:
            lp_official, lp_name = refs.area[lp][1], refs.area[lp][2]
            if lp_official == refs.province.official_code:
                self.former_province_units[lp] = root  # the province that kept its code
            else:
                self.former_province_units[lp] = self.unit(
                    f"tinh-cu-{lp_official}", lp_name, "province", area=lp
                )
        merged_away = [u for u in self.former_province_units.values() if u != root]
        if merged_away:
            nq = self.decision(
                ("Quốc hội", ""),
                "organisation",
                REORGANISED,
                "Nghị quyết về việc sắp xếp đơn vị hành chính cấp tỉnh năm 2025",
                number="202/2025/QH15",
                issued=date(2025, 6, 12),
            )
            self.services.append(("merge", merged_away, root, REORGANISED, nq))
        self.districts: dict[int, dict] = {}

        party = self.unit(f"{code}-tu", f"Đảng bộ {pdiv} {P}", "party_committee", root)
        council = self.unit(
            f"{code}-hdnd", f"Hội đồng nhân dân {pdiv} {P}", "peoples_council", root
        )
        committee = self.unit(
            f"{code}-ubnd", f"Ủy ban nhân dân {pdiv} {P}", "peoples_committee", root
        )
        front = self.unit(
            f"{code}-mttq", f"Ủy ban Mặt trận Tổ quốc Việt Nam {pdiv} {P}", "front", root
        )
        party_organs = self.unit(
            f"{code}-dbcq-dang", f"Đảng bộ các cơ quan Đảng {pdiv} {P}", "party_committee", party
        )
        party_gov = self.unit(
            f"{code}-db-ubnd", f"Đảng bộ Ủy ban nhân dân {pdiv} {P}", "party_committee", party
        )
        bt = self.post(party, "bi-thu-tinh-uy")
        pbt = self.post(party, "pho-bi-thu-tinh-uy", 3)
        ct_hd = self.post(council, "chu-tich-hdnd-tinh")
        pct_hd = self.post(council, "pho-chu-tich-hdnd-tinh", 1 if small else 2)
        ct_ub = self.post(committee, "chu-tich-ubnd-tinh")
        pct_ub = self.post(committee, "pho-chu-tich-ubnd-tinh", 2 if small else 4)
        ct_mt = self.post(front, "chu-tich-ubmttq-tinh")
        self.slots.append(
            Slot(
                "top",
                bt,
                REORGANISED,
                "designation",
                bct,
                local=False,
                concurrent=[(ct_hd, "election", self.hdnd_t)],
                checks=((REORGANISED, 60),),
                duty="Phụ trách chung",
            )
        )
        self.slots.append(
            Slot("top", pbt, REORGANISED, "designation", bct, duty="Thường trực Tỉnh ủy")
        )
        self.slots.append(
            Slot(
                "top",
                ct_ub,
                REORGANISED,
                "election",
                self.hdnd_t,
                concurrent=[(pbt, "designation", bct)],
                duty="Phụ trách chung",
            )
        )
        deputy_slots = []
        for _i in range(1 if small else 2):
            deputy_slots.append(Slot("prov_lead", pct_hd, REORGANISED, "election", self.hdnd_t))
        for _i in range(2 if small else 4):
            deputy_slots.append(Slot("prov_lead", pct_ub, REORGANISED, "election", self.hdnd_t))
        self.slots.extend(deputy_slots)
        self.province_deputies = deputy_slots
        self.slots.append(
            Slot(
                "prov_lead",
                ct_mt,
                REORGANISED,
                "election",
                (f"Ủy ban Mặt trận Tổ quốc Việt Nam {pdiv} {P}", "{n}/NQ-MTTQ"),
            )
        )
        self.pool(front, "civil", 10, True, recruit=self.mttq_t)

        # Advisory bodies of the provincial Party committee.
        bodies = [
            ("vp", f"Văn phòng {cw}", "chanh-van-phong-tinh-uy", "pho-chanh-van-phong-tinh-uy", 2),
            ("btc", f"Ban Tổ chức {cw}", "truong-ban-tinh-uy", "pho-truong-ban-tinh-uy", 3),
            (
                "ubkt",
                f"Ủy ban Kiểm tra {cw}",
                "chu-nhiem-ubkt-tinh-uy",
                "pho-chu-nhiem-ubkt-tinh-uy",
                3,
            ),
            ("btg", f"Ban Tuyên giáo {cw}", "truong-ban-tinh-uy", "pho-truong-ban-tinh-uy", 3),
            ("bnc", f"Ban Nội chính {cw}", "truong-ban-tinh-uy", "pho-truong-ban-tinh-uy", 2),
        ]
        for key, name, head, deputy, n_dep in bodies:
            body = self.unit(f"{code}-{key}", name, "party_body", party)
            head_post = self.post(body, head)
            dep_post = self.post(body, deputy, 1 if small else n_dep)
            head_slot = self.appointed("prov_lead", head_post, self.btv_tu, prev=dep_post)
            head_slot.duty = "Phụ trách chung"
            deps = [
                self.appointed("prov_lead", dep_post, self.btv_tu)
                for _i in range(1 if small else n_dep)
            ]
            if key == "btg":  # Ban Dân vận merged into it and the board renamed, 1 March 2025
                former = self.unit(f"{code}-bdv", f"Ban Dân vận {cw}", "party_body", party)
                former_head = self.post(former, "truong-ban-tinh-uy")
                former_dep = self.post(former, "pho-truong-ban-tinh-uy", 2)
                mover = deps[0]
                mover.start, mover.kind = STREAMLINED, "transfer"
                mover.checks = ()
                mover.past = [
                    Past(
                        former_dep,
                        rand_date(rng, date(2019, 1, 1), date(2022, 6, 1)),
                        STREAMLINED - timedelta(days=1),
                        "appointment",
                        self.btv_tu,
                        "reorganisation",
                    )
                ]
                if len(deps) > 1:
                    deps[1].start, deps[1].kind, deps[1].checks = STREAMLINED, "transfer", ()
                    deps[1].past = [
                        Past(
                            former_head,
                            rand_date(rng, date(2020, 10, 1), date(2022, 12, 1)),
                            STREAMLINED - timedelta(days=1),
                            "appointment",
                            self.btv_tu,
                            "reorganisation",
                        )
                    ]
                qd = self.decision(
                    self.btv_tu,
                    "organisation",
                    STREAMLINED,
                    "Về việc hợp nhất Ban Tuyên giáo và Ban Dân vận",
                )
                self.services.append(
                    ("rename", body, f"Ban Tuyên giáo và Dân vận {cw}", STREAMLINED)
                )
                self.services.append(("merge", [former], body, STREAMLINED, qd))
                self.unit_name[body] = f"Ban Tuyên giáo và Dân vận {cw}"
            self.slots.append(head_slot)
            self.slots.extend(deps)
            cell = self.unit(
                f"{code}-{key}-cb", f"Chi bộ {self.unit_name[body]}", "party_cell", party_organs
            )
            self.cell(cell, [body], deps[0] if deps else head_slot, self.btv_tu)
            self.pool(body, "civil", 25, True, recruit=self.btv_tu)

        # Departments (sở) of the People's Committee.
        n_dep = max(3, min(len(data.DEPARTMENTS), self.n // 300))
        for key, name, offices, merged in data.DEPARTMENTS[:n_dep]:
            self.build_department(key, name, offices, merged, committee, party_gov)

    def appointed(self, role, post, issuer, *, prev=None, start=None, since=None) -> Slot:
        """A post filled by appointment in the current term; some are reappointments, and many
        were promoted from `prev` (the post below). In a unit created on `since` the first
        holders are appointed from that date, with no earlier term there."""
        rng = self.rng
        start = start or self.term_start()
        if since is not None and start < since:
            start = rand_date(rng, since, max(since, self.as_of - timedelta(days=40)))
        slot = Slot(role, post, start, "appointment", issuer, checks=((start, 60),))
        if since is not None:
            return slot
        r = rng.random()
        if r < 0.2:
            slot.kind, slot.checks = "reappointment", ((start, 24),)
            begin = add_years(start, -5)
            slot.past.append(
                Past(post, begin, start - timedelta(days=1), "appointment", issuer, "term_end")
            )
        elif prev is not None and r < 0.75:
            begin = start - timedelta(days=rng.randint(2 * 365, 7 * 365))
            slot.past.append(
                Past(prev, begin, start - timedelta(days=1), "appointment", issuer, "moved")
            )
        return slot

    def build_department(self, key, name, offices, merged, committee, party_gov) -> None:
        refs, rng, small = self.refs, self.rng, self.small
        code = refs.province.code.lower()
        new = key in NEW_DEPARTMENTS
        so = self.unit(
            f"{code}-so-{key}", name, "agency", committee, valid_from=STREAMLINED if new else None
        )
        issuer = (
            f"{name} {refs.province_div} {refs.province_short}",
            "{n}/QĐ-" + ABBREVIATIONS[key],
        )
        gd = self.post(so, "giam-doc-so")
        n_pgd = 2 if small else 3
        pgd = self.post(so, "pho-giam-doc-so", n_pgd)
        formers = []
        for i, former_name in enumerate(merged):
            former = self.unit(f"{code}-so-{key}-cu{i + 1}", former_name, "agency", committee)
            formers.append(
                (former, self.post(former, "giam-doc-so"), self.post(former, "pho-giam-doc-so", 3))
            )
        if formers:
            nq = self.decision(
                self.hdnd_t,
                "organisation",
                STREAMLINED,
                "Về việc sắp xếp các cơ quan chuyên môn thuộc UBND tỉnh",
            )
            self.services.append(("merge", [f[0] for f in formers], so, STREAMLINED, nq))
        head = self.appointed("prov_lead", gd, self.ubnd_t, prev=pgd)
        head.duty = "Phụ trách chung"
        if formers and (new or rng.random() < 0.5):
            head.start, head.kind, head.checks = STREAMLINED, "appointment", ((STREAMLINED, 24),)
            head.past = [
                Past(
                    formers[0][1],
                    rand_date(rng, date(2019, 6, 1), date(2023, 6, 1)),
                    STREAMLINED - timedelta(days=1),
                    "appointment",
                    self.ubnd_t,
                    "reorganisation",
                )
            ]
        self.slots.append(head)
        for i in range(n_pgd):
            dep = self.appointed("prov_lead", pgd, self.ubnd_t)
            if formers and (new or rng.random() < 0.4):
                former, f_gd, f_pgd = formers[i % len(formers)]
                dep.start, dep.kind, dep.checks = STREAMLINED, "transfer", ()
                was = f_gd if new and i == 0 and len(formers) > 1 else f_pgd
                dep.past = [
                    Past(
                        was,
                        rand_date(rng, date(2018, 6, 1), date(2023, 6, 1)),
                        STREAMLINED - timedelta(days=1),
                        "appointment",
                        self.ubnd_t,
                        "reorganisation",
                    )
                ]
            self.slots.append(dep)
        cell = self.unit(f"{code}-so-{key}-cb", f"Chi bộ {name}", "party_cell", party_gov)
        rooms = ["Văn phòng Sở", *offices][: 2 if small else 4]
        room_units = []
        for j, room in enumerate(rooms, start=1):
            ru = self.unit(
                f"{code}-so-{key}-p{j}",
                f"{room} – {name}",
                "department",
                so,
                valid_from=STREAMLINED if new else None,
            )
            room_units.append(ru)
            tp = self.post(ru, "truong-phong-so")
            ptp = self.post(ru, "pho-truong-phong-so", 1 if small else 2)
            since = STREAMLINED if new else None
            tps = self.appointed("prov_mid", tp, issuer, prev=ptp, since=since)
            tps.duty = "Phụ trách chung"
            self.slots.append(tps)
            for _i in range(1 if small else 2):
                self.slots.append(self.appointed("prov_mid", ptp, issuer, since=since))
            self.pool(
                ru, "civil", 6 if small else 12, True, recruit=issuer, reorg=issuer if new else None
            )
        self.cell(cell, [so, *room_units], head, self.btv_tu)
        if key == "gddt":
            names = self.school_names_thpt(min(60, self.n // 1500))
            for j, school_name in enumerate(names, start=1):
                school = self.unit(f"{code}-thpt-{j}", school_name, "school", so)
                ht = self.post(school, "hieu-truong-thpt")
                pht = self.post(school, "pho-hieu-truong-thpt", 2)
                s = self.appointed("school_lead", ht, issuer, prev=pht)
                s.duty = "Phụ trách chung"
                self.slots.append(s)
                self.slots.extend(self.appointed("school_lead", pht, issuer) for _i in range(2))
                self.pool(school, "teacher", 60, False, recruit=issuer)
        if key == "yt":
            for j, hospital_name in enumerate(self.hospital_names(min(8, self.n // 6000)), 1):
                hospital = self.unit(f"{code}-bv-{j}", hospital_name, "health", so)
                g = self.post(hospital, "giam-doc-benh-vien")
                pg = self.post(hospital, "pho-giam-doc-benh-vien", 2)
                self.slots.append(self.appointed("health_lead", g, self.ubnd_t, prev=pg))
                self.slots.extend(self.appointed("health_lead", pg, issuer) for _i in range(2))
                self.pool(hospital, "doctor", 80, False, recruit=issuer, title="bac-si")
                self.pool(hospital, "nurse", 150, False, recruit=issuer, title="dieu-duong")

    def school_names_thpt(self, count: int) -> list[str]:
        refs = self.refs
        names = [f"Trường THPT chuyên {refs.province_short}"]
        seen = set(names)
        candidates = sorted(
            {
                refs.area[refs.area[lw][5]][2]
                for lw in refs.local_pool
                if refs.area[lw][0].startswith("LW")
            }
        )
        candidates += [refs.area[a][2] for a in refs.communes]
        for area_name in candidates:
            name = f"Trường THPT {short_name(area_name)}"
            if name not in seen:
                seen.add(name)
                names.append(name)
        return names[:count]

    def hospital_names(self, count: int) -> list[str]:
        refs = self.refs
        names = [
            f"Bệnh viện Đa khoa {refs.province_div} {refs.province_short}",
            f"Bệnh viện Sản – Nhi {refs.province_div} {refs.province_short}",
        ]
        for lp in refs.province_lps:
            for lw in refs.lw_by_lp.get(lp, [])[::40]:
                district = short_name(refs.area[refs.area[lw][5]][2])
                name = f"Trung tâm Y tế khu vực {district}"
                if name not in names:
                    names.append(name)
        return names[:count]

    def pool(
        self,
        unit,
        role,
        weight,
        fixed,
        *,
        recruit,
        reorg=None,
        title="chuyen-vien",
        former_posts=None,
        transfer_posts=None,
        party=(),
        commune=None,
    ):
        if role == "teacher":
            title = "giao-vien"
        post = self.post(unit, title, 0)
        template = Slot(
            role,
            post,
            None,
            "recruitment",
            recruit,
            commune=commune,
            recruit_issuer=recruit,
            reorg_issuer=reorg,
            former_posts=former_posts or [],
            transfer_posts=transfer_posts if transfer_posts is not None else [],
            party_issuers=party,
        )
        self.pools.append(Pool(post, role, weight, fixed, template))
        return post

    def cell(self, cell_unit, members, secretary, issuer, before=None) -> None:
        """A party cell: the people of `members` belong to it; `secretary` holds its post,
        confirmed by `issuer` (by `before` when elected before July 2025)."""
        name = self.unit_name[cell_unit]
        for unit in members:
            self.cells[unit] = name
        post = self.post(cell_unit, "bi-thu-chi-bo")
        self.cell_issuers[post] = (issuer, before or issuer)
        secretary.concurrent.append((post, "election", None))

    def province_deputy_history(self) -> None:
        """Many provincial deputies led a former district until its end on 30 June 2025."""
        rng = self.rng
        districts = [self.districts[k] for k in sorted(self.districts)]
        rng.shuffle(districts)
        for slot in self.province_deputies:
            if not districts or rng.random() < 0.4:
                continue
            dist = districts.pop()
            if slot.post == self.posts_by_title("pho-chu-tich-ubnd-tinh"):
                past = Past(
                    dist["ct"],
                    rand_date(rng, date(2020, 10, 1), date(2021, 7, 1)),
                    FORMER_END,
                    "election",
                    dist["ubnd_tinh"],
                    "reorganisation",
                )
            else:
                past = Past(
                    dist["bt"],
                    rand_date(rng, date(2020, 7, 1), date(2020, 9, 30)),
                    FORMER_END,
                    "election",
                    dist["btv_tinh"],
                    "reorganisation",
                )
            slot.past.append(past)

    def posts_by_title(self, title: str) -> int | None:
        return next((p for p, (_u, t) in self.posts.items() if t == title), None)
