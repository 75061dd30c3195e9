"""Everything the import looks values up in, loaded once per import: catalogs, titles, units."""

from __future__ import annotations

import re
from collections import defaultdict

from canbo.catalogs.models import (
    CivilServiceRank,
    Ethnicity,
    ManagementTier,
    PoliticalTheoryLevel,
    QualificationLevel,
    Religion,
    StateManagementRank,
)
from canbo.posts.models import Title
from canbo.units.models import Unit

from . import values

_WITH_CODE = re.compile(r"(.*?)\s*\(([A-Za-z0-9_-]+)\)")


def _index(model, aliases=None) -> dict[str, object]:
    rows = list(model.objects.all())
    by_code = {r.code: r for r in rows}
    out: dict[str, object] = {}
    for r in rows:
        out[values.key_of(r.name)] = r
        out[values.key_of(r.code)] = r
        out[values.key_of(r.name).replace(" ", "")] = r
    for alias, code in (aliases or {}).items():
        if code in by_code:
            out.setdefault(alias, by_code[code])
            out.setdefault(alias.replace(" ", ""), by_code[code])
    return out


class Lookups:
    """Catalog rows by code, name and the abbreviations in use; units and titles by name."""

    def __init__(self, scope_unit: Unit | None = None):
        self.ethnicity = _index(Ethnicity, values.ETHNICITY_ALIASES)
        self.religion = _index(Religion, values.RELIGION_ALIASES)
        self.qualification = {r.code: r for r in QualificationLevel.objects.all()}
        self.political_theory = {r.code: r for r in PoliticalTheoryLevel.objects.all()}
        self.state_management = {r.code: r for r in StateManagementRank.objects.all()}
        self.civil_service_rank = _index(CivilServiceRank)
        ranks = {r.code: r for r in CivilServiceRank.objects.all()}
        for alias, code in values.CIVIL_SERVICE_RANK_ALIASES.items():
            if code in ranks:
                self.civil_service_rank.setdefault(alias, ranks[code])
        self.management_tier = _index(ManagementTier)
        self.titles: dict[str, Title] = {values.key_of(t.name): t for t in Title.objects.all()}
        self.scope_unit = scope_unit
        units = Unit.objects.only("pk", "name", "code", "path", "parent_id", "depth")
        if scope_unit is not None:
            units = units.in_subtree(scope_unit)
        self.units_by_name: dict[str, list[Unit]] = defaultdict(list)
        self.units_by_code: dict[str, Unit] = {}
        for unit in units.order_by("path"):
            self.units_by_name[values.key_of(unit.name)].append(unit)
            self.units_by_code[unit.code.lower()] = unit
        self._split_cache: dict[str, tuple] = {}

    def find_units(self, text: str) -> list[Unit]:
        """Units named `text` (or coded: "Tên (ma-don-vi)" and a bare code work too)."""
        m = _WITH_CODE.fullmatch(text.strip())
        if m and m[2].lower() in self.units_by_code:
            return [self.units_by_code[m[2].lower()]]
        key = values.key_of(text)
        found = self.units_by_name.get(key)
        if found:
            return found
        unit = self.units_by_code.get(text.strip().lower())
        return [unit] if unit else []

    def find_title(self, text: str) -> Title | None:
        return self.titles.get(values.key_of(text))

    def split_position(self, text: str) -> tuple[str, list[Unit], str]:
        """ "Phó Chủ tịch UBND xã An Bình" → (title text, units named at the end, unit text).
        The longest known unit name that ends the text wins; no unit → ([], "")."""
        cached = self._split_cache.get(text)
        if cached is not None:
            return cached
        words = values.key_of(text).split()
        result = (text, [], "")
        for start in range(len(words)):
            key = " ".join(words[start:])
            if key in self.units_by_name:
                # cut the written text at the same word
                folded = values.fold_chars(text)
                spans = [m.start() for m in re.finditer(r"[0-9a-z]+", folded)]
                cut = spans[start]
                title = text[:cut].strip(" ,;-–")
                result = (title, self.units_by_name[key], text[cut:].strip())
                break
        self._split_cache[text] = result
        return result
