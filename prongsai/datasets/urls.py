from django.urls import path

from . import views

app_name = "datasets"

# Mounted at staff/<slug:agency>/datasets/
urlpatterns = [
    path("", views.staff_list, name="list"),
    path("new/", views.staff_create, name="create"),
    path("<slug:slug>/", views.staff_detail, name="detail"),
    path("<slug:slug>/edit/", views.staff_edit, name="edit"),
    path("<slug:slug>/period/", views.staff_period_go, name="period_go"),
    path("<slug:slug>/rows/<str:period>/", views.staff_rows, name="rows"),
    path("<slug:slug>/import/", views.staff_import, name="import"),
    path("<slug:slug>/publish/", views.staff_publish, name="publish"),
    path("<slug:slug>/download.<str:fmt>", views.staff_download, name="download"),
]
