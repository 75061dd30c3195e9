"""Catalogs seeded by migrations (see catalogs/data.py) and editable in the admin."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from canbo.core.models import CatalogModel


class Ethnicity(CatalogModel):
    """One of the 54 ethnic groups (GSO codes 01–54, QĐ 121-TCTK/PPCĐ)."""

    is_majority = models.BooleanField(_("dân tộc đa số (Kinh)"), default=False)

    class Meta(CatalogModel.Meta):
        verbose_name = _("dân tộc")
        verbose_name_plural = _("dân tộc")


class Religion(CatalogModel):
    """A religion; the row "Không" is kept explicitly (the 2C guide: never left blank)."""

    is_none = models.BooleanField(_("không theo tôn giáo"), default=False)

    class Meta(CatalogModel.Meta):
        verbose_name = _("tôn giáo")
        verbose_name_plural = _("tôn giáo")


class QualificationLevel(CatalogModel):
    """Professional qualification level (RULES §9.3): tiến sĩ … chưa qua đào tạo."""

    class Meta(CatalogModel.Meta):
        verbose_name = _("trình độ chuyên môn")
        verbose_name_plural = _("trình độ chuyên môn")


class PoliticalTheoryLevel(CatalogModel):
    """Political theory level (RULES §9.1): sơ cấp, trung cấp, cao cấp, cử nhân."""

    class Meta(CatalogModel.Meta):
        verbose_name = _("trình độ lý luận chính trị")
        verbose_name_plural = _("trình độ lý luận chính trị")


class StateManagementRank(CatalogModel):
    """State-management training level (RULES §9.2): chuyên viên, chuyên viên chính, cao cấp."""

    class Meta(CatalogModel.Meta):
        verbose_name = _("trình độ quản lý nhà nước")
        verbose_name_plural = _("trình độ quản lý nhà nước")


class CivilServiceRank(CatalogModel):
    """Civil-service rank (ngạch) with its code; codes are provisional (RULES §9.2)."""

    class Meta(CatalogModel.Meta):
        verbose_name = _("ngạch công chức")
        verbose_name_plural = _("ngạch công chức")


class ManagementTier(CatalogModel):
    """Which body manages a cadre (diện quản lý), e.g. the provincial standing committee."""

    description = models.TextField(_("mô tả"), blank=True)

    class Meta(CatalogModel.Meta):
        verbose_name = _("diện quản lý")
        verbose_name_plural = _("diện quản lý")
