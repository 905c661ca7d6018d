"""Who may see and change a dataset in the back office.

Reading: anyone with ``disclosure.view`` (director and auditor read only; complaint handlers nothing).
Changing: ``disclosure.publish``, and an officer only for datasets of their own department(s).
"""

from __future__ import annotations

from django.http import Http404

from prongsai.agencies import access

from .models import Dataset


def dataset_for_staff(user, agency_slug: str, slug: str, *, write: bool = False):
    """(agency, dataset) of a back-office page: 404 for non-members and unknown datasets, 403 without the right."""
    agency = access.staff_agency(user, agency_slug, "disclosure.publish" if write else "disclosure.view")
    dataset = (
        Dataset.objects.for_agency(agency).select_related("department", "agency").filter(slug=slug).first()
    )
    if dataset is None:
        raise Http404
    if write:
        access.require_department_scope(user, agency, current=dataset.department)
    return agency, dataset


def can_edit(user, dataset: Dataset) -> bool:
    return access.has_capability(user, dataset.agency, "disclosure.publish") and access.covers_record(
        user, dataset.agency, dataset.department
    )


def editable_departments(user, agency):
    """The departments a person may create datasets for: all for the coordinator, their own for an officer."""
    return access.departments_in_scope(user, agency)
