from django.contrib import admin

from prongsai.agencies.admin import AuditedAdmin

from .models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedAdmin):
    """Every change of a token (its owner, its revocation) is in the audit log, before and after."""

    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    # A token answers as its owner: it can never be given to someone else, and a revoked one stays revoked.
    readonly_fields = ["user", "prefix", "key_hash", "created_at", "last_used_at"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.revoked_at:
            return [*self.readonly_fields, "name", "revoked_at"]
        return self.readonly_fields

    def has_add_permission(self, request):
        return False  # tokens are created by their owner, who alone sees the secret once
