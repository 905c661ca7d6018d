from django.urls import path

from . import views

app_name = "eservice_public"

# Mounted at <slug:agency>/services/
urlpatterns = [
    path("", views.service_list, name="list"),
    path("statistics/<int:year>/", views.statistics_page, name="statistics"),
    path("statistics/<int:year>.<str:fmt>", views.statistics_download, name="statistics_download"),
    path("<slug:kind>/<int:year>/", views.register_page, name="register"),
    path("<slug:kind>/<int:year>.<str:fmt>", views.register_download, name="register_download"),
    path("<slug:slug>/", views.service_detail, name="detail"),
    path("<slug:slug>/apply/", views.apply, name="apply"),
    path("<slug:slug>/<str:name>.<str:fmt>", views.service_file, name="file"),
]
