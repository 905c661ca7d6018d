"""The Content-Security-Policy header, built once per process instead of once per response.

django-csp builds the header from the settings on every response (dataclasses.asdict and a walk over every
directive, twice: the policy and the report-only one): measured as a fifth of what the whole middleware stack
costs a trivial view (`make bench`). Our views never change the policy per response (no csp_update/replace
decorators), so the header depends only on the settings and on whether the page asked for a nonce: both
variants are built once and the nonce is put into the kept text. A response that does carry its own policy
parts still goes through django-csp's own path, unchanged.
"""

from __future__ import annotations

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.core.signals import setting_changed
from django.dispatch import receiver

# A nonce is base64 (letters, digits, + / =): this word cannot occur in one, nor anywhere in a policy.
_PLACEHOLDER = "prongsaiNoncePlaceholder"
_built: dict[tuple[bool, bool], str] = {}
_PARTS = ("_csp_config", "_csp_update", "_csp_replace", "_csp_config_ro", "_csp_update_ro", "_csp_replace_ro")


@receiver(setting_changed)
def _forget(setting, **kwargs) -> None:
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _built.clear()


def _policy(report_only: bool, nonce: str | None) -> str:
    key = (report_only, nonce is not None)
    if key not in _built:
        _built[key] = build_policy(nonce=_PLACEHOLDER if nonce else None, report_only=report_only)
    text = _built[key]
    return text.replace(_PLACEHOLDER, nonce) if nonce else text


class CachedCSPMiddleware(CSPMiddleware):
    def process_response(self, request, response):
        if any(getattr(response, part, None) is not None for part in _PARTS) or (
            response.status_code in (404, 500) and self._debug()
        ):
            return super().process_response(request, response)
        from django.conf import settings

        nonce = getattr(request, "_csp_nonce", None)
        for header, exempt, setting, report_only in (
            (HEADER, "_csp_exempt", "CONTENT_SECURITY_POLICY", False),
            (HEADER_REPORT_ONLY, "_csp_exempt_ro", "CONTENT_SECURITY_POLICY_REPORT_ONLY", True),
        ):
            policy = _policy(report_only, nonce)
            prefixes = tuple((getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ())
            if (
                policy
                and header not in response
                and not getattr(response, exempt, False)
                and not (prefixes and request.path_info.startswith(prefixes))
            ):
                response[header] = policy
        if nonce is None:
            # As django-csp: a nonce asked for after the header is written would not be in it.
            request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    @staticmethod
    def _debug() -> bool:
        from django.conf import settings

        return settings.DEBUG
