"""Demo of `make run`: the Bangkok Metropolitan Administration over its 50 district offices (Pathum Wan
keeps its full demo), the BMA's coordinator, director and auditor, and the district list FY2566 pushed to a
handful of districts so that the city dashboard compares something."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from prongsai.agencies.demo import DEPARTMENTS
from prongsai.agencies.models import Agency, Role
from prongsai.agencies.services import department_create, membership_grant
from prongsai.disclosure.models import Adoption, Catalogue

from . import services

DISTRICTS = Path(__file__).resolve().parent.parent / "agencies" / "fixtures" / "bangkok-districts.csv"
PARENT = ("bma", "กรุงเทพมหานคร", "Bangkok Metropolitan Administration")
# Districts given departments and the FY2566 district list, besides Pathum Wan.
PUSHED = ["bang-rak", "sathon", "ratchathewi", "khlong-toei"]
STAFF = {"coordinator": Role.COORDINATOR, "director": Role.DIRECTOR, "auditor": Role.AUDITOR}


@transaction.atomic
def load_demo(agency, *, stdout) -> None:
    slug, name, name_en = PARENT
    parent, created = services.parent_ensure(actor=None, slug=slug, name=name, name_en=name_en)
    result = services.agencies_load(actor=None, parent=parent, data=DISTRICTS.read_bytes())
    stdout.write(
        f"{'created' if created else 'kept'} {slug} with {len(result.created)} new and "
        f"{len(result.unchanged) + len(result.updated)} known districts"
    )
    for number, why in result.problems:
        stdout.write(f"  row {number}: {why}")
    User = get_user_model()
    # The city's accounts open with the demo's one password (load-demo prints it once): they take the hash of
    # the district coordinator's account, never a password of their own that nobody was shown.
    model = User.objects.filter(username=f"{agency.slug}.coordinator").first()
    new_accounts = []
    for suffix, role in STAFF.items():
        user, new = User.objects.get_or_create(username=f"{slug}.{suffix}")
        if new:
            if model is not None:
                user.password = model.password
            else:
                user.set_unusable_password()
            user.save()
            new_accounts.append(user.username)
        membership_grant(actor=None, user=user, agency=parent, role=role, departments=[])
    if new_accounts:
        stdout.write(f"city accounts {', '.join(new_accounts)} (the demo accounts' password)")
    catalogue = Catalogue.objects.filter(scheme="bangkok-district", year=2566).first()
    if catalogue is None:
        return
    children = list(Agency.objects.filter(parent=parent, slug__in=[*PUSHED, agency.slug]))
    for child in children:
        if not child.departments.exists():
            for order, (code, dept_name, dept_en) in enumerate(DEPARTMENTS, start=1):
                department_create(
                    actor=None, agency=child, code=code, name=dept_name, name_en=dept_en, order=order
                )
    if not Adoption.objects.filter(agency__in=children, catalogue=catalogue).count() == len(children):
        changes = services.push_preview(parent=parent, catalogue=catalogue, children=children)
        services.push_apply(
            actor=None,
            parent=parent,
            catalogue=catalogue,
            children=children,
            fingerprint=services.preview_fingerprint(changes),
        )
    for child in children:
        services.readiness_snapshot_refresh(agency=child, year=2566, scheme=catalogue.scheme)
    stdout.write(f"pushed {catalogue} to {len(children)} districts and computed their readiness")
