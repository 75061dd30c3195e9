"""A hometown written as free text ("xã Tân Lập, tỉnh Phú Thọ", "Hà Nội", "huyện Thanh Sơn,
Vĩnh Phúc" …) → the administrative area of the catalog (`units.Area`: the current provinces
and communes since 1 July 2025, and the former provinces, districts and communes).

The text is cut at its commas into parts, most precise first; names are compared with their
diacritics (case, spacing and the placement of the tone mark aside: "Hoà" = "Hòa", but "Thanh"
≠ "Thành"), or without them when the text has none. The first part that names an area gives
the candidates (a leading village or hamlet, which the catalog does not hold, is skipped); a
type written before a name ("xã", "huyện", "tỉnh", "TP."…) must agree with the area's. Every
later part must name one of the candidate's ancestors: candidates whose own parents are named
(a former commune in its former district and province) win over those named only through the
current province they lie in now. A name written without a type means the larger area ("Cao
Bằng" is the province, not the city). A former area succeeded by the current candidate is the
same place. One area left is the match; several are ambiguous, none is unknown: the text is
then kept as it is and a warning listed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from django.utils.translation import gettext as _

from canbo.core.text import fold

# written type word (folded) → canonical type
_TYPES = {
    "thanh pho": "thanh pho", "tp": "thanh pho", "tinh": "tinh", "t": "tinh",
    "quan": "quan", "q": "quan", "huyen": "huyen", "h": "huyen", "thi xa": "thi xa",
    "tx": "thi xa", "thi tran": "thi tran", "tt": "thi tran", "xa": "xa", "x": "xa",
    "phuong": "phuong", "p": "phuong", "dac khu": "dac khu",
}  # fmt: skip
_TYPE_WORDS = sorted((tuple(w.split()) for w in _TYPES), key=lambda w: -len(w))
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền sắc ngã hỏi nặng
_WORD = re.compile(r"\w+")
_SEPARATORS = (";",)  # not "-": "Bà Rịa - Vũng Tàu" is one name


@lru_cache(maxsize=16384)
def _word_key(word: str) -> str:
    """A word with its diacritics, the tone mark moved to the end: "hoà" and "hòa" (old and
    new placement of the tone) are the same word, "thanh" and "thành" are not."""
    tones = ""
    letters = []
    for c in unicodedata.normalize("NFD", word):
        if c in _TONES:
            tones += c
        else:
            letters.append(c)
    return unicodedata.normalize("NFC", "".join(letters)) + tones


def place_key(text: str) -> tuple[str, str, str]:
    """(type, name with diacritics, name without them) of one part of a place written as text:
    "tỉnh Phú Thọ" → ("tinh", "phú thọ", "phu tho"); "Hà Nội" → ("", "hà nội", "ha noi")."""
    words = _WORD.findall(unicodedata.normalize("NFC", text).lower().replace("_", " "))
    folded = fold(" ".join(words)).split()
    if len(folded) != len(words):  # (a word of combining marks only)
        folded = [fold(w) for w in words]
    kind = ""
    for type_words in _TYPE_WORDS:
        n = len(type_words)
        if len(folded) > n and tuple(folded[:n]) == type_words:
            kind = _TYPES[" ".join(type_words)]
            words, folded = words[n:], folded[n:]
            break
    return kind, " ".join(_word_key(w) for w in words), " ".join(folded)


@dataclass(slots=True)
class _Area:
    pk: int
    name: str
    kind: str  # canonical type of its name
    bare: str  # name without its type, with diacritics (place_key)
    level: int  # 1 province, 2 district (former), 3 commune
    parent_id: int | None
    province_id: int | None
    current: bool


class AreaMatcher:
    """The area catalog, loaded once per import, and the texts already matched."""

    def __init__(self) -> None:
        from canbo.units.models import Area

        self.areas: dict[int, _Area] = {}
        self.by_bare: dict[str, list[_Area]] = {}
        self.by_folded: dict[str, list[_Area]] = {}  # for texts typed without diacritics
        rows = Area.objects.values_list(
            "pk", "name", "level", "parent_id", "province_id", "valid_to"
        ).iterator(chunk_size=5000)
        for pk, name, level, parent_id, province_id, valid_to in rows:
            kind, bare, folded = place_key(name)
            area = _Area(pk, name, kind, bare, level, parent_id, province_id, valid_to is None)
            self.areas[pk] = area
            self.by_bare.setdefault(bare, []).append(area)
            self.by_folded.setdefault(folded, []).append(area)
        self.successors: dict[int, set[int]] = {}
        through = Area.successors.through.objects.values_list("from_area_id", "to_area_id")
        for old, new in through.iterator(chunk_size=5000):
            self.successors.setdefault(old, set()).add(new)
        self._ancestors: dict[int, set[tuple[str, str]]] = {}
        self._memo: dict[str, tuple[int | None, str]] = {}

    def _ancestry(self, area: _Area) -> tuple[set[tuple], set[tuple]]:
        """(type, name, folded name) of the areas above `area`: (its own parents — for a former
        area, its former district and province —, and the current province it lies in now)."""
        out = self._ancestors.get(area.pk)
        if out is None:
            own: set[tuple] = set()
            up = self.areas.get(area.parent_id) if area.parent_id else None
            while up is not None:
                own.add((up.kind, up.bare, fold(up.bare)))
                up = self.areas.get(up.parent_id) if up.parent_id else None
            now = set(own)
            province = self.areas.get(area.province_id) if area.province_id else None
            if province is not None and province.pk != area.pk:
                now.add((province.kind, province.bare, fold(province.bare)))
            out = self._ancestors[area.pk] = (own, now)
        return out

    def match(self, text: str) -> tuple[int | None, str]:
        """(area id, "") for an unambiguous match, else (None, the warning to list)."""
        hit = self._memo.get(text)
        if hit is None:
            pk, candidates = self._match(text)
            hit = self._memo[text] = (pk, "" if pk else self.warning(text, candidates))
        return hit

    def _match(self, text: str) -> tuple[int | None, list[str]]:
        """(area id, []) for an unambiguous match, else (None, [the names of the candidates])
        (an empty list: nothing in the catalog has that name)."""
        for sep in _SEPARATORS:
            text = text.replace(sep, ",")
        parts = [place_key(p) for p in text.split(",")]
        parts = [p for p in parts if p[1]]
        for i, (kind, bare, folded) in enumerate(parts):
            found = [a for a in self.by_bare.get(bare, ()) if not kind or a.kind == kind]
            if not found and bare == folded:  # typed without diacritics: compared without
                found = [a for a in self.by_folded.get(folded, ()) if not kind or a.kind == kind]
            if not found:
                continue
            later = parts[i + 1 :]
            strong, weak = [], []
            for a in found:
                own, now = self._ancestry(a)
                if all(self._names(part, own) for part in later):
                    strong.append(a)
                elif all(self._names(part, now) for part in later):
                    weak.append(a)  # only through the current province
            found = strong or weak
            if not kind and found:  # "Cao Bằng", "Thanh Sơn, Phú Thọ": the larger area
                top = min(a.level for a in found)
                found = [a for a in found if a.level == top]
            return self._pick(found)
        return None, []

    @staticmethod
    def _names(part: tuple[str, str, str], ancestors: set[tuple]) -> bool:
        kind, bare, folded = part
        at = 2 if bare == folded else 1  # a part without diacritics is compared without
        name = folded if at == 2 else bare
        return any(a[at] == name and (not kind or a[0] == kind) for a in ancestors)

    def _pick(self, found: list[_Area]) -> tuple[int | None, list[str]]:
        current = [a for a in found if a.current]
        former = [a for a in found if not a.current]
        if len(current) == 1:
            pk = current[0].pk
            # a former area succeeded by the current one is the same place (renamed, merged)
            former = [a for a in former if pk not in self.successors.get(a.pk, ())]
            if not former:
                return pk, []
        elif not current and len(former) == 1:
            return former[0].pk, []
        return None, [self.full_name(a.pk) for a in found]

    def full_name(self, pk: int) -> str:
        parts, area = [], self.areas.get(pk)
        while area is not None:
            parts.append(area.name)
            area = self.areas.get(area.parent_id) if area.parent_id else None
        return ", ".join(parts)

    def warning(self, text: str, candidates: list[str]) -> str:
        if not candidates:
            return _(
                "Quê quán “%(v)s” không khớp địa bàn hành chính nào trong danh mục: giữ nguyên "
                "văn bản."
            ) % {"v": text}
        shown = "; ".join(candidates[:3]) + ("; …" if len(candidates) > 3 else "")
        return _(
            "Quê quán “%(v)s” khớp %(n)d địa bàn (%(names)s): giữ nguyên văn bản; hãy ghi thêm "
            "huyện, tỉnh để chọn được một."
        ) % {"v": text, "n": len(candidates), "names": shown}
