from django.urls import path

from . import views

app_name = "evaluation"
urlpatterns = [
    path("", views.cycle_list_view, name="cycles"),
    path("cycles/<int:pk>/", views.cycle_view, name="cycle"),
    path("cycles/<int:pk>/status/", views.cycle_status_view, name="cycle_status"),
    path("cycles/<int:pk>/<slug:code>/", views.cycle_unit_view, name="cycle_unit"),
    path("<int:pk>/", views.evaluation_view, name="evaluation"),
    path("ratings/<slug:code>/", views.ratings_report_view, name="ratings"),
    path("ratings/<slug:code>/export.xlsx", views.ratings_export_view, name="ratings_export"),
    path(
        "ratings/<slug:code>/export.pdf",
        views.ratings_export_view,
        {"fmt": "pdf"},
        name="ratings_export_pdf",
    ),
    path("criteria/<slug:code>/<int:year>/", views.criteria_view, name="criteria"),
    path("awaiting/", views.awaiting_view, name="awaiting"),
    path("import/", views.ratings_import_view, name="ratings_import"),
    path("votes/", views.votes_view, name="votes"),
    path("votes/<int:pk>/", views.vote_view, name="vote"),
]
