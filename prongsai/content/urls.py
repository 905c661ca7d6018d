from django.urls import path

from . import views

app_name = "content"

# Mounted at staff/<slug:agency>/content/
urlpatterns = [
    path("", views.staff_index, name="index"),
    path("executives/", views.executives, name="executives"),
    path("executives/<int:pk>/", views.executives, name="executive_edit"),
    path("staffing/", views.staffing, name="staffing"),
    path("area/", views.area, name="area"),
    path("area/subdistricts/<int:pk>/", views.subdistrict_edit, name="subdistrict_edit"),
    path("area/links/<int:pk>/", views.link_edit, name="link_edit"),
    path("contact/", views.contact_edit, name="contact"),
    path("laws/", views.laws_edit, name="laws"),
    path("laws/<int:pk>/", views.laws_edit, name="law_edit"),
    path("schools/", views.schools_edit, name="schools"),
    path("schools/<int:pk>/", views.schools_edit, name="school_edit"),
    path("schools/import/", views.schools_import, name="schools_import"),
    path("news/", views.news_edit, name="news"),
    path("news/<int:pk>/", views.news_edit, name="news_edit"),
    path("news/<int:pk>/photos/<int:photo_pk>/remove/", views.news_photo_remove, name="news_photo_remove"),
]
