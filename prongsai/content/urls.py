from django.urls import path  # noqa: F401

app_name = "content"

# Mounted at staff/<slug:agency>/content/
urlpatterns = []
