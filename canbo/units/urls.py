from django.urls import path

from . import views

app_name = "units"
urlpatterns = [
    path("", views.unit_tree_view, name="tree"),
    path("areas/options/", views.area_options_view, name="area_options"),
    path("options/", views.unit_options_view, name="unit_options"),
    path("<slug:code>/", views.unit_detail_view, name="detail"),
    path("<slug:code>/children/", views.unit_children_view, name="children"),
]
