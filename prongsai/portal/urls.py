from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.deployment_home, name="deployment_home"),
    path("<slug:agency>/", views.agency_home, name="agency_home"),
]
