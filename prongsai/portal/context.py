"""What every page's layout needs to know about the deployment."""

from django.conf import settings


def site(request) -> dict:
    return {"demo_banner": getattr(settings, "PRONGSAI_DEMO_BANNER", False)}
