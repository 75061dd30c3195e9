from django.urls import path

from . import views

app_name = "access"
urlpatterns = [path("", views.grants_view, name="grants")]
