"""The policy header kept per process (portal/csp.py) says exactly what django-csp would build each time."""

import re

from csp.middleware import CSPMiddleware
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from prongsai.portal.csp import CachedCSPMiddleware


def _through(middleware_class, view, path="/pathumwan/"):
    request = RequestFactory().get(path)
    middleware = middleware_class(view)
    return middleware(request)


def _plain(request):
    return HttpResponse("ok")


def _with_nonce(request):
    return HttpResponse(f'<script nonce="{request.csp_nonce}"></script>')


def test_the_kept_header_is_the_one_django_csp_builds():
    ours = _through(CachedCSPMiddleware, _plain)["Content-Security-Policy"]
    assert ours == _through(CSPMiddleware, _plain)["Content-Security-Policy"]
    assert "default-src 'self'" in ours and "nonce-" not in ours


def test_a_page_that_asks_for_a_nonce_gets_its_own_nonce_in_the_header():
    first, second = _through(CachedCSPMiddleware, _with_nonce), _through(CachedCSPMiddleware, _with_nonce)
    nonces = []
    for response in (first, second):
        body_nonce = re.search(r'nonce="([^"]+)"', response.content.decode()).group(1)
        assert f"'nonce-{body_nonce}'" in response["Content-Security-Policy"]
        nonces.append(body_nonce)
    assert nonces[0] != nonces[1]
    # The same page through django-csp's own middleware: the same header but for the nonce.
    theirs = _through(CSPMiddleware, _with_nonce)
    their_nonce = re.search(r'nonce="([^"]+)"', theirs.content.decode()).group(1)
    assert (
        first["Content-Security-Policy"].replace(nonces[0], their_nonce) == theirs["Content-Security-Policy"]
    )


def test_a_changed_setting_changes_the_header_and_report_only_is_sent_when_set():
    _through(CachedCSPMiddleware, _plain)  # kept with the project's policy
    policy = {"DIRECTIVES": {"default-src": ["'none'"]}}
    with override_settings(CONTENT_SECURITY_POLICY=policy, CONTENT_SECURITY_POLICY_REPORT_ONLY=policy):
        response = _through(CachedCSPMiddleware, _plain)
        assert response["Content-Security-Policy"] == "default-src 'none'"
        assert response["Content-Security-Policy-Report-Only"] == "default-src 'none'"
    assert "default-src 'self'" in _through(CachedCSPMiddleware, _plain)["Content-Security-Policy"]


def test_a_response_with_its_own_policy_parts_and_an_exempt_one_are_honoured():
    def updated(request):
        response = HttpResponse("ok")
        response._csp_update = {"img-src": ["https://maps.example"]}
        return response

    def exempt(request):
        response = HttpResponse("ok")
        response._csp_exempt = True
        return response

    assert "https://maps.example" in _through(CachedCSPMiddleware, updated)["Content-Security-Policy"]
    assert "Content-Security-Policy" not in _through(CachedCSPMiddleware, exempt)
