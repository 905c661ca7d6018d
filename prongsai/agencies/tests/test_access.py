import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from prongsai.agencies import access


def test_a_person_may_hold_several_roles_in_one_agency(world):
    from prongsai.agencies.models import Membership

    Membership.objects.create(user=world.officer, agency=world.agency, role="auditor")
    assert access.roles_in(world.officer, world.agency) == {"officer", "auditor"}
    assert access.has_capability(world.officer, world.agency, "audit.view")


def test_roles_do_not_leak_across_agencies(world):
    assert access.roles_in(world.coordinator, world.other) == frozenset()
    assert access.roles_in(world.outsider, world.agency) == frozenset()


def test_an_officer_covers_only_their_own_departments(world):
    assert access.covers_departments(world.officer, world.agency, [world.administration])
    assert not access.covers_departments(world.officer, world.agency, [world.public_works])
    assert access.covers_departments(world.coordinator, world.agency, [world.public_works])


def test_complaint_handling_is_not_given_to_director_auditor_or_coordinator(world):
    for persona in ("director", "auditor", "coordinator", "officer"):
        assert not access.has_capability(getattr(world, persona), world.agency, "complaints.handle")
    assert access.has_capability(world.complaint_handler, world.agency, "complaints.handle")


def test_staff_agency_hides_other_agencies_and_refuses_missing_capabilities(world):
    with pytest.raises(Http404):
        access.staff_agency(world.outsider, "pathumwan")
    with pytest.raises(PermissionDenied):
        access.staff_agency(world.officer, "pathumwan", "plan.manage")
    assert access.staff_agency(world.coordinator, "pathumwan", "plan.manage") == world.agency


def test_a_revoked_membership_gives_no_access(world):
    membership = world.coordinator.memberships.get()
    membership.is_active = False
    membership.save()
    world.coordinator.__dict__.pop("_prongsai_memberships", None)
    with pytest.raises(Http404):
        access.staff_agency(world.coordinator, "pathumwan")


def test_unknown_capabilities_are_a_programming_error(world):
    with pytest.raises(ValueError):
        access.has_capability(world.coordinator, world.agency, "plan.destroy")


def test_an_agency_cannot_take_a_slug_the_site_uses_for_its_own_pages(world):
    from django.core.exceptions import ValidationError

    from prongsai.agencies import services

    for slug in ("search", "staff", "api"):
        with pytest.raises(ValidationError):
            services.agency_create(actor=None, slug=slug, name="x")
