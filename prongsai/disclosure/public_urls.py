from django.urls import path

from . import opendata_views, views

app_name = "disclosure_public"

# Mounted at <slug:agency>/oit/ — these are the addresses agencies paste into the NACC's ITAS: never change them.
urlpatterns = [
    path("<int:year>/", views.public_index, name="index"),
    path("<int:year>/index.<str:fmt>", opendata_views.oit_index_download, name="index_download"),
    path("<int:year>/<str:code>/", views.public_item, name="item"),
    path("<int:year>/<str:code>/files/<str:token>/", views.public_file, name="file"),
]
