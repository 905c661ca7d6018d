"""Back office of the self-assessment (mounted at staff/<agency>/assessment/): rounds, invitation codes, the
counter poster, the wording, and the predicted score. Group results only: no page shows one person's answer."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from prongsai.agencies import access
from prongsai.agencies.forms import form_add_errors
from prongsai.documents.responses import file_response

from . import exports, selectors, services
from .forms import InvitationForm, RoundOpenForm, RoundSettingsForm, WordingForm
from .models import Round


def _public(request, round: Round, kind: str) -> str:
    return request.build_absolute_uri(
        reverse(f"assessment_public:{kind}", kwargs={"agency": round.agency.slug, "round": round.code})
    )


@login_required
@require_http_methods(["GET", "POST"])
def home(request, agency):
    agency = access.staff_agency(request.user, agency, "assessment.view")
    can_manage = access.has_capability(request.user, agency, "assessment.manage")
    form = RoundOpenForm(request.POST or None)
    status = 200
    if request.method == "POST":
        access.require_capability(request.user, agency, "assessment.manage")
        if form.is_valid():
            try:
                created = services.round_open(
                    actor=request.user,
                    agency=agency,
                    year=form.cleaned_data["year"],
                    title=form.cleaned_data["title"],
                )
            except ValidationError as exc:
                form_add_errors(form, exc)
            else:
                messages.success(request, _("เปิดรอบการประเมินแล้ว"))
                return redirect("assessment:round", agency=agency.slug, code=created.code)
        status = 422
    context = {
        "agency": agency,
        "rounds": selectors.rounds_of(agency),
        "form": form,
        "can_manage": can_manage,
    }
    return render(request, "assessment/staff/home.html", context, status=status)


@login_required
@require_GET
def round_dashboard(request, agency, code):
    agency = access.staff_agency(request.user, agency, "assessment.view")
    round = selectors.round_of(agency, code)
    context = {
        "agency": agency,
        "round": round,
        "d": selectors.dashboard(round),
        "invitations": selectors.invitation_counts(round),
        "can_manage": access.has_capability(request.user, agency, "assessment.manage"),
        "iit_url": _public(request, round, "iit"),
        "eit_url": _public(request, round, "eit"),
    }
    return render(request, "assessment/staff/dashboard.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def round_settings(request, agency, code):
    agency = access.staff_agency(request.user, agency, "assessment.manage")
    round = selectors.round_of(agency, code)
    initial = {
        "title": round.title,
        "eit_outside": round.eit_outside,
        "iit_target": round.iit_target,
        "eit_target": round.eit_target,
    }
    form = RoundSettingsForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.round_settings_change(
                    actor=request.user, agency=agency, round=round, **form.cleaned_data
                )
            except ValidationError as exc:
                form_add_errors(form, exc)
            else:
                messages.success(request, _("บันทึกการตั้งค่ารอบแล้ว"))
                return redirect("assessment:round", agency=agency.slug, code=round.code)
        status = 422
    return render(
        request,
        "assessment/staff/settings.html",
        {"agency": agency, "round": round, "form": form},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_wording(request, agency, code):
    agency = access.staff_agency(request.user, agency, "assessment.manage")
    round = selectors.round_of(agency, code)
    form = WordingForm(request.POST or None, instrument=round.instrument)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.round_wording_change(
                    actor=request.user, agency=agency, round=round, texts=form.texts()
                )
            except ValidationError as exc:
                form_add_errors(form, exc)
            else:
                messages.success(request, _("บันทึกถ้อยคำแล้ว"))
                return redirect("assessment:round", agency=agency.slug, code=round.code)
        status = 422
    context = {
        "agency": agency,
        "round": round,
        "form": form,
        "unverified": round.instrument.get("unverified", []),
        "answered": set(round.answers.values_list("kind", flat=True).distinct()),
    }
    return render(request, "assessment/staff/wording.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def invitations(request, agency, code):
    """Issue a batch of codes: the response IS the printout (the codes are not kept to print again)."""
    agency = access.staff_agency(request.user, agency, "assessment.manage")
    round = selectors.round_of(agency, code)
    form = InvitationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                codes = services.invitations_issue(
                    actor=request.user, agency=agency, round=round, count=form.cleaned_data["count"]
                )
            except ValidationError as exc:
                form_add_errors(form, exc)
            else:
                address = _public(request, round, "iit")
                name = f"รหัสเชิญตอบ IIT {round.title}"
                if form.cleaned_data["format"] == "csv":
                    response = file_response(
                        exports.slips_csv(codes=codes, address=address), filename=name, kind="csv"
                    )
                else:
                    response = file_response(
                        exports.slips_pdf(round=round, codes=codes, address=address),
                        filename=name,
                        kind="pdf",
                    )
                response["Cache-Control"] = "no-store"
                return response
        status = 422
    context = {"agency": agency, "round": round, "form": form, "counts": selectors.invitation_counts(round)}
    return render(request, "assessment/staff/invitations.html", context, status=status)


@login_required
@require_GET
def poster(request, agency, code):
    agency = access.staff_agency(request.user, agency, "assessment.view")
    round = selectors.round_of(agency, code)
    pdf = exports.poster_pdf(round=round, address=_public(request, round, "eit"))
    return file_response(pdf, filename=f"โปสเตอร์แบบสำรวจ EIT {round.title}", kind="pdf")


@login_required
@require_POST
def round_state(request, agency, code):
    agency = access.staff_agency(request.user, agency, "assessment.manage")
    round = selectors.round_of(agency, code)
    to_state = request.POST.get("to")
    try:
        services.round_close(actor=request.user, agency=agency, round=round, to_state=to_state)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("เปลี่ยนสถานะรอบแล้ว"))
    return redirect("assessment:round", agency=agency.slug, code=round.code)
