"""The production entry point (prongsai.wsgi, what gunicorn serves): requests through it get the project's
answers, and on the interpreters that free a data-stack chunk as soon as it empties (CPython 3.11, 3.12) each
request runs in a chunk of its own. How much that saves is measured in `make bench` (a nested template at the
worst call depth), not here."""

import io
import sys

import pytest
from django.core import signals
from django.db import close_old_connections

from prongsai.wsgi import application, on_fresh_stack

CHUNK_WORDS = 16 * 1024 // 8  # CPython's data-stack chunk, in pointers


def call(app, path: str):
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = status, dict(headers)

    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
    }
    result = app(environ, start_response)
    try:
        body = b"".join(result)
    finally:
        getattr(result, "close", lambda: None)()
    return answer["status"], answer["headers"], body


@pytest.fixture
def no_connection_upkeep():
    # As Django's test client does: the handler would close the database connection between requests, which
    # is the suite's (and /healthz uses none).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_the_served_application_answers_as_the_project_does(no_connection_upkeep):
    status, headers, body = call(application, "/healthz")
    assert status.startswith("200") and body == b"ok\n"
    assert "Content-Security-Policy" in headers  # the whole middleware stack ran


def test_what_the_wrapped_application_returns_or_raises_passes_through_unchanged():
    sent = object()
    assert on_fresh_stack(lambda environ, start_response: (environ, start_response, sent))(1, 2) == (
        1,
        2,
        sent,
    )

    def broken(environ, start_response):
        raise LookupError("kept")

    with pytest.raises(LookupError, match="kept"):
        on_fresh_stack(broken)({}, None)


@pytest.mark.skipif(
    sys.implementation.name != "cpython" or not (3, 11) <= sys.version_info[:2] < (3, 13),
    reason="only CPython 3.11 and 3.12 free a chunk as soon as it empties",
)
def test_on_the_affected_interpreters_the_entry_frame_asks_for_more_than_a_chunk():
    entered = on_fresh_stack(lambda environ, start_response: None)
    # More than a chunk, so the interpreter opens one for it; less than a few, so little is mapped.
    assert 4 * CHUNK_WORDS < entered.__code__.co_stacksize < 16 * CHUNK_WORDS
