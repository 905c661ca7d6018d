from django.urls import path  # noqa: F401

app_name = "datasets"

# Mounted at staff/<slug:agency>/datasets/
urlpatterns = []
