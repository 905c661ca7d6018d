"""What every page's layout needs to know about the deployment."""

from functools import lru_cache

from django.conf import settings
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.urls import get_script_prefix, reverse
from django.utils.functional import empty


@lru_cache(maxsize=64)
def _set_language_url(_prefix: str) -> str:
    return reverse("set_language")


def site(request) -> dict:
    return {
        "demo_banner": getattr(settings, "PRONGSAI_DEMO_BANNER", False),
        "set_language_url": _set_language_url(get_script_prefix()),  # the same on every page
    }


def messages(request) -> dict:
    """Django's messages processor, without opening the storage where no message can be.

    Messages wait in the messages cookie or in the session (Django's fallback storage); a request with neither
    cookie, which is nearly every public page view, has none, unless the view itself added one (then the
    storage is open already). Asking the layout's ``{% if messages %}`` otherwise builds both storages and
    reads the cookie on every page."""
    storage = getattr(request, "_messages", None)
    opened = storage is not None and getattr(storage, "_wrapped", None) is not empty
    cookies = request.COOKIES
    if opened or CookieStorage.cookie_name in cookies or settings.SESSION_COOKIE_NAME in cookies:
        return {"messages": get_messages(request)}
    return {"messages": ()}
