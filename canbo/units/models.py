"""Administrative areas and the unit tree.

The unit tree is a materialised path: `path` is the concatenation of the zero-padded ids of
the unit's ancestors and itself, so a subtree is one index range scan
(`path >= unit.path AND path < next sibling prefix`) on any database and collation.
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from canbo.core.models import TimeStampedModel

from .choices import AreaLevel, SuccessionKind, UnitKind

PATH_STEP = 9  # digits per level: ids up to 999,999,999
MAX_DEPTH = 30


def path_segment(pk: int) -> str:
    return f"{pk:0{PATH_STEP}d}"


def path_upper_bound(path: str) -> str:
    """The smallest path after every path that starts with `path` (increment the last segment)."""
    return path[:-PATH_STEP] + path_segment(int(path[-PATH_STEP:]) + 1)


class Area(models.Model):
    """An administrative area: the two-tier units in force since 1 July 2025 (34 provinces,
    3,321 communes, wards and special zones), and the former provinces, districts and communes
    kept so that older records (hometowns, past posts) stay readable."""

    code = models.CharField(_("mã"), max_length=12, unique=True)
    official_code = models.CharField(_("mã hành chính"), max_length=6)
    name = models.CharField(_("tên"), max_length=120)
    division_type = models.CharField(_("loại"), max_length=40)
    level = models.PositiveSmallIntegerField(_("cấp"), choices=AreaLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("thuộc"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    province = models.ForeignKey(
        "self",
        verbose_name=_("tỉnh hiện nay"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Tỉnh (từ 01/7/2025) chứa địa bàn này, kể cả với địa bàn cũ."),
    )
    successors = models.ManyToManyField(
        "self",
        verbose_name=_("địa bàn kế thừa"),
        symmetrical=False,
        blank=True,
        related_name="predecessors",
    )
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    search_name = models.CharField(max_length=120, editable=False, db_index=True)

    class Meta:
        verbose_name = _("địa bàn hành chính")
        verbose_name_plural = _("địa bàn hành chính")
        ordering = ["level", "official_code"]
        indexes = [models.Index(fields=["level", "province"], name="area_level_province")]

    def __str__(self) -> str:
        if self.valid_to:
            return f"{self.name} ({_('cũ')})"
        return self.name

    @property
    def is_current(self) -> bool:
        return self.valid_to is None

    def full_name(self) -> str:
        parts, area = [], self
        while area is not None:
            parts.append(area.name)
            area = area.parent
        return ", ".join(parts)


class UnitQuerySet(models.QuerySet):
    def in_subtree(self, unit: Unit, include_self: bool = True) -> UnitQuerySet:
        qs = self.in_subtree_of_path(unit.path)
        return qs if include_self else qs.exclude(pk=unit.pk)

    def in_subtree_of_path(self, path: str) -> UnitQuerySet:
        return self.filter(path__gte=path, path__lt=path_upper_bound(path))

    def active_on(self, on: date) -> UnitQuerySet:
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=on)
        )

    def roots(self) -> UnitQuerySet:
        return self.filter(parent__isnull=True)


class Unit(TimeStampedModel):
    """A unit of the political system: province, commune, party committee, agency, school …"""

    code = models.SlugField(
        _("mã đơn vị"),
        max_length=40,
        unique=True,
        help_text=_("Mã ngắn, duy nhất, dùng trong địa chỉ trang và dòng lệnh."),
    )
    name = models.CharField(_("tên đơn vị"), max_length=255)
    kind = models.CharField(_("loại đơn vị"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=PATH_STEP * MAX_DEPTH, editable=False, db_index=True)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    area = models.ForeignKey(
        Area,
        verbose_name=_("địa bàn hành chính"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="units",
    )
    valid_from = models.DateField(_("thành lập từ"), null=True, blank=True)
    valid_to = models.DateField(_("giải thể, sáp nhập ngày"), null=True, blank=True)
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_range",
                violation_error_message=_("Ngày kết thúc không được trước ngày thành lập."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.valid_to is None or self.valid_to >= date.today()

    def ancestors(self) -> UnitQuerySet:
        """Ancestors from the root down, without self (one query, from the path)."""
        ids = [
            int(self.path[i : i + PATH_STEP])
            for i in range(0, len(self.path) - PATH_STEP, PATH_STEP)
        ]
        return Unit.objects.filter(pk__in=ids).order_by("depth")

    def name_on(self, on: date | None) -> str:
        """The unit's name on a date: renames keep the old names in `UnitName`."""
        if on is None:
            return self.name
        for old in self.former_names.all():
            if (old.valid_from is None or old.valid_from <= on) and old.valid_to >= on:
                return old.name
        return self.name

    def current_successors(self) -> list[Unit]:
        """Follow merges and splits to the units that carry this one on today."""
        seen, frontier, result = {self.pk}, [self], []
        while frontier:
            unit = frontier.pop()
            nexts = [s.successor for s in unit.successions_out.select_related("successor")]
            if not nexts and unit is not self:
                result.append(unit)
            for nxt in nexts:
                if nxt.pk not in seen:
                    seen.add(nxt.pk)
                    frontier.append(nxt)
        return result


class UnitName(models.Model):
    """A name a unit carried before a rename, with the period it was used."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="former_names"
    )
    name = models.CharField(_("tên cũ"), max_length=255)
    valid_from = models.DateField(_("từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("đến ngày"))

    class Meta:
        verbose_name = _("tên cũ của đơn vị")
        verbose_name_plural = _("tên cũ của đơn vị")
        ordering = ["-valid_to"]

    def __str__(self) -> str:
        return f"{self.name} (→ {self.valid_to:%d/%m/%Y})"


class UnitSuccession(models.Model):
    """A unit carried on by another after a merge, split or transfer, from a date."""

    predecessor = models.ForeignKey(
        Unit, verbose_name=_("đơn vị cũ"), on_delete=models.CASCADE, related_name="successions_out"
    )
    successor = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị kế thừa"),
        on_delete=models.CASCADE,
        related_name="successions_in",
    )
    kind = models.CharField(_("hình thức"), max_length=10, choices=SuccessionKind.choices)
    date = models.DateField(_("ngày"))
    decision = models.ForeignKey(
        "posts.Decision",
        verbose_name=_("quyết định"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="unit_successions",
    )

    class Meta:
        verbose_name = _("kế thừa đơn vị")
        verbose_name_plural = _("kế thừa đơn vị")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"],
                name="unit_succession_unique",
                violation_error_message=_("Quan hệ kế thừa này đã có."),
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=models.F("successor")),
                name="unit_succession_not_self",
                violation_error_message=_("Đơn vị không thể kế thừa chính nó."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"
