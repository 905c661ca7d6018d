from django.urls import path

from . import views

app_name = "city"

# Mounted at staff/<slug:agency>/city/
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("push/", views.push, name="push"),
    path("<int:year>/export.<str:fmt>", views.export, name="export"),
    path("<int:year>/refresh/", views.refresh, name="refresh"),
    path("<int:year>/<slug:child>/", views.district, name="district"),
]
