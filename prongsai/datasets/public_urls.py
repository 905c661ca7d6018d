from django.urls import path  # noqa: F401

app_name = "datasets_public"

# Mounted at <slug:agency>/ (public pages of the agency)
urlpatterns = []
