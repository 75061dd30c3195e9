"""Reference data the demo generator reads once: the administrative areas of the province (its
current communes and their former communes, districts and provinces) and the catalog ids."""

from __future__ import annotations

import random
from bisect import bisect
from itertools import accumulate

from django.utils.translation import gettext as _

from canbo.catalogs import models as catalogs
from canbo.units.models import Area

PREFIXES = ("Thành phố ", "Tỉnh ", "Huyện ", "Thị xã ", "Quận ", "Xã ", "Phường ", "Thị trấn ",
            "Đặc khu ")  # fmt: skip


def short_name(name: str) -> str:
    """ "Xã Đà Bắc" → "Đà Bắc"."""
    for prefix in PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


class Refs:
    """Areas of one current province, indexed for the generator (one query each)."""

    def __init__(self, province_code: str):
        province = Area.objects.filter(code=province_code, level=1, valid_to__isnull=True).first()
        if province is None:
            codes = ", ".join(
                Area.objects.filter(level=1, valid_to__isnull=True)
                .order_by("code")
                .values_list("code", flat=True)
            )
            raise ValueError(
                _("Không có tỉnh, thành phố hiện hành mã “%(code)s”. Các mã hợp lệ: %(codes)s.")
                % {"code": province_code, "codes": codes}
            )
        self.province = province
        self._addresses: dict[int, str] = {}
        self.province_short = short_name(province.name)
        self.province_div = (
            "thành phố" if province.division_type.startswith("thành phố") else "tỉnh"
        )
        # Plain scans of the two tables (about 14,000 and 11,000 rows): faster on every
        # database than joins the planner may get wrong.
        rows = Area.objects.values_list(
            "id",
            "code",
            "official_code",
            "name",
            "division_type",
            "level",
            "parent_id",
            "province_id",
            "valid_to",
        )
        self.area = {}  # id → (code, official, name, type, level, parent)
        for r in rows:
            if r[8] is not None or (r[5] == 3 and r[7] == province.pk):
                self.area[r[0]] = r[1:7]
        self.communes = sorted(
            (a for a, v in self.area.items() if v[0].startswith("W")),
            key=lambda a: self.area[a][1],
        )
        # Where provincial staff live: the wards (phường), or any commune if there are none.
        self.towns = [a for a in self.communes if self.area[a][3] == "phường"] or self.communes
        through = Area.successors.through
        self.preds: dict[int, list[int]] = {}
        self.successor_count: dict[int, int] = {}
        for lw, w in through.objects.values_list("from_area_id", "to_area_id"):
            info = self.area.get(lw)
            if info is None or not info[0].startswith("LW"):
                continue
            self.successor_count[lw] = self.successor_count.get(lw, 0) + 1
            if w in self.area and self.area[w][0].startswith("W"):
                self.preds.setdefault(w, []).append(lw)
        for lst in self.preds.values():
            lst.sort(key=lambda a: self.area[a][1])
        # Former provinces that make up this province, and the pools of hometowns.
        province_lps = set(
            Area.objects.filter(level=1, province=province, valid_to__isnull=False).values_list(
                "id", flat=True
            )
        )
        self.province_lps = sorted(province_lps, key=lambda a: self.area[a][1])
        lw_by_lp: dict[int, list[int]] = {}
        for a, (code, *_rest) in self.area.items():
            if code.startswith("LW"):
                lp = self.lp_of(a)
                if lp is not None:
                    lw_by_lp.setdefault(lp, []).append(a)
        self.lw_by_lp = {lp: sorted(v) for lp, v in lw_by_lp.items()}
        self.local_pool = list(self.communes) + [
            a for lp in self.province_lps for a in self.lw_by_lp.get(lp, [])
        ]
        self.local_set = set(self.local_pool)
        # Hometowns elsewhere: nearer former provinces (by code) are more likely.
        here = int(province.official_code)
        others = sorted(lp for lp in self.lw_by_lp if lp not in province_lps)
        self.other_lps = others
        self.other_cum = list(
            accumulate(1.0 / (1 + abs(int(self.area[lp][1]) - here) / 4) for lp in others)
        )

    # --- navigation ------------------------------------------------------------------------
    def lp_of(self, area: int) -> int | None:
        """The former province of a former commune or district."""
        while area is not None:
            code, _o, _n, _t, level, parent = self.area[area]
            if code.startswith("LP"):
                return area
            area = parent
        return None

    def ld_of(self, area: int) -> int | None:
        """The former district of an area (a current commune: that of its first predecessor)."""
        info = self.area.get(area)
        if info is None:
            return None
        if info[0].startswith("W"):
            preds = self.preds.get(area)
            return self.area[preds[0]][5] if preds else None
        if info[0].startswith("LW"):
            return info[5]
        if info[0].startswith("LD"):
            return area
        return None

    def district_code_of(self, area: int) -> str | None:
        ld = self.ld_of(area)
        return self.area[ld][0] if ld else None

    def province_code_of(self, area: int) -> str | None:
        """Code of the former province ("LP17") of an area, via its former district."""
        ld = self.ld_of(area)
        lp = self.area[ld][5] if ld else None
        return self.area[lp][0] if lp else None

    def district_name_of(self, area: int) -> str:
        ld = self.ld_of(area)
        if ld is None:
            return f"{self.province_div} {self.province_short}"
        return lower_first(self.area[ld][2])

    def in_province(self, area: int) -> bool:
        return area in self.local_set

    def name(self, area: int) -> str:
        return self.area[area][2]

    def address(self, area: int) -> str:
        """ "Xã Vũ Bình, huyện Lạc Sơn, tỉnh Hoà Bình" (the names of the time)."""
        text = self._addresses.get(area)
        if text is None:
            text = self._addresses[area] = self._address(area)
        return text

    def _address(self, area: int) -> str:
        code, _o, name, _t, _l, parent = self.area[area]
        if code.startswith("W"):
            return f"{name}, {self.province_div} {self.province_short}"
        parts = [name]
        while parent is not None:
            parts.append(lower_first(self.area[parent][2]))
            parent = self.area[parent][5]
        return ", ".join(parts)

    def birth_lp_code(self, area: int, rng: random.Random) -> str:
        """3-digit citizen-ID province code of the former province where `area` lies."""
        if self.area[area][0].startswith("W"):
            preds = self.preds.get(area)
            area = rng.choice(preds) if preds else self.province_lps[0]
        lp = self.lp_of(area) or self.province_lps[0]
        return f"0{int(self.area[lp][1]):02d}"

    def same_province_area(self, area: int, rng: random.Random) -> int:
        """Another former commune of the same former province (a birthplace near home)."""
        if self.area[area][0].startswith("W"):
            preds = self.preds.get(area)
            if not preds:
                return area
            area = preds[0]
        lp = self.lp_of(area)
        pool = self.lw_by_lp.get(lp) if lp else None
        return rng.choice(pool) if pool else area

    # --- hometowns -------------------------------------------------------------------------
    def local_hometown(self, commune: int, rng: random.Random) -> int:
        """A hometown in the commune: its current name or, often, a former commune's name."""
        preds = self.preds.get(commune)
        if preds and rng.random() < 0.6:
            return rng.choice(preds)
        return commune

    def nonlocal_hometown(self, commune: int | None, rng: random.Random, outside: float) -> int:
        """A hometown outside the commune (elsewhere in the province, or in another one)."""
        if rng.random() < outside and self.other_lps:
            lp = self.other_lps[bisect(self.other_cum, rng.random() * self.other_cum[-1])]
            return rng.choice(self.lw_by_lp[lp])
        excluded = {commune, *self.preds.get(commune, [])} if commune else set()
        while True:
            area = rng.choice(self.local_pool)
            if area not in excluded:
                return area


def catalog_ids() -> dict[str, dict[str, int]]:
    def ids(model):
        return dict(model.objects.values_list("code", "id"))

    return {
        "ethnicity": ids(catalogs.Ethnicity),
        "religion": ids(catalogs.Religion),
        "qualification": ids(catalogs.QualificationLevel),
        "theory": ids(catalogs.PoliticalTheoryLevel),
        "state_management": ids(catalogs.StateManagementRank),
        "civil_service_rank": ids(catalogs.CivilServiceRank),
        "tier": ids(catalogs.ManagementTier),
    }
