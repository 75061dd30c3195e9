"""The yearly narrative report: Vietnamese sentences written from the figures, each one naming
the figure it comes from (so staff can trace and edit it before exporting)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .breakdowns import Report, share
from .indicators import Result


@dataclass
class Sentence:
    text: str
    source: str  # the JSON key / breakdown the figures come from


def _p(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}".replace(".", ",").replace(",0", "")


def narrative(report: Report, results: list[Result] = ()) -> list[Sentence]:
    f, total = report.flat, report.total
    out = [
        Sentence(
            _(
                "Đến ngày %(date)s, %(unit)s có %(total)d cán bộ, công chức, viên chức; trong đó "
                "nữ %(female)d người (%(pf)s%%), đảng viên %(party)d người (%(pp)s%%), người dân "
                "tộc thiểu số %(min)d người (%(pm)s%%)."
            )
            % {
                "date": date_format(report.as_of, "d/m/Y"),
                "unit": report.unit_name,
                "total": total,
                "female": f["female"],
                "pf": _p(share(f["female"], total)),
                "party": f["party_members"],
                "pp": _p(share(f["party_members"], total)),
                "min": f["ethnic_minority"],
                "pm": _p(share(f["ethnic_minority"], total)),
            },
            "total, female, party_members, ethnic_minority",
        )
    ]
    q = f["qualification"]
    univ = q.get("TS", 0) + q.get("THS", 0) + q.get("DH", 0)
    out.append(
        Sentence(
            _(
                "Về trình độ chuyên môn: tiến sĩ %(ts)d, thạc sĩ %(ths)d, đại học %(dh)d; từ đại "
                "học trở lên chiếm %(p)s%%."
            )
            % {
                "ts": q.get("TS", 0),
                "ths": q.get("THS", 0),
                "dh": q.get("DH", 0),
                "p": _p(share(univ, total)),
            },  # fmt: skip
            "qualification",
        )
    )
    t = f["political_theory"]
    out.append(
        Sentence(
            _(
                "Về lý luận chính trị: cao cấp, cử nhân %(cc)d người (%(pcc)s%%), trung cấp "
                "%(tc)d người (%(ptc)s%%), sơ cấp %(sc)d người."
            )
            % {
                "cc": t.get("advanced", 0),
                "pcc": _p(share(t.get("advanced", 0), total)),
                "tc": t.get("TC", 0),
                "ptc": _p(share(t.get("TC", 0), total)),
                "sc": t.get("SC", 0),
            },  # fmt: skip
            "political_theory",
        )
    )
    holders = f["key_post_holders"]
    if holders:
        out.append(
            Sentence(
                _(
                    "Đến nay, %(pu)s%% cán bộ giữ chức danh chủ chốt có trình độ chuyên môn từ đại "
                    "học trở lên và %(pt)s%% có trình độ lý luận chính trị từ trung cấp trở lên; "
                    "%(nl)d/%(h)d người (%(pnl)s%%) không phải là người địa phương."
                )
                % {
                    "pu": _p(share(f["key_post_holders_university"], holders)),
                    "pt": _p(share(f["key_post_holders_theory_intermediate"], holders)),
                    "nl": f["non_local_key_post_holders"],
                    "h": holders,
                    "pnl": _p(share(f["non_local_key_post_holders"], holders)),
                },
                "key_post_holders_university, key_post_holders_theory_intermediate, "
                "non_local_key_post_holders",
            )
        )
    a = f["age_groups"]
    out.append(
        Sentence(
            _(
                "Về độ tuổi: dưới 35 tuổi %(a35)d người (%(p35)s%%), dưới 40 tuổi %(a40)d người "
                "(%(p40)s%%), trên 60 tuổi %(a60)d người."
            )
            % {
                "a35": a["under35"],
                "p35": _p(share(a["under35"], total)),
                "a40": a["under40"],
                "p40": _p(share(a["under40"], total)),
                "a60": a["gt60"],
            },  # fmt: skip
            "age_groups",
        )
    )
    ratings = f.get("ratings")
    if ratings and ratings.get("year"):
        rated = sum(v for k, v in ratings.items() if k != "year")
        out.append(
            Sentence(
                _(
                    "Kết quả xếp loại năm %(year)s: %(n)d người được xếp loại, trong đó hoàn "
                    "thành xuất sắc nhiệm vụ %(ex)d (%(pex)s%%), hoàn thành tốt nhiệm vụ %(gd)d "
                    "(%(pgd)s%%), hoàn thành nhiệm vụ %(cp)d (%(pcp)s%%), không hoàn thành nhiệm "
                    "vụ %(ic)d (%(pic)s%%)."
                )
                % {
                    "year": ratings["year"],
                    "n": rated,
                    "ex": ratings["excellent"],
                    "pex": _p(share(ratings["excellent"], rated)),
                    "gd": ratings["good"],
                    "pgd": _p(share(ratings["good"], rated)),
                    "cp": ratings["complete"],
                    "pcp": _p(share(ratings["complete"], rated)),
                    "ic": ratings["incomplete"],
                    "pic": _p(share(ratings["incomplete"], rated)),
                },  # fmt: skip
                "ratings",
            )
        )
    return out + indicator_sentences(results)


def indicator_sentences(results: list[Result]) -> list[Sentence]:
    out = []
    for r in results:
        ind = r.indicator
        out.append(
            Sentence(
                _("Chỉ tiêu “%(name)s” (%(res)s): %(detail)s — %(status)s.")
                % {
                    "name": ind.name,
                    "res": ind.resolution,
                    "detail": r.detail,
                    "status": r.status_label.lower(),
                },  # fmt: skip
                f"indicator:{ind.code}",
            )
        )
    return out
