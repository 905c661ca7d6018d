from django.urls import path

from . import views

app_name = "eservice_track"

# Mounted at track/: the code finds the request, so no agency in the address.
urlpatterns = [
    path("", views.track_lookup, name="lookup"),
    path("<str:code>/", views.track, name="track"),
    path("<str:code>/r/<str:token>/", views.receipt, name="receipt"),
    path("<str:code>/r/<str:token>/receipt.pdf", views.receipt_pdf, name="receipt_pdf"),
    path("<str:code>/rate/<str:token>/", views.rate, name="rate"),
]
