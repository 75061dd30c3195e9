from django.urls import path

from . import views

app_name = "exports"
urlpatterns = [
    path("people.<str:fmt>", views.people_export_view, name="people"),
    path("people/<int:pk>/2c.<str:fmt>", views.profile_export_view, name="profile"),
]
