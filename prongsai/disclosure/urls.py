from django.urls import path

from . import readiness_views, views

app_name = "disclosure"

# Mounted at staff/<slug:agency>/oit/
urlpatterns = [
    path("", views.overview, name="overview"),
    path("versions/<int:version_id>/", views.version_file, name="version_file"),
    path(
        "publications/<int:publication_id>/<str:action>/", views.publication_action, name="publication_action"
    ),
    path("<int:year>/", views.board, name="board"),
    path("<int:year>/readiness/", readiness_views.readiness_board, name="readiness"),
    path("<int:year>/itas.<str:fmt>", readiness_views.itas_sheet, name="itas_sheet"),
    path("<int:year>/<str:code>/", views.item_detail, name="item"),
]
