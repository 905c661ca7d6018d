from django.conf import settings
from django.utils import translation


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
