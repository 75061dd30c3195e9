"""Text helpers: Vietnamese-aware normalisation for search and matching."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def clean(text: str | None) -> str:
    """NFC-normalise, trim and collapse whitespace (names arrive in NFD, with stray spaces)."""
    if not text:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", str(text))).strip()


def fold(text: str | None) -> str:
    """Fold for search: lower case, no diacritics, đ → d ("Nguyễn Văn Đức" → "nguyen van duc")."""
    text = clean(text).lower().replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    return clean("".join(c for c in decomposed if unicodedata.category(c) != "Mn"))
