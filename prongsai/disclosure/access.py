"""Access to disclosure records, on top of the agency roles."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from prongsai.agencies import access

from .models import Publication


def can_publish(user, agency, assignment) -> bool:
    """Officers publish for items assigned to one of their departments; the coordinator for every item."""
    if access.has_capability(user, agency, "disclosure.manage"):
        return True
    if assignment is None or not access.has_capability(user, agency, "disclosure.publish"):
        return False
    if assignment.all_departments:
        return True
    return access.covers_departments(user, agency, assignment.departments.all())


def require_publish(user, agency, assignment) -> None:
    if not can_publish(user, agency, assignment):
        raise PermissionDenied


def publication_for(user, agency, publication_id: int) -> Publication:
    access.require_capability(user, agency, "disclosure.view")
    return get_object_or_404(Publication.objects.select_related("item"), pk=publication_id, agency=agency)
