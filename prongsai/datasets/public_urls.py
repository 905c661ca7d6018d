from django.urls import path

from . import views

app_name = "datasets_public"

# Mounted at <slug:agency>/ (public pages of the agency)
urlpatterns = [
    path("datasets/", views.public_list, name="list"),
    path("datasets/<slug:slug>/", views.public_detail, name="detail"),
    path("datasets/<slug:slug>.<str:fmt>", views.public_download, name="download"),
]
