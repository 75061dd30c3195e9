"""Shared pieces of the demo generator: key dates, the description of a post to fill, date
helpers."""

from __future__ import annotations

import calendar
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

REORGANISED = date(2025, 7, 1)  # two-tier local government; communes merged
FORMER_END = date(2025, 6, 30)
STREAMLINED = date(2025, 3, 1)  # provincial departments and party boards merged
RICH_LIMIT = 5000  # up to this size every profile gets full 2C sections

ABBREVIATIONS = {
    "nv": "SNV",
    "tc": "STC",
    "gddt": "SGDĐT",
    "yt": "SYT",
    "nnmt": "SNNMT",
    "xd": "SXD",
    "khcn": "SKHCN",
    "ct": "SCT",
    "vhttdl": "SVHTTDL",
    "tp": "STP",
    "dttg": "SDTTG",
    "ng": "SNgV",
}
NEW_DEPARTMENTS = {"nnmt", "dttg"}  # created on 1 March 2025 from the units merged into them

VERBS = {
    "appointment": "bổ nhiệm",
    "reappointment": "bổ nhiệm lại",
    "election": "phê chuẩn kết quả bầu",
    "designation": "chỉ định",
    "rotation": "luân chuyển, chỉ định",
    "transfer": "điều động",
    "recruitment": "tuyển dụng",
}


@dataclass(slots=True)
class Past:
    """A post held before the current one, until `end`."""

    post: int
    start: date
    end: date
    kind: str
    issuer: tuple[str, str]
    end_reason: str


@dataclass(slots=True)
class Slot:
    """One person to generate: their primary post now and what else they hold or held."""

    role: str
    post: int
    start: date | None  # None: a staff member whose career starts with recruitment
    kind: str
    issuer: tuple[str, str]
    commune: int | None = None  # the commune area the person works in (locality)
    local: bool | None = None
    hometown: int | None = None
    concurrent: list = field(default_factory=list)  # (post, kind, issuer)
    past: list[Past] = field(default_factory=list)
    checks: tuple = ()
    duty: str = ""
    # Staff: the recruitment decision's issuer, the former posts that carry the career before
    # the unit existed, and the issuer of the decision placing them in the new unit.
    recruit_issuer: tuple[str, str] | None = None
    former_posts: list = field(default_factory=list)  # (post, issuer)
    reorg_issuer: tuple[str, str] | None = None
    transfer_posts: list = field(default_factory=list)
    party_issuers: tuple = ()  # sanctions: (party now, state now, party before 7/2025)


@dataclass(slots=True)
class Pool:
    """Staff posts of a unit: `weight` people (fixed pools keep their size, the others share
    what is left); `template` describes each of them."""

    post: int
    role: str
    weight: float
    fixed: bool
    template: Slot
    count: int = 0


def add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def month_end(d: date) -> date:
    return d.replace(day=calendar.monthrange(d.year, d.month)[1])


def rand_date(rng: random.Random, start: date, end: date) -> date:
    if end <= start:
        return start
    return start + timedelta(days=rng.randrange((end - start).days + 1))
