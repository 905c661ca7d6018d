"""The bare floor of `make bench`: one Django view with no middleware, no apps and no database, served by
the same gunicorn settings as the project. What the project's pages are compared with: the ratio of the
project's own trivial view (``/healthz`` through the whole middleware stack) to this one is what the stack
costs; a page's ratio to it is how close the page comes to what Django alone can answer."""

from django.conf import settings

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="bench-floor-" + "x" * 50,
        ALLOWED_HOSTS=["127.0.0.1", "localhost"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=[],
        INSTALLED_APPS=[],
        DATABASES={},
        USE_I18N=False,
    )

from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path


def ok(request):
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


urlpatterns = [path("healthz", ok)]
application = get_wsgi_application()
