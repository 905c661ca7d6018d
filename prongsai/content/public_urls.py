from django.urls import path

from . import views

app_name = "content_public"

# Mounted at <slug:agency>/ (public pages of the agency). Stable addresses: agencies paste them into ITAS.
urlpatterns = [
    path("about/", views.about, name="about"),
    path("about/area-plan.pdf", views.area_plan, name="area_plan"),
    path("about/photos/<str:name>", views.photo, name="photo"),
    path("laws/", views.laws, name="laws"),
    path("laws/files/<str:token>/", views.law_file, name="law_file"),
    path("schools/", views.schools, name="schools"),
    path("schools.<str:fmt>", views.schools_download, name="schools_download"),
    path("contact/", views.contact, name="contact"),
    path("news/", views.news_list, name="news"),
    path("news/feed/", views.NewsFeed(), name="news_feed"),
    path("news/<slug:slug>/", views.news_detail, name="news_detail"),
    path("news/<slug:slug>/files/<str:token>/", views.news_file, name="news_file"),
]
