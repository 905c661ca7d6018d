"""Each request starts with Arabic digits and leaves no digit style behind for the next one.

The page's agency sets its own style when the view looks it up (``agencies.access.public_agency``, which
every public and staff page calls), so knowing the style costs no query of its own.
"""

from prongsai.thai.style import digits_reset, digits_set


class AgencyDigitsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = digits_set("arabic")
        try:
            return self.get_response(request)
        finally:
            digits_reset(token)
