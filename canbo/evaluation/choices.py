from django.db import models
from django.utils.translation import gettext_lazy as _


class Rating(models.TextChoices):
    """The four ratings (RULES §4.1), best first."""

    EXCELLENT = "excellent", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "good", _("Hoàn thành tốt nhiệm vụ")
    COMPLETE = "complete", _("Hoàn thành nhiệm vụ")
    INCOMPLETE = "incomplete", _("Không hoàn thành nhiệm vụ")


# best first: a lower index is a higher rating
RATING_ORDER: tuple[str, ...] = tuple(Rating.values)
RATING_ABBREVIATIONS: dict[str, str] = {
    "excellent": "HTXSNV",
    "good": "HTTNV",
    "complete": "HTNV",
    "incomplete": "KHTNV",
}


class CycleStatus(models.TextChoices):
    OPEN = "open", _("Đang đánh giá")
    CLOSED = "closed", _("Đã kết thúc")


class EvaluationStatus(models.TextChoices):
    """Where an evaluation is in the workflow: self → collective review → proposal → decision."""

    SELF = "self", _("Chờ cán bộ tự đánh giá")
    REVIEW = "review", _("Chờ tập thể nhận xét")
    PROPOSAL = "proposal", _("Chờ đề xuất xếp loại")
    DECISION = "decision", _("Chờ cấp có thẩm quyền quyết định")
    DECIDED = "decided", _("Đã quyết định")
    RETURNED = "returned", _("Trả lại để làm lại")


class EvaluationSource(models.TextChoices):
    CYCLE = "cycle", _("Đợt đánh giá")
    IMPORT = "import", _("Nhập từ tệp")


class StepKind(models.TextChoices):
    SELF = "self", _("Tự đánh giá")
    REVIEW = "review", _("Tập thể nhận xét")
    PROPOSAL = "proposal", _("Đề xuất xếp loại")
    DECISION = "decision", _("Quyết định xếp loại")
    RETURN = "return", _("Trả lại")


class CriteriaGroup(models.TextChoices):
    """The groups of the 100-point framework (RULES §4.2.2, §4.3.3)."""

    GENERAL = "general", _("Tiêu chí chung")
    RESULTS = "results", _("Kết quả thực hiện nhiệm vụ")


class ScoreStage(models.TextChoices):
    SELF = "self", _("Cán bộ tự chấm")
    PROPOSAL = "proposal", _("Tập thể, cấp đề xuất chấm")


class Confidence(models.TextChoices):
    """The three levels of a confidence ballot (RULES §3.5)."""

    HIGH = "high", _("Tín nhiệm cao")
    NORMAL = "normal", _("Tín nhiệm")
    LOW = "low", _("Tín nhiệm thấp")
