"""The JSON API: every app's router under /api/v1/, one error shape for every failure.

Error shape: {"error": {"code": "<machine code>", "message": "<text in the reader's language>",
"details": [...]}} with the matching HTTP status.
"""

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message", "details"],
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "details": {"type": "array"},
            },
        }
    },
}
ERROR_RESPONSES = {
    "400": "the request body cannot be read (not JSON)",
    "401": "no valid API token",
    "403": "the token's person lacks the capability",
    "404": "not found, or not of an agency the person belongs to",
    "422": "invalid input (the details say which field and why)",
    "429": "too many requests: slow down",
}


class ProngsaiAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI document declares, on every operation, the errors it can answer in the one
    error shape: routes declare their success schema, and this adds the rest, so that no route can forget
    one (schemathesis checks that every answer is documented)."""

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                secured = bool(operation.get("security"))
                for status, description in ERROR_RESPONSES.items():
                    if status in ("401", "403") and not secured:
                        continue
                    responses.setdefault(
                        status,
                        {
                            "description": description,
                            "content": {
                                "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                            },
                        },
                    )
        return schema


api = ProngsaiAPI(
    title="Prongsai API",
    version="1",
    description="Integrity plans, disclosures and public services of Thai agencies.",
    urls_namespace="api-v1",
    docs_url="/docs",
    openapi_url="/openapi.json",
)


def error(request, status: int, code: str, message: str, details=None):
    return api.create_response(
        request, {"error": {"code": code, "message": str(message), "details": details or []}}, status=status
    )


@api.exception_handler(NinjaValidationError)
def on_validation_error(request, exc):
    return error(request, 422, "invalid", _("ข้อมูลไม่ถูกต้อง"), exc.errors)


@api.exception_handler(DjangoValidationError)
def on_django_validation_error(request, exc):
    details = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return error(request, 422, "invalid", _("ข้อมูลไม่ถูกต้อง"), [details])


@api.exception_handler(AuthenticationError)
def on_authentication_error(request, exc):
    return error(request, 401, "unauthenticated", _("ต้องใช้โทเคน API ที่ยังใช้งานได้"))


@api.exception_handler(PermissionDenied)
def on_permission_denied(request, exc):
    return error(request, 403, "forbidden", _("ไม่มีสิทธิ์ดำเนินการนี้"))


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return error(request, 404, "not_found", _("ไม่พบข้อมูล"))


@api.exception_handler(HttpError)
def on_http_error(request, exc):
    return error(request, exc.status_code, "error", str(exc))


def _add_routers() -> None:
    """The platform's routes, then each app's: an app declares ``api_router = "prongsai.x.api.router"`` in
    its AppConfig, so this assembly imports no module of its own (a broken router stops the start-up)."""
    from .platform import router as platform_router

    api.add_router("/", platform_router)
    for config in apps.get_app_configs():
        path = getattr(config, "api_router", None)
        if path:
            api.add_router("/", import_string(path))


_add_routers()
