from django.urls import path  # noqa: F401

app_name = "content_public"

# Mounted at <slug:agency>/ (public pages of the agency)
urlpatterns = []
