"""Find the table in a sheet: the header (one or two rows, merged cells), the row of column
numbers, the title rows above it (and the date the list speaks of), and map columns to fields."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from openpyxl.utils import get_column_letter

from canbo.core.text import clean, fold

from .data import FIELD_LABELS
from .values import cell_text, text_date

SCAN_ROWS = 40  # the header is looked for in the first rows of the sheet
_NON_WORD = re.compile(r"[^0-9a-z>]+")
_NUMBERING = re.compile(r"\(?\s*[0-9]{1,2}\s*\)?|\(?[a-z]\)|[0-9]+\s*=\s*[0-9+\s]+")
_AS_OF = re.compile(r"tinh den (ngay|thoi diem|thang)?")


def header_key(text: str) -> str:
    """Fold a header text for comparison: "Ngày, tháng, năm sinh" → "ngay thang nam sinh";
    "Trình độ > LLCT" → "trinh do > llct"."""
    parts = [" ".join(_NON_WORD.sub(" ", fold(p)).split()) for p in str(text).split(">")]
    return " > ".join(p for p in parts if p)


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column index: 0 → "A", 26 → "AA"."""
    return get_column_letter(index + 1)


def column_index(letter: str) -> int | None:
    letter = letter.strip().upper()
    if not letter or not letter.isascii() or not letter.isalpha() or len(letter) > 3:
        return None
    n = 0
    for ch in letter:
        n = n * 26 + ord(ch) - 64
    return n - 1


@dataclass(eq=False)
class Column:
    index: int
    header: str  # as shown: "Trình độ › Chuyên môn"
    key: str  # folded: "trinh do > chuyen mon"
    field: str = ""  # "" = not imported
    detected: str = ""  # what the synonyms gave, before a mapping changed it

    @property
    def letter(self) -> str:
        return column_letter(self.index)

    @property
    def label(self) -> str:
        from django.utils.translation import gettext

        return gettext(FIELD_LABELS[self.field]) if self.field in FIELD_LABELS else ""


@dataclass
class Layout:
    header_rows: list[int]  # 0-based sheet rows
    data_start: int
    columns: list[Column]
    list_date: date | None = None
    titles: list[str] = field(default_factory=list)
    numbering_row: int | None = None

    def by_field(self) -> dict[str, Column]:
        found: dict[str, Column] = {}
        for column in self.columns:
            if column.field and column.field not in found:
                found[column.field] = column
        return found


def _is_numbering(text: str) -> bool:
    return bool(_NUMBERING.fullmatch(fold(text).strip()))


def _row_texts(row: list, width: int) -> list[str]:
    texts = [clean(cell_text(v)) for v in row[:width]]
    return texts + [""] * (width - len(texts))


def _merge_spans(merged, header_row: int, width: int) -> dict[int, int]:
    """Column → first column of the horizontal merge it belongs to, on `header_row`."""
    spans = {}
    for r0, c0, r1, c1 in merged:
        if r0 <= header_row <= r1 and c1 > c0:
            for c in range(c0 + 1, min(c1, width - 1) + 1):
                spans[c] = c0
    return spans


def _combine(rows: list[list], top: int, depth: int, width: int, merged) -> list[tuple[str, str]]:
    """(shown header, key) per column for a header of `depth` rows starting at `top`."""
    upper = _row_texts(rows[top], width)
    if depth == 1:
        return [(u, header_key(u)) for u in upper]
    lower = [
        "" if _is_numbering(t) else t for t in _row_texts(rows[top + 1], width)
    ]  # a numbering row is not a second header row
    spans = _merge_spans(merged, top, width)
    filled = list(upper)
    for c in range(width):
        if filled[c] or not lower[c]:
            continue
        if c in spans:
            filled[c] = upper[spans[c]]
        elif not merged and c > 0 and lower[c - 1] and filled[c - 1]:
            filled[c] = filled[c - 1]  # no merge information: the upper cell spans to the right
    out = []
    for u, lo in zip(filled, lower, strict=True):
        if u and lo:
            out.append((f"{u} › {lo}", f"{header_key(u)} > {header_key(lo)}"))
        else:
            text = u or lo
            out.append((text, header_key(text)))
    return out


def match_field(key: str, synonyms: dict[str, str]) -> str:
    """The field a header key names: the whole key, else its lower part; Nam / Nữ under a date
    of birth (or under "Giới tính") split the date by gender, or hold a mark."""
    if not key:
        return ""
    if key in synonyms:
        return synonyms[key]
    if " > " in key:
        upper, lower = key.split(" > ", 1)
        upper_field = synonyms.get(upper, "")
        if upper_field in ("birth_date", "gender") and lower in ("nam", "nu"):
            return "birth_male" if lower == "nam" else "birth_female"
        if lower in synonyms:
            return synonyms[lower]
    return ""


def _score(columns: list[tuple[str, str]], synonyms, letters=None) -> tuple[int, list[str]]:
    fields, seen = [], set()
    for index, (shown, key) in enumerate(columns):
        f = match_field(key, synonyms)
        if letters and index in letters and shown:
            f = letters[index]
        if f in seen:
            f = ""
        if f:
            seen.add(f)
        fields.append(f)
    ok = "full_name" in seen
    return (len(seen) if ok else 0), fields


def detect_layout(
    rows: list[list],
    synonyms: dict[str, str],
    merged=(),
    header_rows: list[int] | None = None,
    mapping: dict[str, str] | None = None,
) -> Layout | None:
    """The header rows and column fields with the most recognised columns (a name column is
    required); None when no row of the first SCAN_ROWS looks like a header. `header_rows`
    (1-based sheet rows, one or two) forces where the header is."""
    width = max((len(r) for r in rows[: SCAN_ROWS + 2]), default=0)
    # a mapping helps find the header: its header texts are synonyms, its letters columns
    letters: dict[int, str] = {}
    if mapping:
        synonyms = dict(synonyms)
        for raw_key, target in mapping.items():
            idx = column_index(str(raw_key)) if len(str(raw_key)) <= 3 else None
            if idx is not None and str(raw_key).isupper():
                letters[idx] = target or ""
            else:
                synonyms[header_key(raw_key)] = target or ""
    best = None  # (score, -depth, top, depth, columns, fields)
    forced = None
    if header_rows:
        top = int(header_rows[0]) - 1
        if 0 <= top < len(rows):
            forced = (top, min(len(header_rows), 2, len(rows) - top))
    for top in range(min(SCAN_ROWS, len(rows))) if forced is None else [forced[0]]:
        for depth in (1, 2) if forced is None else [forced[1]]:
            if top + depth > len(rows):
                continue
            combined = _combine(rows, top, depth, width, merged)
            score, fields = _score(combined, synonyms, letters)
            if score < 2 and forced is None:
                continue
            candidate = (score, -depth, -top)
            if best is None or candidate > best[0]:
                best = (candidate, top, depth, combined, fields)
    if best is None:
        return None
    _cand, top, depth, combined, fields = best
    columns = [
        Column(index=i, header=shown, key=key, field=f, detected=f)
        for i, ((shown, key), f) in enumerate(zip(combined, fields, strict=True))
        if shown or f
    ]
    data_start = top + depth
    numbering_row = None
    if data_start < len(rows):
        texts = [t for t in _row_texts(rows[data_start], width) if t]
        if len(texts) >= 2 and sum(_is_numbering(t) for t in texts) >= max(2, len(texts) * 0.6):
            numbering_row = data_start
            data_start += 1
    titles = [t for r in rows[:top] for t in _row_texts(r, width) if t]
    return Layout(
        header_rows=list(range(top, top + depth)),
        data_start=data_start,
        columns=columns,
        list_date=_list_date(titles),
        titles=titles,
        numbering_row=numbering_row,
    )


def _list_date(titles: list[str]) -> date | None:
    """The date in "Tính đến ngày 31/12/2025" (or "… ngày 31 tháng 12 năm 2025")."""
    for title in titles:
        folded = fold(title)
        m = _AS_OF.search(folded)
        if m:
            found = text_date(title[m.end() :])
            if found:
                return found
    return None


def apply_mapping(layout: Layout, mapping: dict[str, str]) -> list[str]:
    """Apply a saved or edited mapping ({column letter or header text: field}); returns the
    keys of the mapping that match no column (to warn about)."""
    unknown = []
    by_letter = {c.letter: c for c in layout.columns}
    by_key = {c.key: c for c in layout.columns}
    for raw_key, target in mapping.items():
        target = target or ""
        column = by_letter.get(str(raw_key).strip().upper()) or by_key.get(header_key(raw_key))
        if column is None:
            idx = column_index(str(raw_key))
            if idx is not None:
                column = Column(index=idx, header="", key="")
                layout.columns.append(column)
                layout.columns.sort(key=lambda c: c.index)
            else:
                unknown.append(raw_key)
                continue
        column.field = target
    # one column per field: a field mapped explicitly wins over the same field detected
    explicit = {by_letter.get(str(k).strip().upper()) or by_key.get(header_key(k)) for k in mapping}
    seen: dict[str, Column] = {}
    for column in sorted(layout.columns, key=lambda c: (c not in explicit, c.index)):
        if column.field and column.field in seen:
            column.field = ""
        elif column.field:
            seen[column.field] = column
    return unknown
