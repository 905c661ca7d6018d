from django.conf import settings
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.messages.storage import default_storage
from django.utils import translation
from django.utils.functional import SimpleLazyObject, empty


class LanguageMiddleware:
    """Thai unless the reader chose English with the switch (the language cookie).

    Replaces Django's LocaleMiddleware on purpose: that one follows the browser's Accept-Language, and most
    phones and office PCs here send English, which would show an official Thai site in English by default.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.languages:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        response.headers.setdefault("Vary", "Cookie")
        return response


class LazyMessageMiddleware(MessageMiddleware):
    """Django's messages, with the storage made only when something adds or reads a message.

    Django builds the cookie-and-session storage on every request, public pages and health checks included;
    most requests never touch it. A storage nobody touched has nothing to write (Django's own update() does
    nothing when no message was read or added), so skipping it changes no response."""

    def process_request(self, request):
        request._messages = SimpleLazyObject(lambda: default_storage(request))

    def process_response(self, request, response):
        messages = getattr(request, "_messages", None)
        if isinstance(messages, SimpleLazyObject) and messages._wrapped is empty:
            return response
        return super().process_response(request, response)
