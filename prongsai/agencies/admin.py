"""The Django admin, for platform admins: agencies, departments, who holds which role, holidays.

Every save and delete made here is written to the audit log like any other staff write.
"""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from .models import Agency, AuditEntry, Department, Holiday, Membership, StatusEvent
from .services import audit_record, snapshot


def _agency_of(obj):
    return obj if isinstance(obj, Agency) else getattr(obj, "agency", None)


class AuditedAdmin(admin.ModelAdmin):
    def save_model(self, request, obj, form, change):
        before = snapshot(type(obj).objects.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)
        self._pending_audit = (obj, before, change)

    def save_related(self, request, form, formsets, change):
        # Many-to-many links are saved after the object: record the entry once they are in place.
        super().save_related(request, form, formsets, change)
        obj, before, change = self._pending_audit
        audit_record(
            actor=request.user,
            agency=_agency_of(obj),
            action=AuditEntry.Action.CHANGE if change else AuditEntry.Action.CREATE,
            instance=obj,
            before=before,
            after=snapshot(obj),
        )

    def delete_model(self, request, obj):
        audit_record(
            actor=request.user,
            agency=_agency_of(obj),
            action=AuditEntry.Action.WITHDRAW,
            instance=obj,
            before=snapshot(obj),
        )
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class AuditedUserAdmin(AuditedAdmin, UserAdmin):
    """Users: every change audited (a new superuser, a changed password hash, a deactivation). A person who
    has acted in the platform is deactivated rather than deleted: deleting them would take their name off the
    audit log and the timelines, which keep it."""

    def _has_history(self, user) -> bool:
        return (
            AuditEntry.objects.filter(actor=user).exists() or StatusEvent.objects.filter(actor=user).exists()
        )

    def get_deleted_objects(self, objs, request):
        # The audit entries that protect a person with history are why they are deactivated instead: the
        # confirmation goes ahead, and delete_model deactivates.
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        if all(self._has_history(obj) for obj in objs):
            return [], {}, set(), []  # nothing will be deleted
        return deleted, counts, perms_needed, protected

    def delete_model(self, request, obj):
        if self._has_history(obj):
            before = snapshot(obj)
            obj.is_active = False
            obj.save(update_fields=["is_active"])
            audit_record(
                actor=request.user,
                agency=None,
                action=AuditEntry.Action.WITHDRAW,
                instance=obj,
                before=before,
                after=snapshot(obj),
            )
            messages.warning(
                request,
                f"{obj.get_username()} has entries in the audit log: the account was deactivated, not deleted.",
            )
            return
        super().delete_model(request, obj)


@admin.register(Agency)
class AgencyAdmin(AuditedAdmin):
    list_display = ["name", "slug", "kind", "is_active"]
    search_fields = ["name", "name_en", "slug"]


@admin.register(Department)
class DepartmentAdmin(AuditedAdmin):
    list_display = ["name", "agency", "code", "order", "is_active"]
    list_filter = ["agency"]


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = ["user", "agency", "role", "is_active"]
    list_filter = ["agency", "role", "is_active"]
    filter_horizontal = ["departments"]


@admin.register(Holiday)
class HolidayAdmin(AuditedAdmin):
    list_display = ["date", "name", "agency"]
    list_filter = ["agency"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["chain", "seq", "at", "actor_name", "action", "model", "object_repr"]
    list_filter = ["chain", "action"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
