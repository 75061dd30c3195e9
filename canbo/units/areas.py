"""Load the administrative areas from the `vietnam-provinces` package.

Codes: current provinces "P01", current communes/wards/special zones "W00004" (the official
codes since 1 July 2025); the former 63 provinces "LP01", former districts "LD001" and former
communes "LW00001" (official codes before the 2025 reorganisation), kept for history and
linked to the current areas that succeeded them.
"""

from collections import Counter
from datetime import date

from canbo.core.text import fold

REORGANISED_ON = date(2025, 7, 1)
LEGACY_UNTIL = date(2025, 6, 30)


def _code(prefix: str, code: int, width: int) -> str:
    return f"{prefix}{code:0{width}d}"


def load_areas(Area) -> int:
    """Create every area (idempotent: does nothing when areas exist). Works with the historical
    model of a migration, hence the model class as argument. Returns the number created."""
    from vietnam_provinces import Province, Ward
    from vietnam_provinces.legacy.base import District as LDistrict
    from vietnam_provinces.legacy.base import Province as LProvince
    from vietnam_provinces.legacy.base import Ward as LWard

    if Area.objects.exists():
        return 0

    def make(code, official, name, dtype, level, valid_from=None, valid_to=None):
        return Area(
            code=code,
            official_code=official,
            name=name,
            division_type=str(dtype),
            level=level,
            valid_from=valid_from,
            valid_to=valid_to,
            search_name=fold(name),
        )

    provinces = {
        int(p.code): make(
            _code("P", int(p.code), 2),
            f"{int(p.code):02d}",
            p.name,
            p.division_type,
            1,
            REORGANISED_ON,
        )
        for p in Province.iter_all()
    }
    Area.objects.bulk_create(provinces.values(), batch_size=1000)
    provinces = {k: Area.objects.get(code=v.code) for k, v in provinces.items()}
    Area.objects.filter(pk__in=[a.pk for a in provinces.values()]).update(province_id=None)
    for a in provinces.values():
        a.province_id = a.pk
    Area.objects.bulk_update(provinces.values(), ["province"])

    wards = []
    for w in Ward.iter_all():
        prov = provinces[int(w.province_code)]
        area = make(
            _code("W", int(w.code), 5),
            f"{int(w.code):05d}",
            w.name,
            w.division_type,
            3,
            REORGANISED_ON,
        )
        area.parent_id = prov.pk
        area.province_id = prov.pk
        wards.append(area)
    Area.objects.bulk_create(wards, batch_size=2000)
    ward_ids = dict(Area.objects.filter(level=3, valid_to__isnull=True).values_list("code", "pk"))
    ward_province = dict(
        Area.objects.filter(level=3, valid_to__isnull=True).values_list("pk", "province_id")
    )

    # Former provinces → the current provinces that include them.
    legacy_province_to_new: dict[int, list[int]] = {}
    for p in Province.iter_all():
        for lp in p.get_legacy_sources():
            legacy_province_to_new.setdefault(int(lp.code), []).append(provinces[int(p.code)].pk)
    lprov = {}
    for lp in LProvince.iter_all():
        news = legacy_province_to_new.get(int(lp.code), [])
        lprov[int(lp.code)] = make(
            _code("LP", int(lp.code), 2),
            f"{int(lp.code):02d}",
            lp.name,
            lp.division_type,
            1,
            None,
            LEGACY_UNTIL,
        )
        lprov[int(lp.code)].province_id = news[0] if news else None
    Area.objects.bulk_create(lprov.values(), batch_size=1000)
    lprov_ids = dict(Area.objects.filter(code__startswith="LP").values_list("code", "pk"))

    ldist = []
    for d in LDistrict.iter_all():
        area = make(
            _code("LD", int(d.code), 3),
            f"{int(d.code):03d}",
            d.name,
            d.division_type,
            2,
            None,
            LEGACY_UNTIL,
        )
        area.parent_id = lprov_ids[_code("LP", int(d.province_code), 2)]
        ldist.append(area)
    Area.objects.bulk_create(ldist, batch_size=1000)
    ldist_ids = dict(Area.objects.filter(code__startswith="LD").values_list("code", "pk"))

    new_of_legacy_ward: dict[int, list[int]] = {}
    for w in Ward.iter_all():
        for lw in w.get_legacy_sources():
            new_of_legacy_ward.setdefault(int(lw.code), []).append(
                ward_ids[_code("W", int(w.code), 5)]
            )
    lwards = []
    district_provinces: dict[str, Counter] = {}
    for lw in LWard.iter_all():
        area = make(
            _code("LW", int(lw.code), 5),
            f"{int(lw.code):05d}",
            lw.name,
            lw.division_type,
            3,
            None,
            LEGACY_UNTIL,
        )
        dcode = _code("LD", int(lw.district_code), 3)
        area.parent_id = ldist_ids[dcode]
        news = new_of_legacy_ward.get(int(lw.code), [])
        area.province_id = ward_province[news[0]] if news else None
        if area.province_id:
            district_provinces.setdefault(dcode, Counter())[area.province_id] += 1
        lwards.append(area)
    Area.objects.bulk_create(lwards, batch_size=2000)

    # Former districts belong to the current province most of their communes went to.
    # (island districts without communes follow their former province).
    districts = list(Area.objects.filter(code__startswith="LD").select_related("parent"))
    for d in districts:
        counts = district_provinces.get(d.code)
        d.province_id = counts.most_common(1)[0][0] if counts else d.parent.province_id
    Area.objects.bulk_update(districts, ["province"], batch_size=1000)

    Through = Area.successors.through
    lw_ids = dict(Area.objects.filter(code__startswith="LW").values_list("code", "pk"))
    links = [
        Through(from_area_id=lw_ids[_code("LW", code, 5)], to_area_id=new_id)
        for code, news in new_of_legacy_ward.items()
        if _code("LW", code, 5) in lw_ids
        for new_id in news
    ]
    links += [
        Through(from_area_id=lprov_ids[_code("LP", code, 2)], to_area_id=new_id)
        for code, news in legacy_province_to_new.items()
        for new_id in news
    ]
    Through.objects.bulk_create(links, batch_size=5000, ignore_conflicts=True)
    return Area.objects.count()
