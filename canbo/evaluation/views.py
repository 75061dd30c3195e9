"""Pages of the evaluation app: cycles, a unit's evaluations, one evaluation's workflow, the
ratings report. Every read goes through `canbo.access.scope`; writes through `services`."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canbo.access.scope import can, people_for, unit_or_404, units_for
from canbo.rules import evaluation as rules

from . import services
from .choices import RATING_ORDER, CycleStatus, EvaluationStatus
from .forms import (
    BallotForm,
    BallotsFileForm,
    CriteriaForm,
    CycleOpenForm,
    DecideForm,
    ProposeForm,
    RatingsImportForm,
    ReportForm,
    ReturnForm,
    ReviewForm,
    SelfForm,
    TaskForm,
    VoteForm,
    VotePersonForm,
    VoteResultForm,
    VoteSheetForm,
    criteria_scores,
    fit_score_fields,
)
from .models import ConfidenceVote, CriterionScore, Evaluation, EvaluationCycle
from .selectors import (
    awaiting_decision,
    ballot_check,
    cells,
    competent_body,
    criteria_template_for,
    cycle_progress,
    may_decide,
    rating_distribution,
    rating_trend,
    unit_evaluations,
    vote_person_choices,
)


def _cycle_or_404(user, pk: int) -> EvaluationCycle:
    cycle = EvaluationCycle.objects.select_related("root_unit").filter(pk=pk).first()
    if cycle is None or not can(user, "view", cycle.root_unit):
        raise Http404(_("Không có đợt đánh giá này."))
    return cycle


def _import_upload(upload, importer, **kwargs):
    """Run `importer` (a path-based reader of `importing`) on an uploaded file, kept on disk
    only for the call."""
    import tempfile
    from pathlib import Path

    with tempfile.NamedTemporaryFile(suffix=Path(upload.name).suffix) as tmp:
        for chunk in upload.chunks():
            tmp.write(chunk)
        tmp.flush()
        return importer(tmp.name, name=upload.name, **kwargs)


def _problem_messages(request, problems) -> None:
    for p in problems:
        where = _("dòng %(r)s, cột %(c)s") % {"r": p.row or "—", "c": p.column or "—"}
        messages.error(request, f"{where} “{p.value}”: {p.message}")


def _errors(request, exc: ValidationError) -> None:
    for m in exc.messages:
        messages.error(request, m)


class _Reported:
    """`with _Reported(request, refused) as done:` around a service call: a refusal
    (PermissionDenied) becomes the message `refused`, an invalid value (ValidationError) its own
    messages, and `done.ok` says whether the call went through."""

    def __init__(self, request, refused: str) -> None:
        self.request, self.refused, self.ok = request, refused, False

    def __enter__(self) -> _Reported:
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        if exc_type is None:
            self.ok = True
        elif issubclass(exc_type, PermissionDenied):
            messages.error(self.request, self.refused)
        elif issubclass(exc_type, ValidationError):
            _errors(self.request, exc)
        else:
            return False
        return True


VOTE_REFUSED = gettext_lazy("Bạn không có quyền ghi kết quả lấy phiếu ở đơn vị này.")


def cycle_list_view(request):
    units = units_for(request.user, "view")
    cycles = EvaluationCycle.objects.filter(root_unit__in=units.values("pk")).select_related(
        "root_unit"
    )
    form = CycleOpenForm(request.POST or None, initial={"year": date.today().year})
    if request.method == "POST" and form.is_valid():
        unit = unit_or_404(request.user, form.cleaned_data["unit"])
        with _Reported(request, _("Bạn không có quyền mở đợt đánh giá cho đơn vị này.")) as done:
            opened = services.cycle_open(
                actor=request.user,
                root_unit=unit,
                year=form.cleaned_data["year"],
                self_due=form.cleaned_data["self_due"],
                review_due=form.cleaned_data["review_due"],
                decision_due=form.cleaned_data["decision_due"],
            )
        if done.ok:
            messages.success(
                request,
                _("Đã mở đợt: %(n)d người được đánh giá, %(m)d người không đánh giá.")
                % {"n": opened.evaluations, "m": len(opened.excluded)},
            )
            return redirect("evaluation:cycle", pk=opened.cycle.pk)
    # the units the user may open a cycle for, offered as he types the code
    unit_choices = units_for(request.user, "change").order_by("path").only("code", "name")[:2000]
    return render(
        request,
        "evaluation/cycle_list.html",
        {
            "cycles": cycles,
            "form": form,
            "unit_choices": list(unit_choices),
            # the cadre's own evaluations (role "cán bộ": his self-assessment starts here)
            "own": Evaluation.objects.filter(person__user_id=request.user.pk)
            .select_related("person")
            .order_by("-year")[:10],
        },
    )


def cycle_view(request, pk: int):
    cycle = _cycle_or_404(request.user, pk)
    people = people_for(request.user, "view")
    rows = cycle_progress(cycle, people)
    exclusions = cycle.exclusions.filter(person__in=people.values("pk")).select_related("person")[
        :200
    ]
    context = {
        "cycle": cycle,
        "rows": rows,
        "statuses": EvaluationStatus.choices,
        "exclusions": exclusions,
        "total": sum(r["total"] for r in rows),
        "pending": sum(r["pending"] for r in rows),
        "can_change": can(request.user, "change", cycle.root_unit),
    }
    return render(request, "evaluation/cycle_detail.html", context)


def cycle_status_view(request, pk: int):
    """POST: close or reopen a cycle (staff with "change" on its root unit)."""
    cycle = _cycle_or_404(request.user, pk)
    if request.method == "POST":
        status = request.POST.get("status", "")
        try:
            undecided = services.cycle_set_status(actor=request.user, cycle=cycle, status=status)
        except PermissionDenied:
            raise Http404(_("Không có đợt đánh giá này.")) from None
        except ValidationError as exc:
            _errors(request, exc)
        else:
            if status == CycleStatus.CLOSED:
                messages.success(
                    request,
                    _("Đã kết thúc đợt đánh giá; %(n)d bản chưa có quyết định giữ nguyên.")
                    % {"n": undecided},
                )
            else:
                messages.success(request, _("Đã mở lại đợt đánh giá."))
    return redirect("evaluation:cycle", pk=cycle.pk)


def cycle_unit_view(request, pk: int, code: str):
    cycle = _cycle_or_404(request.user, pk)
    unit = unit_or_404(request.user, code)
    evaluations = list(unit_evaluations(cycle, unit, people_for(request.user, "view")))
    for e in evaluations:
        e.body = competent_body(e, unit)
    violations = services.unit_violations(evaluations, cycle.year, unit.pk)
    return render(
        request,
        "evaluation/unit_evaluations.html",
        {
            "cycle": cycle,
            "unit": unit,
            "evaluations": evaluations,
            "violations": violations,
            "scale": rules.score_scale(cycle.year),
        },
    )


def _evaluation_or_404(user, pk: int) -> Evaluation:
    ev = (
        Evaluation.objects.select_related("person__unit", "unit", "cycle", "management_tier")
        .filter(pk=pk)
        .first()
    )
    if ev is None or not (can(user, "view", ev.person) or ev.person.user_id == user.pk):
        raise Http404(_("Không có bản đánh giá này."))
    return ev


STEP_FORMS = {
    "self": SelfForm,
    "review": ReviewForm,
    "propose": ProposeForm,
    "decide": DecideForm,
    "return": ReturnForm,
    "task": TaskForm,
}


def _step_form(step: str, criteria, data=None, scale=None, **kwargs):
    """The form of a step; the self-assessment and the proposal show the score fields that
    apply (per criterion of the unit's template, else per group of the year's scale)."""
    form = STEP_FORMS[step](data, **kwargs)
    if step in ("self", "propose"):
        fit_score_fields(form, criteria, scale)
    return form


def evaluation_view(request, pk: int):
    ev = _evaluation_or_404(request.user, pk)
    criteria = services.criteria_of(ev)
    scale = rules.score_scale(ev.year)
    if request.method == "POST":
        step = request.POST.get("step", "")
        if step not in STEP_FORMS:
            raise Http404
        form = _step_form(step, criteria, request.POST, scale)
        if form.is_valid():
            d, user = form.cleaned_data, request.user
            with _Reported(request, _("Bạn không có quyền thực hiện bước này.")) as done:
                if step == "self":
                    services.self_assess(
                        actor=user, evaluation=ev, text=d["text"], self_rating=d["self_rating"],
                        criterion_scores=criteria_scores(form, criteria),
                    )  # fmt: skip
                elif step == "review":
                    services.review(actor=user, evaluation=ev, comment=d["comment"])
                elif step == "propose":
                    services.propose(
                        actor=user, evaluation=ev, rating=d["rating"], general_score=d.get("general_score"),
                        results_score=d.get("results_score"), months_absent=d["months_absent"], comment=d["comment"],
                        criterion_scores=criteria_scores(form, criteria),
                    )  # fmt: skip
                elif step == "decide":
                    services.decide(actor=user, evaluation=ev, rating=d["rating"], comment=d["comment"], body=d["body"])  # fmt: skip
                elif step == "task":
                    services.task_add(actor=user, evaluation=ev, **d)
                else:
                    services.return_for_rework(actor=user, evaluation=ev, comment=d["comment"])
            if done.ok:
                messages.success(request, _("Đã ghi."))
                return redirect("evaluation:evaluation", pk=ev.pk)
        else:
            for errors in form.errors.values():
                for e in errors:
                    messages.error(request, e)
        ev = _evaluation_or_404(request.user, pk)
    body = competent_body(ev)
    checks = []
    if ev.status == EvaluationStatus.DECISION:
        # what each rating would meet, so that the body sees the rules before deciding
        for r in RATING_ORDER:
            checks.append((r, [v.message for v in services.rating_violations(ev, r)]))
    context = {
        "ev": ev,
        "steps": ev.steps.select_related("actor"),
        "checks": checks,
        "scale": scale,
        "self_form": _step_form("self", criteria, scale=scale),
        "review_form": ReviewForm(),
        "propose_form": _step_form(
            "propose", criteria, scale=scale, initial={"months_absent": ev.months_absent}
        ),
        "detailed_groups": {c.group for c in criteria},
        "decide_form": DecideForm(initial={"rating": ev.proposed_rating, "body": body}),
        "criteria": _criteria_rows(ev, criteria),
        "competent_body": body,
        "criteria_link": can(request.user, "view", ev.unit),
        "may_decide": may_decide(request.user, ev),
        "return_form": ReturnForm(),
        "task_form": TaskForm(),
        "consequences": services.consequences(ev),
        "tasks": list(ev.tasks.all()),
        "can_change": can(request.user, "change", ev.person),
        "can_approve": can(request.user, "approve", ev.person),
        "is_own": ev.person.user_id == request.user.pk,
    }
    return render(request, "evaluation/evaluation_detail.html", context)


def _criteria_rows(ev: Evaluation, criteria) -> list[tuple]:
    """(criterion, self points, proposal points) for the page."""
    if not criteria:
        return []
    given = {(s.criterion_id, s.stage): s.points for s in ev.scores.all()}
    return [(c, given.get((c.pk, "self")), given.get((c.pk, "proposal"))) for c in criteria]


def criteria_view(request, code: str, year: int):
    """The year's framework and the unit's criteria (its own or those it inherits); staff with
    "change" on the unit detail the criteria within what the rules allow."""
    unit = unit_or_404(request.user, code)
    groups = rules.framework(year)
    template = criteria_template_for(unit, year)
    own = template is not None and template.unit_id == unit.pk
    may_change = can(request.user, "change", unit) and groups is not None
    criteria = list(template.criteria.all()) if template else []
    form = CriteriaForm(
        request.POST or None, initial=CriteriaForm.initial_for(criteria) if own else None
    )
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied(_("Bạn không có quyền cụ thể hóa tiêu chí của đơn vị này."))
        if form.is_valid():
            try:
                services.criteria_set(
                    actor=request.user, unit=unit, year=year, criteria=form.specs()
                )
            except ValidationError as exc:
                _errors(request, exc)
            else:
                messages.success(request, _("Đã ghi bộ tiêu chí."))
                return redirect("evaluation:criteria", code=unit.code, year=year)
    context = {
        "unit": unit,
        "year": year,
        "groups": groups,
        "scale": rules.score_scale(year),
        "template": template,
        "own": own,
        "criteria": criteria,
        "form": form,
        "may_change": may_change,
        "frozen": own and CriterionScore.objects.filter(criterion__template=template).exists(),
    }
    return render(request, "evaluation/criteria.html", context)


def awaiting_view(request):
    """The evaluations waiting for a decision the user may take."""
    rows = [(ev, competent_body(ev)) for ev in awaiting_decision(request.user)[:500]]
    return render(request, "evaluation/awaiting.html", {"rows": rows})


def ratings_report_view(request, code: str):
    unit = unit_or_404(request.user, code)
    form = ReportForm(request.GET or {"year": date.today().year - 1})
    year = form.cleaned_data["year"] if form.is_valid() else date.today().year - 1
    people = people_for(request.user, "view")
    data = rating_distribution(unit, year, people)
    rows = [(r["label"], r["total"], cells(r)) for r in data["tiers"]]
    trend = [(r["label"], r["total"], cells(r)) for r in rating_trend(unit, None, people)]
    context = {
        "unit": unit,
        "form": form,
        "year": year,
        "ratings": data["ratings"],
        "rows": rows,
        "total": (data["total"]["label"], data["total"]["total"], cells(data["total"])),
        "trend": trend,
    }
    return render(request, "evaluation/ratings_report.html", context)


def votes_view(request):
    units = units_for(request.user, "view")
    votes = ConfidenceVote.objects.filter(unit__in=units.values("pk")).select_related("unit")
    form = VoteForm(request.POST or None, initial={"held_on": date.today()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        unit = unit_or_404(request.user, d["unit"])
        with _Reported(request, VOTE_REFUSED) as done:
            vote = services.vote_create(
                actor=request.user, unit=unit, body=d["body"], held_on=d["held_on"],
                convened=d["convened"], present=d["present"],
            )  # fmt: skip
        if done.ok:
            return redirect("evaluation:vote", pk=vote.pk)
    unit_choices = units_for(request.user, "change").order_by("path").only("code", "name")[:2000]
    return render(
        request,
        "evaluation/vote_list.html",
        {"votes": votes, "form": form, "unit_choices": list(unit_choices)},
    )


def vote_view(request, pk: int):
    vote = ConfidenceVote.objects.select_related("unit").filter(pk=pk).first()
    if vote is None or not can(request.user, "view", vote.unit):
        raise Http404(_("Không có hội nghị lấy phiếu này."))
    people = people_for(request.user, "view")
    check = ballot_check(vote, people)
    ballot_form = BallotForm(
        request.POST if request.POST.get("action") == "ballot" else None,
        people=[row["person"] for row in check],
    )
    person_form = VotePersonForm(
        request.POST if request.POST.get("action") == "person" else None,
        people=vote_person_choices(vote, people),
    )
    person_post = request.method == "POST" and request.POST.get("action") == "person"
    if person_post and _person_post(request, vote, person_form, people):
        return redirect("evaluation:vote", pk=vote.pk)
    if request.method == "POST" and request.POST.get("action") == "unperson":
        _unperson_post(request, vote, people)
        return redirect("evaluation:vote", pk=vote.pk)
    ballot_action = request.method == "POST" and request.POST.get("action") in BALLOT_ACTIONS
    if ballot_action and _ballot_post(request, vote, ballot_form, people):
        return redirect("evaluation:vote", pk=vote.pk)
    counts_post = request.method == "POST" and not ballot_action and not person_post
    sheet_form = VoteSheetForm(None)
    if counts_post and request.FILES:
        sheet_form = VoteSheetForm(request.POST, request.FILES)
        if sheet_form.is_valid():
            from .importing import import_vote_results

            imported = _import_upload(
                sheet_form.cleaned_data["sheet"], import_vote_results, vote=vote,
                actor=request.user, people=people_for(request.user, "view"),
            )  # fmt: skip
            if not imported.problems:
                messages.success(request, _("Đã nhập %(n)d kết quả.") % {"n": imported.saved})
                return redirect("evaluation:vote", pk=vote.pk)
            messages.error(request, _("Không nhập dòng nào: %(n)d lỗi.") % {"n": len(imported.problems)})  # fmt: skip
            _problem_messages(request, imported.problems)
    form = VoteResultForm(request.POST if counts_post and not request.FILES else None)
    if counts_post and not request.FILES and form.is_valid():
        d = form.cleaned_data
        person = people_for(request.user, "view").filter(citizen_id=d["citizen_id"].strip()).first()
        if person is None:
            messages.error(request, _("Không có cán bộ mang số CCCD này trong phạm vi của bạn."))
        else:
            with _Reported(request, _("Bạn không có quyền ghi kết quả cho cán bộ này.")) as done:
                services.vote_result_add(
                    actor=request.user, vote=vote, person=person, high=d["high"],
                    normal=d["normal"], low=d["low"],
                )  # fmt: skip
            if done.ok:
                return redirect("evaluation:vote", pk=vote.pk)
    results = [
        (r, r.outcome())
        for r in vote.results.filter(person__in=people.values("pk"))
        .select_related("person")
        .order_by("person__given_name", "person__search_name", "person_id")
    ]
    context = {
        "ballot_form": ballot_form,
        "person_form": person_form,
        "ballots_file_form": BallotsFileForm(None, prefix="ballots"),
        "ballot_count": vote.ballots.count(),
        "check": check,
        "vote": vote,
        "form": form,
        "sheet_form": sheet_form,
        "results": results,
        "quorum": rules.quorum_met(vote.convened, vote.present, vote.held_on),
        "can_change": can(request.user, "change", vote.unit),
    }
    return render(request, "evaluation/vote_detail.html", context)


BALLOT_ACTIONS = ("ballot", "ballots_file", "tally")


def _person_in(people, pk):
    person = people.filter(pk=pk or 0).first()
    if person is None:
        raise Http404(_("Không có cán bộ này trong phạm vi của bạn."))
    return person


def _unperson_post(request, vote, people) -> None:
    """Take a person back off the ballot (only while nothing was entered for him)."""
    person = _person_in(people, request.POST.get("person"))
    with _Reported(request, VOTE_REFUSED) as done:
        services.vote_person_remove(actor=request.user, vote=vote, person=person)
    if done.ok:
        messages.success(request, _("Đã bỏ %(n)s khỏi danh sách lấy phiếu.") % {"n": person.full_name})  # fmt: skip


def _person_post(request, vote, form, people) -> bool:
    """Put the chosen person on the ballot; True when done."""
    if not form.is_valid():
        messages.error(request, _("Hãy chọn người được lấy phiếu trong danh sách."))
        return False
    person = _person_in(people, form.cleaned_data["person"])
    with _Reported(request, VOTE_REFUSED) as done:
        services.vote_person_add(actor=request.user, vote=vote, person=person)
    if done.ok:
        messages.success(request, _("Đã thêm %(n)s vào danh sách lấy phiếu.") % {"n": person.full_name})  # fmt: skip
    return done.ok


def _ballot_post(request, vote, ballot_form, people) -> bool:
    """The ballot actions of the session page; True when something was saved."""
    action = request.POST["action"]
    with _Reported(request, VOTE_REFUSED) as done:
        if action == "ballot":
            if not ballot_form.is_valid():
                return False
            marks = ballot_form.marks()
            if not marks:
                messages.error(request, _("Phiếu chưa đánh dấu người nào."))
                return False
            services.ballots_add(actor=request.user, vote=vote, ballots=[marks])
            messages.success(request, _("Đã ghi phiếu."))
        elif action == "tally":
            n = services.ballots_to_counts(actor=request.user, vote=vote)
            messages.success(request, _("Đã cập nhật số phiếu của %(n)d người từ các phiếu.") % {"n": n})  # fmt: skip
        else:
            form = BallotsFileForm(request.POST, request.FILES, prefix="ballots")
            if not form.is_valid():
                messages.error(request, _("Hãy chọn tệp phiếu."))
                return False
            from .importing import import_ballots

            imported = _import_upload(
                form.cleaned_data["sheet"], import_ballots, vote=vote, actor=request.user,
                people=people,
            )  # fmt: skip
            if imported.problems:
                messages.error(request, _("Không nhập phiếu nào: %(n)d lỗi.") % {"n": len(imported.problems)})  # fmt: skip
                _problem_messages(request, imported.problems)
                return False
            messages.success(request, _("Đã nhập %(n)d phiếu.") % {"n": imported.saved})
    return done.ok


def ratings_export_view(request, code: str, fmt: str = "xlsx"):
    from canbo.audit.services import record_export

    from .export import ratings_workbook

    unit = unit_or_404(request.user, code, "export")
    form = ReportForm(request.GET or {"year": date.today().year - 1})
    year = form.cleaned_data["year"] if form.is_valid() else date.today().year - 1
    people = people_for(request.user, "export")
    data = rating_distribution(unit, year, people)
    trend = rating_trend(unit, None, people)
    if fmt == "pdf":
        from canbo.core.pdf import PdfUnavailable

        from .export import ratings_pdf

        try:
            content, content_type = ratings_pdf(data, trend), "application/pdf"
        except PdfUnavailable as error:
            messages.error(request, str(error))
            return redirect(f"{reverse('evaluation:ratings', args=[unit.code])}?year={year}")
    else:
        content = ratings_workbook(data, trend)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    record_export(
        request.user, "ratings", {"unit": unit.code, "year": year, "format": fmt},
        data["total"]["total"],
    )  # fmt: skip
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="xep-loai-{unit.code}-{year}.{fmt}"'
    return response


def ratings_import_view(request):
    from .importing import import_ratings

    form = RatingsImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = _import_upload(
            form.cleaned_data["file"], import_ratings, year=form.cleaned_data["year"],
            people=people_for(request.user, "change"),
        )  # fmt: skip
        if not result.problems:
            messages.success(request, _("Đã nhập %(n)d kết quả xếp loại.") % {"n": result.saved})
            return redirect("evaluation:ratings_import")
    return render(request, "evaluation/ratings_import.html", {"form": form, "result": result})
