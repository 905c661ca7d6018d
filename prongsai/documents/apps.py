from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    """Official outputs (PDF, DOCX, XLSX) in the Thai official style; no models."""

    name = "prongsai.documents"
