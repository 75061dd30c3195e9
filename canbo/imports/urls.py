from django.urls import path

from . import views

app_name = "imports"
urlpatterns = [
    path("", views.import_index_view, name="index"),
    path("<int:pk>/", views.import_preview_view, name="preview"),
    path("<int:pk>/commit/", views.import_commit_view, name="commit"),
]
