"""Admin for platform admins: services can be looked at and fixed (audited like every write); requests are
read-only here, since their state moves only through the workflow (``services.request_transition``)."""

from django.contrib import admin

from prongsai.agencies.admin import AuditedAdmin

from .models import Request, Service


@admin.register(Service)
class ServiceAdmin(AuditedAdmin):
    list_display = ["name", "agency", "department", "kind", "is_published"]
    list_filter = ["agency", "kind", "is_published"]
    search_fields = ["name", "slug"]


@admin.register(Request)
class RequestAdmin(admin.ModelAdmin):
    list_display = ["code", "agency", "service", "state", "channel", "received_at"]
    list_filter = ["agency", "state", "channel"]
    search_fields = ["code"]
    # Personal data stays out of the list; the page itself is read-only.
    readonly_fields = [f.name for f in Request._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
