from django.urls import path

from . import public_views

app_name = "integrity_report"

# Mounted at report/ (one address for every agency: the receipt says which case it is)
urlpatterns = [path("", public_views.report, name="report")]
