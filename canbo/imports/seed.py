"""Create the seed header synonyms from imports/data.py (used by a migration and tests)."""

from . import data


def sync_synonyms(apps) -> None:
    from .headers import header_key

    HeaderSynonym = apps.get_model("imports", "HeaderSynonym")
    for field, texts in data.SYNONYMS.items():
        for text in texts:
            HeaderSynonym.objects.update_or_create(
                key=header_key(text), defaults={"field": field, "text": text}
            )
