"""Sets, for each request that names an agency, the digits its pages use (``thai.style``)."""

from django.core.cache import cache

from prongsai.agencies.models import Agency
from prongsai.thai.style import digits_reset, digits_set

KEY = "agency-web-digits:{slug}"


def digits_of(slug: str) -> str:
    key = KEY.format(slug=slug)
    style = cache.get(key)
    if style is None:
        style = Agency.objects.filter(slug=slug).values_list("web_digits", flat=True).first() or "arabic"
        cache.set(key, style, 3600)
    return style


def forget(slug: str) -> None:
    cache.delete(KEY.format(slug=slug))


class AgencyDigitsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        finally:
            # Set in process_view for the view and its template (a TemplateResponse renders before this).
            token = request.__dict__.pop("_prongsai_digits", None)
            if token is not None:
                digits_reset(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        slug = view_kwargs.get("agency")
        if isinstance(slug, str):
            request._prongsai_digits = digits_set(digits_of(slug))
