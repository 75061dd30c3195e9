from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import CriteriaGroup, Rating

RATING_CHOICES = [("", "—"), *Rating.choices]


class CycleOpenForm(forms.Form):
    unit = forms.CharField(
        label=_("Mã đơn vị"),
        max_length=40,
        widget=forms.TextInput(attrs={"list": "unit-codes", "autocomplete": "off"}),
    )
    year = forms.IntegerField(label=_("Năm đánh giá"), min_value=2000, max_value=2100)
    self_due = forms.DateField(label=_("Hạn tự đánh giá"), required=False, widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip
    review_due = forms.DateField(label=_("Hạn tập thể nhận xét"), required=False, widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip
    decision_due = forms.DateField(label=_("Hạn quyết định"), required=False, widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip


class SelfForm(forms.Form):
    text = forms.CharField(label=_("Tự đánh giá"), widget=forms.Textarea(attrs={"rows": 4}))
    self_rating = forms.ChoiceField(label=_("Tự xếp loại"), choices=RATING_CHOICES, required=False)


class ReviewForm(forms.Form):
    comment = forms.CharField(label=_("Nhận xét của tập thể"), widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip


class ProposeForm(forms.Form):
    general_score = forms.DecimalField(label=_("Điểm tiêu chí chung (tối đa 30)"), required=False, max_digits=5, decimal_places=2)  # fmt: skip
    results_score = forms.DecimalField(label=_("Điểm kết quả nhiệm vụ (tối đa 70)"), required=False, max_digits=5, decimal_places=2)  # fmt: skip
    rating = forms.ChoiceField(label=_("Đề xuất xếp loại"), choices=RATING_CHOICES, required=False)
    months_absent = forms.IntegerField(label=_("Số tháng nghỉ trong năm"), min_value=0, max_value=12, required=False)  # fmt: skip
    comment = forms.CharField(label=_("Ý kiến"), required=False, widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip


class DecideForm(forms.Form):
    rating = forms.ChoiceField(label=_("Xếp loại"), choices=Rating.choices)
    body = forms.CharField(label=_("Cấp có thẩm quyền"), required=False, max_length=255)
    comment = forms.CharField(label=_("Ý kiến"), required=False, widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip


class ReturnForm(forms.Form):
    comment = forms.CharField(label=_("Lý do trả lại"), widget=forms.Textarea(attrs={"rows": 2}))


class ReportForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=1990, max_value=2100)


class TaskForm(forms.Form):
    name = forms.CharField(label=_("Nhiệm vụ, sản phẩm"), max_length=500)
    weight = forms.DecimalField(label=_("Trọng số"), min_value=0.01, max_digits=6, decimal_places=2, initial=1)  # fmt: skip
    due_on = forms.DateField(label=_("Thời hạn"), required=False, widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip
    done_percent = forms.IntegerField(label=_("Hoàn thành (%)"), min_value=0, max_value=100, initial=100)  # fmt: skip
    major_errors = forms.IntegerField(label=_("Số lỗi lớn"), min_value=0, initial=0)
    delays = forms.IntegerField(label=_("Số lần chậm"), min_value=0, initial=0)


class VoteForm(forms.Form):
    unit = forms.CharField(
        label=_("Mã đơn vị"),
        max_length=40,
        widget=forms.TextInput(attrs={"list": "unit-codes", "autocomplete": "off"}),
    )
    body = forms.CharField(label=_("Hội nghị, cơ quan lấy phiếu"), max_length=255)
    held_on = forms.DateField(label=_("Ngày lấy phiếu"), widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip
    convened = forms.IntegerField(label=_("Số được triệu tập"), min_value=1)
    present = forms.IntegerField(label=_("Số có mặt"), min_value=0)


class VoteResultForm(forms.Form):
    citizen_id = forms.CharField(label=_("Số CCCD người được lấy phiếu"), max_length=12)
    high = forms.IntegerField(label=_("Tín nhiệm cao"), min_value=0)
    normal = forms.IntegerField(label=_("Tín nhiệm"), min_value=0)
    low = forms.IntegerField(label=_("Tín nhiệm thấp"), min_value=0)


class RatingsImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp .xlsx hoặc .csv"))
    year = forms.IntegerField(label=_("Năm (khi tệp không có cột Năm)"), min_value=1990, max_value=2100, required=False)  # fmt: skip


class VoteSheetForm(forms.Form):
    sheet = forms.FileField(label=_("Biên bản kiểm phiếu (.xlsx, .csv)"))


def add_criteria_fields(form: forms.Form, criteria) -> forms.Form:
    """One score field per criterion of the unit's template ("c<pk>"), optional in the form: the
    service refuses a partial scoring with the criterion missing."""
    for c in criteria:
        form.fields[f"c{c.pk}"] = forms.DecimalField(
            label=_("%(name)s (tối đa %(max)s)")
            % {"name": c.name, "max": f"{c.points.normalize():f}"},
            required=False,
            min_value=0,
            max_digits=5,
            decimal_places=2,
        )
    return form


def fit_score_fields(form: forms.Form, criteria, scale) -> forms.Form:
    """Show only the score fields that apply to the evaluation: a field per criterion for each
    group the unit's template details, the group's own score field for a group it does not
    (none for a year without the 100-point scale)."""
    from canbo.rules.evaluation import GENERAL, RESULTS

    detailed = {c.group for c in criteria}
    group_fields = {GENERAL: "general_score", RESULTS: "results_score"}
    if scale is not None:
        maxima = {GENERAL: scale.general_max, RESULTS: scale.results_max}
        labels = {GENERAL: _("Điểm tiêu chí chung (tối đa %(n)d)"), RESULTS: _("Điểm kết quả nhiệm vụ (tối đa %(n)d)")}  # fmt: skip
    for group, name in group_fields.items():
        if name not in form.fields:
            continue
        if scale is None or group in detailed:
            del form.fields[name]
        else:
            form.fields[name].label = labels[group] % {"n": maxima[group]}
    if criteria:
        # the criteria go where the scores are asked: after the text, before the rating
        fields = list(form.fields.items())
        at = next(
            (i for i, (n, _f) in enumerate(fields) if n in (*group_fields.values(), "rating", "self_rating")),
            len(fields),
        )  # fmt: skip
        form.fields.clear()
        form.fields.update(fields[:at])
        add_criteria_fields(form, criteria)
        form.fields.update(fields[at:])
    return form


def criteria_scores(form: forms.Form, criteria) -> dict | None:
    """{criterion pk: points or None} when at least one criterion was scored, else None."""
    scores = {c.pk: form.cleaned_data.get(f"c{c.pk}") for c in criteria}
    return scores if any(v is not None for v in scores.values()) else None


class CriteriaForm(forms.Form):
    general = forms.CharField(
        label=_("Tiêu chí chung — mỗi dòng: tên tiêu chí | số điểm"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    results = forms.CharField(
        label=_(
            "Kết quả thực hiện nhiệm vụ — mỗi dòng: tên tiêu chí | số điểm (để trống: tính từ nhiệm vụ)"
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def specs(self):
        """The criteria as rule specs; ValidationError (Vietnamese) for a line that cannot be read."""
        from decimal import Decimal, InvalidOperation

        from canbo.rules.evaluation import CriterionSpec

        out, errors = [], []
        for group in ("general", "results"):
            for n, line in enumerate(self.cleaned_data.get(group, "").splitlines(), start=1):
                if not line.strip():
                    continue
                name, sep, points = line.rpartition("|")
                try:
                    value = Decimal(points.strip().replace(",", "."))
                except InvalidOperation:
                    value = None
                if not sep or value is None or not value.is_finite():
                    errors.append(
                        _("%(f)s, dòng %(n)d: “%(l)s” — hãy ghi “tên tiêu chí | số điểm”.")
                        % {"f": CriteriaGroup(group).label, "n": n, "l": line.strip()}
                    )
                    continue
                out.append(CriterionSpec(group, name.strip(), value))
        if errors:
            raise forms.ValidationError(errors)
        return out

    @staticmethod
    def initial_for(criteria) -> dict:
        lines: dict[str, list[str]] = {"general": [], "results": []}
        for c in criteria:
            lines[c.group].append(f"{c.name} | {c.points.normalize():f}")
        return {g: "\n".join(v) for g, v in lines.items()}


class BallotForm(forms.Form):
    """One ballot sheet entered by hand: one choice per person voted on (blank: not marked)."""

    def __init__(self, *args, people=(), **kwargs):
        from .choices import Confidence

        super().__init__(*args, **kwargs)
        self.people = list(people)
        for p in self.people:
            self.fields[f"p{p.pk}"] = forms.ChoiceField(
                label=p.full_name, choices=[("", "—"), *Confidence.choices], required=False
            )

    def marks(self) -> dict:
        return {
            p: self.cleaned_data[f"p{p.pk}"]
            for p in self.people
            if self.cleaned_data.get(f"p{p.pk}")
        }


class VotePersonForm(forms.Form):
    """Put a person on the ballot of a session: one of the holders of a leadership or management
    post in the session's unit subtree (the rules' exemptions are checked on saving)."""

    person = forms.TypedChoiceField(label=_("Người được lấy phiếu"), coerce=int)

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", "—"), *((p.pk, p.label) for p in people)]


class BallotsFileForm(forms.Form):
    sheet = forms.FileField(label=_("Tệp phiếu (.xlsx, .csv)"))
