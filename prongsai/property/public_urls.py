from django.urls import path

from . import public_views as views

app_name = "property_public"

# Mounted at <slug:agency>/property/
urlpatterns = [
    path("", views.index, name="index"),
    path("measures.pdf", views.measures_pdf, name="measures_pdf"),
    path("rules/", views.rules, name="rules"),
    path("donations/<int:year>/", views.donations, name="donations"),
    path("donations/<int:year>.<str:fmt>", views.donations_download, name="donations_download"),
    path("seized/<int:year>/", views.seized, name="seized"),
    path("seized/<int:year>.<str:fmt>", views.seized_download, name="seized_download"),
    path("lend/", views.lendable, name="lendable"),
    path("lend/assets.<str:fmt>", views.lendable_download, name="lendable_download"),
    path("lend/track/", views.track, name="track_lookup"),
    path("lend/track/<str:code>/", views.track, name="track"),
    path("lend/<str:code>/", views.borrow, name="borrow"),
]
