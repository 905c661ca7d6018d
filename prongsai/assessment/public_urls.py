from django.urls import path

from . import public_views

app_name = "assessment_public"

# Mounted at <slug:agency>/survey/ (the middleware scrubs the requests of these addresses)
urlpatterns = [
    path("iit/<str:round>/", public_views.iit, name="iit"),
    path("eit/<str:round>/", public_views.eit, name="eit"),
]
