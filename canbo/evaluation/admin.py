from django.contrib import admin

from .models import (
    ConfidenceVote,
    Evaluation,
    EvaluationCycle,
    UnitRating,
    VoteCandidate,
    VoteResult,
)


@admin.register(EvaluationCycle)
class EvaluationCycleAdmin(admin.ModelAdmin):
    list_display = ["year", "root_unit", "status", "decision_due"]
    list_filter = ["year", "status"]
    raw_id_fields = ["root_unit", "opened_by"]


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    list_display = ["person", "year", "unit", "status", "rating", "source"]
    list_filter = ["year", "status", "rating", "source"]
    raw_id_fields = ["person", "cycle", "unit", "decided_by"]


@admin.register(UnitRating)
class UnitRatingAdmin(admin.ModelAdmin):
    list_display = ["unit", "year", "rating"]
    list_filter = ["year", "rating"]
    raw_id_fields = ["unit"]


class VoteResultInline(admin.TabularInline):
    model = VoteResult
    raw_id_fields = ["person"]
    extra = 0


class VoteCandidateInline(admin.TabularInline):
    model = VoteCandidate
    raw_id_fields = ["person"]
    extra = 0


@admin.register(ConfidenceVote)
class ConfidenceVoteAdmin(admin.ModelAdmin):
    list_display = ["body", "unit", "held_on", "convened", "present"]
    raw_id_fields = ["unit"]
    inlines = [VoteCandidateInline, VoteResultInline]
