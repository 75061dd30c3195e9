from django.urls import path

from . import views

app_name = "posts"
urlpatterns = [
    path("titles/", views.title_list_view, name="titles"),
    path("decisions/", views.decision_list_view, name="decisions"),
    path("assign/<int:pk>/", views.assign_view, name="assign"),
]
