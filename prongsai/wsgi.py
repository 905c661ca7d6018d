import os
import sys

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.settings")


def on_fresh_stack(app):
    """``app`` called from a frame that opens a data-stack chunk of its own, large enough for any request.

    Why: CPython 3.11 and 3.12 keep each thread's Python frames in 16 KB chunks and free a chunk (munmap) the
    moment its first frame returns; a request whose calls go up and down across a chunk's edge maps and
    unmaps memory each time (CPython gh-142183, fixed by caching a chunk in 3.13 and 3.14 only). Django's
    template rendering recurses up and down hundreds of times per page, and where the edge falls depends on
    how deep the server's own frames are: measured here, the OIT index took 7.4 ms of CPU under gunicorn (and
    wsgiref) against 4.9 ms called straight, the same code. No library changes where the interpreter's
    chunks start, so it is done here: the entry frame asks for a stack larger than a chunk, the interpreter
    gives it a 256 KB chunk of its own with half of it free above, and the whole request runs inside
    that one chunk (one map and unmap per request instead of hundreds). The size is the code object's declared
    stack depth, which the interpreter only uses to size the frame: nothing is initialised in it."""
    if sys.implementation.name != "cpython" or not (3, 11) <= sys.version_info[:2] < (3, 13):
        return app

    def enter(environ, start_response):
        return app(environ, start_response)

    # A chunk is the power of two above (frame + 1,000 words): 15,400 words of frame ask for 256 KB and
    # leave some 17,000 words (138 KB) above it, several times a page's deepest rendering (beyond it, the
    # interpreter adds a chunk as usual). Measured: about 7 µs per request for the map and unmap.
    code = enter.__code__
    roomy = code.replace(co_stacksize=code.co_stacksize + 15_400)
    return type(enter)(roomy, enter.__globals__, enter.__name__, None, enter.__closure__)


application = on_fresh_stack(get_wsgi_application())
