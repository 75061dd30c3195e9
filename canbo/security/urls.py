from django.urls import path

from . import views

app_name = "security"
urlpatterns = [
    path("login/code/", views.login_code, name="login_code"),
    path("two-factor/", views.two_factor, name="two_factor"),
]
