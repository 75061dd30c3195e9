"""Create or update the catalog rows from catalogs/data.py (used by a migration and tests)."""

from . import data


def sync_catalogs(apps) -> None:
    def upsert(model_name: str, rows, **extra_for):
        Model = apps.get_model("catalogs", model_name)
        for order, row in enumerate(rows, start=1):
            code, name = row[0], row[1]
            rank = row[2] if len(row) > 2 else 0
            defaults = {"name": name, "rank": rank, "sort_order": order}
            defaults.update(extra_for.get("fn", lambda c: {})(code))
            Model.objects.update_or_create(code=code, defaults=defaults)

    upsert("Ethnicity", data.ETHNICITIES, fn=lambda c: {"is_majority": c == "01"})
    upsert("Religion", data.RELIGIONS, fn=lambda c: {"is_none": c == "00"})
    upsert("QualificationLevel", data.QUALIFICATION_LEVELS)
    upsert("PoliticalTheoryLevel", data.POLITICAL_THEORY_LEVELS)
    upsert("StateManagementRank", data.STATE_MANAGEMENT_RANKS)
    upsert("CivilServiceRank", data.CIVIL_SERVICE_RANKS)
    upsert("ManagementTier", data.MANAGEMENT_TIERS)
