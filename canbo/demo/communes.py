"""Communes and wards of the demo (real current areas of the province), the former communes
and districts they were made of until 30 June 2025, and the posts of both."""

from __future__ import annotations

from datetime import date

from . import data
from .base import FORMER_END, REORGANISED, Past, Slot, rand_date
from .refs import short_name


class CommuneMixin:
    """Builds the communes and their history; mixed into `generate.Generator`."""

    def district(self, ld: int) -> dict:
        found = self.districts.get(ld)
        if found:
            return found
        refs = self.refs
        _c, official, name, dtype, _l, lp = refs.area[ld]
        short = short_name(name)
        word = {
            "huyện": "Huyện ủy",
            "thành phố": "Thành ủy",
            "thị xã": "Thị ủy",
            "quận": "Quận ủy",
        }.get(dtype, "Huyện ủy")
        abbr = {"Huyện ủy": "HU", "Thành ủy": "TU", "Thị ủy": "ThU", "Quận ủy": "QU"}[word]
        parent = self.former_province_units.get(lp, self.root)
        du = self.unit(f"huyen-{official}", name, "district", parent, area=ld, valid_to=FORMER_END)
        party = self.unit(
            f"huyen-{official}-db",
            f"Đảng bộ {dtype} {short}",
            "party_committee",
            du,
            area=ld,
            valid_to=FORMER_END,
        )
        btc = self.unit(
            f"huyen-{official}-btc",
            f"Ban Tổ chức {word} {short}",
            "party_body",
            party,
            area=ld,
            valid_to=FORMER_END,
        )
        committee = self.unit(
            f"huyen-{official}-ubnd",
            f"Ủy ban nhân dân {dtype} {short}",
            "peoples_committee",
            du,
            area=ld,
            valid_to=FORMER_END,
        )
        rooms = []
        for j, room in enumerate(
            ["Phòng Nội vụ", "Phòng Tài chính – Kế hoạch", "Phòng Giáo dục và Đào tạo"], start=1
        ):
            ru = self.unit(
                f"huyen-{official}-p{j}",
                f"{room} {dtype} {short}",
                "department",
                committee,
                area=ld,
                valid_to=FORMER_END,
            )
            rooms.append(
                (self.post(ru, "truong-phong-huyen"), self.post(ru, "pho-truong-phong-huyen", 2))
            )
        lp_short = short_name(refs.area[lp][2]) if lp else self.refs.province_short
        found = {
            "unit": du,
            "bt": self.post(party, "bi-thu-huyen-uy"),
            "ct": self.post(committee, "chu-tich-ubnd-huyen"),
            "tbtc": self.post(btc, "truong-ban-to-chuc-huyen-uy"),
            "ptbtc": self.post(btc, "pho-truong-ban-to-chuc-huyen-uy", 2),
            "rooms": rooms,
            "btv": (f"Ban Thường vụ {word} {short}", "{n}-QĐ/" + abbr),
            "ubnd": (f"Ủy ban nhân dân {dtype} {short}", "{n}/QĐ-UBND"),
            "btv_tinh": (f"Ban Thường vụ Tỉnh ủy {lp_short}", "{n}-QĐ/TU"),
            "ubnd_tinh": (f"Ủy ban nhân dân tỉnh {lp_short}", "{n}/QĐ-UBND"),
            "ubkt": (f"Ủy ban Kiểm tra {word} {short}", "{n}-QĐ/UBKT"),
        }
        self.districts[ld] = found
        return found

    def build_communes(self) -> None:
        refs, rng = self.refs, self.rng
        available = refs.communes
        n = max(1, min(len(available), self.n // 70))
        chosen = sorted(rng.sample(range(len(available)), n))
        self.commune_areas = [available[i] for i in chosen]
        # Non-local key leaders (RULES §5.18; seed 001: 12/16 secretaries, 5/16 chairs).
        nonlocal_secretary = set(rng.sample(range(n), round(0.55 * n)))
        nonlocal_chair = set(rng.sample(range(n), round(0.2 * n)))
        # Since 2025 half of the secretaries also chair the People's Council; elsewhere the
        # standing deputy secretary does.
        secretary_chairs_council = set(rng.sample(range(n), round(0.5 * n)))
        self.former_done: set[int] = set()
        succession_decision = self.decision(
            ("Ủy ban Thường vụ Quốc hội", ""),
            "organisation",
            REORGANISED,
            "Nghị quyết về việc sắp xếp các đơn vị hành chính cấp xã của "
            f"{refs.province_div} {refs.province_short} năm 2025",
            number=f"{1650 + int(refs.province.official_code)}/NQ-UBTVQH15",
            issued=date(2025, 6, 16),
        )
        self.succession_decision = succession_decision
        n_schools = max(2, min(10, round(0.015 * self.n / n)))
        for i, area in enumerate(self.commune_areas):
            self.build_commune(
                area,
                i in nonlocal_secretary,
                i in nonlocal_chair,
                i in secretary_chairs_council,
                n_schools,
            )

    def build_commune(
        self, area, secretary_nonlocal, chair_nonlocal, secretary_chairs_council, n_schools
    ) -> None:
        refs, rng, small = self.refs, self.rng, self.small
        _c, official, name, dtype, _l, _p = refs.area[area]
        short, div = short_name(name), dtype
        here = f"{div} {short}"
        c = f"xa-{official}"
        commune = self.unit(c, name, "commune", self.root, area=area, valid_from=REORGANISED)

        def sub(suffix, uname, kind, parent=commune, vf=REORGANISED):
            return self.unit(f"{c}-{suffix}", uname, kind, parent, area=area, valid_from=vf)

        party = sub("du", f"Đảng bộ {here}", "party_committee")
        council = sub("hdnd", f"Hội đồng nhân dân {here}", "peoples_council")
        committee = sub("ubnd", f"Ủy ban nhân dân {here}", "peoples_committee")
        front = sub("mttq", f"Ủy ban Mặt trận Tổ quốc Việt Nam {here}", "front")
        economy = "Phòng Kinh tế, Hạ tầng và Đô thị" if div == "phường" else "Phòng Kinh tế"
        rooms = [
            sub(f"p{j}", f"{room} {here}", "department", committee)
            for j, room in enumerate(
                ["Văn phòng HĐND và UBND", economy, "Phòng Văn hóa – Xã hội"], start=1
            )
        ]
        schools = []
        counts: dict[str, int] = {}
        for j in range(n_schools):
            level = data.SCHOOL_LEVELS[j % 3]
            k = counts[level] = counts.get(level, 0) + 1
            suffix = data.SCHOOL_SUFFIXES[k - 1] if k > 1 else ""
            schools.append(sub(f"t{j + 1}", f"{level} {short}{suffix}", "school", committee, None))
        station = sub("tyt", f"Trạm Y tế {here}", "health", committee, None)

        btv_du = (f"Ban Thường vụ Đảng ủy {here}", "{n}-QĐ/ĐU")
        ubnd_x = (f"Ủy ban nhân dân {here}", "{n}/QĐ-UBND")
        ld = refs.ld_of(area)
        dist = self.district(ld) if ld else None
        before = dist["ubnd"] if dist else self.ubnd_t
        n_pct = 1 if small else 2

        bt = self.post(party, "bi-thu-dang-uy-xa")
        pbt = self.post(party, "pho-bi-thu-dang-uy-xa", 2)
        ubkt = self.post(party, "chu-nhiem-ubkt-dang-uy-xa")
        ct_hd = self.post(council, "chu-tich-hdnd-xa")
        pct_hd = self.post(council, "pho-chu-tich-hdnd-xa")
        ct_ub = self.post(committee, "chu-tich-ubnd-xa")
        pct_ub = self.post(committee, "pho-chu-tich-ubnd-xa", n_pct)
        ct_mt = self.post(front, "chu-tich-ubmttq-xa")
        mttq_t = (
            f"Ban Thường trực Ủy ban MTTQ Việt Nam {refs.province_div} {refs.province_short}",
            "{n}/QĐ-MTTQ-BTT",
        )
        chk = ((REORGANISED, 60),)
        rot = ((REORGANISED, 120),)  # rotation: 10 years left (RULES §5.4)
        a = Slot(
            "commune_key",
            bt,
            REORGANISED,
            "rotation" if secretary_nonlocal else "designation",
            self.btv_tu,
            commune=area,
            local=not secretary_nonlocal,
            checks=rot if secretary_nonlocal else chk,
            duty="Phụ trách chung",
        )
        b = Slot(
            "commune_key",
            pbt,
            REORGANISED,
            "designation",
            self.btv_tu,
            commune=area,
            local=True,
            checks=chk,
            duty="Thường trực Đảng ủy",
        )
        (a if secretary_chairs_council else b).concurrent.append(
            (ct_hd, "designation", self.tthdnd_t)
        )
        ch = Slot(
            "commune_key",
            ct_ub,
            REORGANISED,
            "rotation" if chair_nonlocal else "designation",
            self.ubnd_t,
            commune=area,
            local=not chair_nonlocal,
            concurrent=[(pbt, "designation", self.btv_tu)],
            checks=rot if chair_nonlocal else chk,
            duty="Phụ trách chung",
        )
        others = [
            Slot(
                "commune_mid",
                pct_ub,
                REORGANISED,
                "designation",
                self.ubnd_t,
                commune=area,
                checks=chk,
            )
            for _i in range(n_pct)
        ]
        others.append(
            Slot(
                "commune_mid",
                pct_hd,
                REORGANISED,
                "designation",
                self.tthdnd_t,
                commune=area,
                checks=chk,
            )
        )
        others.append(
            Slot("commune_mid", ct_mt, REORGANISED, "designation", mttq_t, commune=area, checks=chk)
        )
        others.append(
            Slot(
                "commune_mid",
                ubkt,
                REORGANISED,
                "designation",
                self.btv_tu,
                commune=area,
                checks=chk,
            )
        )
        for room in rooms:
            tp = self.post(room, "truong-phong-xa")
            others.append(
                Slot(
                    "commune_mid",
                    tp,
                    REORGANISED,
                    "appointment",
                    ubnd_x,
                    commune=area,
                    checks=chk,
                    duty="Phụ trách chung",
                )
            )
            if not small:
                ptp = self.post(room, "pho-truong-phong-xa")
                others.append(
                    Slot(
                        "commune_mid",
                        ptp,
                        REORGANISED,
                        "appointment",
                        ubnd_x,
                        commune=area,
                        checks=chk,
                    )
                )
        for s in others:
            s.local = rng.random() < 0.85

        # Former communes merged into this one: their posts until 30 June 2025.
        formers = self.build_former_communes(area, commune, party, committee)
        candidates = [a, ch, b, *others]
        used: set[int] = set()
        for post, nonlocal_share, issuer, start_range in formers:
            want_local = rng.random() >= nonlocal_share
            pick = next(
                (s for s in candidates if id(s) not in used and s.local == want_local), None
            ) or next((s for s in candidates if id(s) not in used), None)
            if pick is None:
                break
            used.add(id(pick))
            if pick.local:
                pick.hometown = self.posts_area[post]
            pick.past.append(
                Past(
                    post,
                    rand_date(rng, *start_range),
                    FORMER_END,
                    "election",
                    issuer,
                    "reorganisation",
                )
            )
        for s in (a, ch):
            if not s.local and not s.past and dist:
                was = rng.choice([dist["ptbtc"], dist["rooms"][0][0], dist["rooms"][1][0]])
                who = dist["btv"] if was == dist["ptbtc"] else dist["ubnd"]
                s.past.append(
                    Past(
                        was,
                        rand_date(rng, date(2019, 6, 1), date(2023, 6, 1)),
                        FORMER_END,
                        "appointment",
                        who,
                        "reorganisation",
                    )
                )
        self.slots.extend([a, b, ch, *others])

        # Schools and the health station: heads appointed in their term (by the district
        # before July 2025, by the commune since).
        school_heads = []
        for school in schools:
            ht = self.post(school, "hieu-truong")
            pht = self.post(school, "pho-hieu-truong", 1)
            start = self.term_start()
            issuer = before if start < REORGANISED else ubnd_x
            head = self.appointed("school_lead", ht, issuer, prev=pht, start=start)
            head.commune, head.local, head.duty = area, rng.random() < 0.7, "Phụ trách chung"
            deputy = self.appointed("school_lead", pht, issuer)
            deputy.commune, deputy.local = area, rng.random() < 0.75
            self.slots.extend([head, deputy])
            school_heads.append(head)
        tyt = self.post(station, "truong-tram-y-te")
        start = self.term_start()
        head = self.appointed(
            "health_lead", tyt, before if start < REORGANISED else ubnd_x, start=start
        )
        head.commune, head.local = area, rng.random() < 0.7
        self.slots.append(head)

        # Party cells.
        organs = sub("cb1", f"Chi bộ Cơ quan Đảng – Mặt trận {here}", "party_cell", party)
        government = sub("cb2", f"Chi bộ Cơ quan chính quyền {here}", "party_cell", party)
        cell_before = dist["btv"] if dist else self.btv_tu
        self.cell(organs, [party, front], others[n_pct + 2], btv_du, cell_before)
        self.cell(government, [council, committee, *rooms, station], others[0], btv_du, cell_before)
        for j, (school, school_head) in enumerate(zip(schools, school_heads, strict=True)):
            cell = sub(f"cb{j + 3}", f"Chi bộ {self.unit_name[school]}", "party_cell", party, None)
            self.cell(cell, [school], school_head, btv_du, cell_before)

        # Staff: civil servants carried over from the former communes, teachers, health staff.
        former_cv = self.former_cv_posts
        party_issuers = (
            (f"Ủy ban Kiểm tra Đảng ủy {here}", "{n}-QĐ/UBKT"),
            ubnd_x,
            dist["ubkt"]
            if dist
            else (f"Ủy ban Kiểm tra {self.cw} {refs.province_short}", "{n}-QĐ/UBKT"),
        )
        for unit, weight in [(party, 6), (front, 3), *[(r, 7) for r in rooms]]:
            self.pool(
                unit,
                "civil",
                weight,
                True,
                recruit=before,
                reorg=btv_du if unit == party else ubnd_x,
                former_posts=former_cv,
                party=party_issuers,
                commune=area,
            )
        teacher_posts: list[int] = []  # filled below; shared by the schools' pools
        for school in schools:
            teacher_posts.append(
                self.pool(
                    school,
                    "teacher",
                    35,
                    False,
                    recruit=before,
                    reorg=ubnd_x,
                    transfer_posts=teacher_posts,
                    party=party_issuers,
                    commune=area,
                )
            )
        self.pool(
            station,
            "doctor",
            2,
            False,
            recruit=before,
            title="bac-si",
            reorg=ubnd_x,
            party=party_issuers,
            commune=area,
        )
        self.pool(
            station,
            "nurse",
            5,
            False,
            recruit=before,
            title="dieu-duong",
            reorg=ubnd_x,
            party=party_issuers,
            commune=area,
        )

    def build_former_communes(self, area, commune, party, committee):
        """Create the former communes of `area` (ended 30 June 2025) and their successions;
        return the former key posts to fill: (post, non-local share, issuer, start range)."""
        refs = self.refs
        posts = []
        self.former_cv_posts = []
        for lw in refs.preds.get(area, [])[:4]:
            _code, official, name, dtype, _l, ld = refs.area[lw]
            kind = "split" if refs.successor_count.get(lw, 1) > 1 else "merge"
            if lw in self.former_done:
                found = self.former_units[lw]
                for old, new in zip(found["units"], (commune, party, committee), strict=True):
                    self.t.succession.add(
                        predecessor_id=old,
                        successor_id=new,
                        kind=kind,
                        date=REORGANISED,
                        decision_id=self.succession_decision,
                    )
                self.former_cv_posts.append((found["cv"], found["issuer"]))
                continue
            self.former_done.add(lw)
            dist = self.district(ld)
            short = short_name(name)
            here = f"{dtype} {short}"
            old_c = self.unit(
                f"xa-cu-{official}", name, "commune", dist["unit"], area=lw, valid_to=FORMER_END
            )
            old_p = self.unit(
                f"xa-cu-{official}-du",
                f"Đảng bộ {here}",
                "party_committee",
                old_c,
                area=lw,
                valid_to=FORMER_END,
            )
            old_u = self.unit(
                f"xa-cu-{official}-ubnd",
                f"Ủy ban nhân dân {here}",
                "peoples_committee",
                old_c,
                area=lw,
                valid_to=FORMER_END,
            )
            for old, new in ((old_c, commune), (old_p, party), (old_u, committee)):
                self.t.succession.add(
                    predecessor_id=old,
                    successor_id=new,
                    kind=kind,
                    date=REORGANISED,
                    decision_id=self.succession_decision,
                )
            cv = self.post(old_u, "chuyen-vien", 8)
            self.former_units[lw] = {
                "units": (old_c, old_p, old_u),
                "cv": cv,
                "issuer": dist["ubnd"],
            }
            self.former_cv_posts.append((cv, dist["ubnd"]))
            congress = (date(2020, 5, 10), date(2020, 8, 20))
            session = (date(2021, 6, 20), date(2021, 7, 10))
            for title, share, issuer, when in (
                ("bi-thu-dang-uy-xa", 0.35, dist["btv"], congress),
                ("chu-tich-ubnd-xa", 0.1, dist["ubnd"], session),
                ("pho-bi-thu-dang-uy-xa", 0.0, dist["btv"], congress),
                ("pho-chu-tich-ubnd-xa", 0.0, dist["ubnd"], session),
            ):
                unit = old_p if "dang-uy" in title else old_u
                post = self.post(unit, title, 1)
                self.posts_area[post] = lw
                posts.append((title, post, share, issuer, when))
        order = {
            "bi-thu-dang-uy-xa": 0,
            "chu-tich-ubnd-xa": 1,
            "pho-bi-thu-dang-uy-xa": 2,
            "pho-chu-tich-ubnd-xa": 3,
        }
        posts.sort(key=lambda p: order[p[0]])
        return [(post, share, issuer, when) for _t, post, share, issuer, when in posts]
