from django.urls import path

from . import views

app_name = "stats"
urlpatterns = [
    path("", views.stats_home_view, name="home"),
    path("<slug:code>/", views.dashboard_view, name="dashboard"),
    path("<slug:code>/export.xlsx", views.export_view, {"fmt": "xlsx"}, name="export"),
    path("<slug:code>/report.docx", views.export_view, {"fmt": "docx"}, name="export_docx"),
    path("<slug:code>/report.pdf", views.export_view, {"fmt": "pdf"}, name="export_pdf"),
    path("<slug:code>/trend/", views.trend_view, name="trend"),
    path("<slug:code>/indicators/", views.indicators_view, name="indicators"),
    path("<slug:code>/indicators/new/", views.indicator_form_view, name="indicator_new"),
    path("<slug:code>/indicators/<slug:indicator>/", views.indicator_view, name="indicator"),
    path(
        "<slug:code>/indicators/<slug:indicator>/edit/",
        views.indicator_form_view,
        name="indicator_edit",
    ),
]
