"""Back office of the risk register and the policy announcements (staff/<agency>/integrity/risks/ and
.../announcements/). Each view starts with an access check and calls one function of ``register``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from prongsai.agencies import access
from prongsai.agencies.forms import errors_onto
from prongsai.documents.responses import file_response, stored_file_response
from prongsai.thai.fiscal import fiscal_year

from . import access as integrity_access
from . import register
from . import risks as rules
from .models import Announcement, AnnouncementPhoto, AuditFinding, RiskCriterion, RiskReport
from .register_forms import (
    AnnouncementForm,
    FindingForm,
    PhotoForm,
    ReviewForm,
    RiskForm,
    SourceForm,
    StateForm,
    WithdrawForm,
)
from .risk_reports import report_docx, report_pdf

REPORT_FORMATS = ("pdf", "docx")


def _timeline(instance):
    """The record's status events with the states' names (the events keep the state codes)."""
    labels = dict(instance._meta.get_field("state").choices)
    return [
        {"at": e.at, "label": labels.get(e.to_state, e.to_state), "actor_name": e.actor_name, "note": e.note}
        for e in instance.events.order_by("at", "pk")
    ]


def _year(request, agency) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = 0
    return year if 2400 < year < 2700 else fiscal_year(timezone.localdate())


def _heatmaps(rows):
    inherent = rules.counts_grid((r.risk.likelihood, r.risk.impact) for r in rows)
    residual = rules.counts_grid((r.risk.residual_likelihood, r.risk.residual_impact) for r in rows)
    return [
        mark_safe(rules.heatmap_svg(inherent, title=_("ก่อนควบคุม (Inherent risk)"))),
        mark_safe(rules.heatmap_svg(residual, title=_("หลังควบคุม (Residual risk)"))),
    ]


# --- the register ------------------------------------------------------------------------------------------


@login_required
@require_GET
def risk_register(request, agency):
    agency = access.staff_agency(request.user, agency, "risks.view")
    year = _year(request, agency)
    rows = register.register_rows(
        register.year_risks(integrity_access.risks_visible_to(request.user, agency), year)
    )
    years = sorted({*register.risk_years(agency), year, fiscal_year(timezone.localdate())}, reverse=True)
    capabilities = access.capabilities_in(request.user, agency)
    reports = register.latest_reports(agency, year)
    context = {
        "agency": agency,
        "year": year,
        "years": years,
        "rows": rows,
        "heatmaps": _heatmaps(rows),
        "levels": [(level, *rules.level_range(level)) for level in rules.levels()],
        "capabilities": capabilities,
        "report_kinds": [(k, label, reports.get(k)) for k, label in RiskReport.Kind.choices],
    }
    return render(request, "integrity/risks/register.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def risk_new(request, agency):
    agency = access.staff_agency(request.user, agency, "risks.edit")
    form = RiskForm(request.POST or None, agency=agency, user=request.user)
    if request.method == "POST" and form.is_valid():
        access.require_department_scope(request.user, agency, current=form.cleaned_data["department"])
        with errors_onto(form):
            risk = register.risk_create(
                actor=request.user, agency=agency, data=form.cleaned_data,
                activity_refs=form.cleaned_data["activity_refs"],
            )  # fmt: skip
            messages.success(request, _("บันทึกความเสี่ยงแล้ว"))
            return redirect("integrity:risk", agency=agency.slug, code=risk.code)
    status = 400 if form.errors else 200
    return render(request, "integrity/risks/form.html", {"agency": agency, "form": form}, status=status)


@login_required
@require_GET
def risk_detail(request, agency, code):
    agency, risk = integrity_access.risk_for_staff(request.user, agency, code)
    row = register.register_rows([risk])[0]
    can_edit = integrity_access.can_edit_risk(request.user, agency, risk)
    see_complaints = integrity_access.can_see_complaint_links(request.user, agency)
    sources = list(risk.sources.select_related("complaint", "finding"))
    context = {
        "agency": agency,
        "risk": risk,
        "row": row,
        "can_edit": can_edit,
        "see_complaints": see_complaints,
        "findings": [s.finding for s in sources if s.finding_id],
        "complaints": [s.complaint for s in sources if s.complaint_id],
        "state_form": StateForm(initial={"state": risk.state}) if can_edit else None,
        "source_form": SourceForm(agency=agency, allow_complaint=see_complaints) if can_edit else None,
        "timeline": _timeline(risk),
        "heatmaps": _heatmaps([row]),
    }
    return render(request, "integrity/risks/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def risk_edit(request, agency, code):
    agency, risk = integrity_access.risk_for_staff(request.user, agency, code, "risks.edit")
    form = RiskForm(request.POST or None, instance=risk, agency=agency, user=request.user)
    if request.method == "POST" and form.is_valid():
        access.require_department_scope(
            request.user, agency, current=risk.department, new=form.cleaned_data["department"]
        )
        with errors_onto(form):
            register.risk_update(
                actor=request.user,
                risk=risk,
                data=form.cleaned_data,
                activity_refs=form.cleaned_data["activity_refs"],
            )
            messages.success(request, _("บันทึกการแก้ไขแล้ว"))
            return redirect("integrity:risk", agency=agency.slug, code=risk.code)
        risk.refresh_from_db()
    status = 400 if form.errors else 200
    return render(
        request, "integrity/risks/form.html", {"agency": agency, "form": form, "risk": risk}, status=status
    )


@login_required
@require_POST
def risk_state(request, agency, code):
    agency, risk = integrity_access.risk_for_staff(request.user, agency, code, "risks.edit")
    form = StateForm(request.POST)
    if form.is_valid():
        try:
            register.risk_move(
                actor=request.user,
                risk=risk,
                to_state=form.cleaned_data["state"],
                note=form.cleaned_data["note"],
            )
            messages.success(request, _("เปลี่ยนสถานะแล้ว"))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("โปรดเลือกสถานะ"))
    return redirect("integrity:risk", agency=agency.slug, code=risk.code)


@login_required
@require_POST
def risk_source(request, agency, code):
    agency, risk = integrity_access.risk_for_staff(request.user, agency, code, "risks.edit")
    see_complaints = integrity_access.can_see_complaint_links(request.user, agency)
    form = SourceForm(request.POST, agency=agency, allow_complaint=see_complaints)
    if form.is_valid():
        try:
            register.risk_source_add(
                actor=request.user, risk=risk, complaint_ref=form.cleaned_data.get("complaint_ref", ""),
                finding=form.cleaned_data.get("finding"),
            )  # fmt: skip
            messages.success(request, _("เชื่อมที่มาของความเสี่ยงแล้ว"))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("integrity:risk", agency=agency.slug, code=risk.code)


@login_required
@require_GET
def heatmap(request, agency):
    agency = access.staff_agency(request.user, agency, "risks.view")
    year = _year(request, agency)
    rows = register.year_risks(integrity_access.risks_visible_to(request.user, agency), year)
    residual = request.GET.get("residual") == "1"
    pairs = (
        (r.residual_likelihood, r.residual_impact) if residual else (r.likelihood, r.impact) for r in rows
    )
    title = _("หลังควบคุม (Residual risk)") if residual else _("ก่อนควบคุม (Inherent risk)")
    svg = rules.heatmap_svg(rules.counts_grid(pairs), title=f"{title} {year}")
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def criteria(request, agency):
    agency = access.staff_agency(request.user, agency, "risks.view")
    can_manage = access.has_capability(request.user, agency, "risks.manage")
    errors = []
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        dimension = request.POST.get("dimension", "")
        if dimension not in RiskCriterion.Dimension.values:
            raise Http404
        rows = {
            level: (request.POST.get(f"label_{level}", ""), request.POST.get(f"description_{level}", ""))
            for level in range(1, 6)
        }
        try:
            register.criteria_save(actor=request.user, agency=agency, dimension=dimension, rows=rows)
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, _("บันทึกเกณฑ์แล้ว"))
            return redirect("integrity:risk_criteria", agency=agency.slug)
    context = {
        "agency": agency,
        "criteria": register.criteria_for(agency),
        "dimensions": RiskCriterion.Dimension.choices,
        "can_manage": can_manage,
        "errors": errors,
        "levels": [(level, *rules.level_range(level)) for level in rules.levels()],
    }
    return render(request, "integrity/risks/criteria.html", context, status=400 if errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def findings(request, agency):
    agency = access.staff_agency(request.user, agency, "risks.view")
    can_add = access.has_capability(request.user, agency, "risks.edit")
    form = FindingForm(request.POST or None, request.FILES or None) if can_add else None
    if request.method == "POST":
        if not can_add:
            raise PermissionDenied
        if form.is_valid():
            with errors_onto(form):
                data = form.cleaned_data
                register.finding_create(
                    actor=request.user, agency=agency, source=data["source"], found_on=data["found_on"],
                    text=data["text"], document=data.get("document"),
                )  # fmt: skip
                messages.success(request, _("บันทึกข้อตรวจพบแล้ว"))
                return redirect("integrity:risk_findings", agency=agency.slug)
    context = {"agency": agency, "findings": AuditFinding.objects.for_agency(agency), "form": form}
    return render(
        request, "integrity/risks/findings.html", context, status=400 if form and form.errors else 200
    )


@login_required
@require_GET
def finding_document(request, agency, code):
    agency = access.staff_agency(request.user, agency, "risks.view")
    finding = AuditFinding.objects.for_agency(agency).filter(code=code).exclude(document="").first()
    if finding is None:
        raise Http404
    return stored_file_response(
        finding.document, content_type=finding.content_type, filename=finding.original_name
    )


@login_required
@require_GET
def report_preview(request, agency, year, kind, fmt):
    """The year's report as it would be published now, of the risks the person may see."""
    agency = access.staff_agency(request.user, agency, "risks.view")
    if kind not in RiskReport.Kind.values or fmt not in REPORT_FORMATS:
        raise Http404
    rows = register.register_rows(
        register.year_risks(integrity_access.risks_visible_to(request.user, agency), year)
    )
    content = (report_pdf if fmt == "pdf" else report_docx)(agency, year, kind, rows)
    label = dict(RiskReport.Kind.choices)[kind]
    return file_response(content, filename=f"{label}-{year}", kind=fmt)


@login_required
@require_POST
def report_publish(request, agency, year, kind):
    agency = access.staff_agency(request.user, agency, "risks.manage")
    if kind not in RiskReport.Kind.values:
        raise Http404
    try:
        register.risk_report_publish(actor=request.user, agency=agency, year=year, kind=kind)
        messages.success(request, _("เผยแพร่รายงานในรายการ OIT แล้ว"))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(reverse("integrity:risks", kwargs={"agency": agency.slug}) + f"?year={year}")


# --- announcements -----------------------------------------------------------------------------------------


@login_required
@require_GET
def announcement_list(request, agency):
    agency = access.staff_agency(request.user, agency, "announcements.view")
    year = fiscal_year(timezone.localdate())
    context = {
        "agency": agency,
        "announcements": Announcement.objects.for_agency(agency).select_related(
            "submitted_by", "approved_by"
        ),
        "renewals": register.renewals_due(agency, year),
        "year": year,
        "can_manage": access.has_capability(request.user, agency, "announcements.manage"),
    }
    return render(request, "integrity/announcements/list.html", context)


def _announcement(user, agency_slug, code, capability="announcements.view"):
    agency = access.staff_agency(user, agency_slug, capability)
    item = (
        Announcement.objects.for_agency(agency)
        .select_related("submitted_by", "approved_by", "renews")
        .filter(code=code)
        .first()
    )
    if item is None:
        raise Http404
    return agency, item


@login_required
@require_http_methods(["GET", "POST"])
def announcement_new(request, agency):
    agency = access.staff_agency(request.user, agency, "announcements.manage")
    initial = {}
    renews = request.GET.get("renews")
    if renews:
        previous = Announcement.objects.for_agency(agency).filter(code=renews).first()
        if previous is not None:
            initial = {
                "kind": previous.kind, "title": previous.title, "text": previous.text, "renews": previous.pk,
                "signer_name": previous.signer_name, "signer_position": previous.signer_position,
                "fiscal_year": fiscal_year(timezone.localdate()),
            }  # fmt: skip
    form = AnnouncementForm(request.POST or None, request.FILES or None, agency=agency, initial=initial)
    if request.method == "POST" and form.is_valid():
        with errors_onto(form):
            item = register.announcement_save(
                actor=request.user,
                agency=agency,
                data=form.cleaned_data,
                signed_pdf=form.cleaned_data.get("signed_pdf"),
            )
            messages.success(request, _("บันทึกร่างแล้ว"))
            return redirect("integrity:announcement", agency=agency.slug, code=item.code)
    return render(
        request,
        "integrity/announcements/form.html",
        {"agency": agency, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def announcement_detail(request, agency, code):
    agency, item = _announcement(request.user, agency, code)
    capabilities = access.capabilities_in(request.user, agency)
    can_manage = "announcements.manage" in capabilities
    can_review = (
        "announcements.approve" in capabilities
        and item.state == Announcement.State.SUBMITTED
        and item.submitted_by_id != request.user.pk
    )
    context = {
        "agency": agency,
        "item": item,
        "photos": list(item.photos.all()),
        "can_manage": can_manage,
        "can_review": can_review,
        "edit_form": AnnouncementForm(instance=item, agency=agency)
        if can_manage and item.state == "draft"
        else None,
        "photo_form": PhotoForm() if can_manage and item.state == "draft" else None,
        "review_form": ReviewForm() if can_review else None,
        "withdraw_form": WithdrawForm() if can_manage and item.state == "published" else None,
        "timeline": _timeline(item),
    }
    return render(request, "integrity/announcements/detail.html", context)


@login_required
@require_POST
def announcement_action(request, agency, code, action):
    capability = {
        "edit": "announcements.manage", "photo": "announcements.manage", "submit": "announcements.manage",
        "review": "announcements.approve", "withdraw": "announcements.manage",
    }.get(action)  # fmt: skip
    if capability is None:
        raise Http404
    agency, item = _announcement(request.user, agency, code, capability)
    try:
        if action == "edit":
            form = AnnouncementForm(request.POST, request.FILES, instance=item, agency=agency)
            if not form.is_valid():
                raise ValidationError([e for errors in form.errors.values() for e in errors])
            register.announcement_save(
                actor=request.user, agency=agency, data=form.cleaned_data, announcement=item,
                signed_pdf=form.cleaned_data.get("signed_pdf"),
            )  # fmt: skip
        elif action == "photo":
            form = PhotoForm(request.POST, request.FILES)
            if not form.is_valid():
                raise ValidationError([e for errors in form.errors.values() for e in errors])
            register.announcement_photo_add(
                actor=request.user,
                announcement=item,
                upload=form.cleaned_data["photo"],
                caption=form.cleaned_data["caption"],
            )
        elif action == "submit":
            register.announcement_submit(actor=request.user, announcement=item)
        elif action == "review":
            form = ReviewForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("โปรดเลือกผลการพิจารณา"))
            register.announcement_review(
                actor=request.user,
                announcement=item,
                approve=form.cleaned_data["approve"],
                comment=form.cleaned_data["comment"],
            )
        else:
            form = WithdrawForm(request.POST)
            register.announcement_withdraw(
                actor=request.user, announcement=item, reason=request.POST.get("reason", "")
            )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        item.refresh_from_db()
        return redirect("integrity:announcement", agency=agency.slug, code=item.code)
    messages.success(request, _("บันทึกแล้ว"))
    return redirect("integrity:announcement", agency=agency.slug, code=item.code)


@login_required
@require_GET
def announcement_file(request, agency, code):
    agency, item = _announcement(request.user, agency, code)
    if not item.signed_pdf:
        raise Http404
    return stored_file_response(
        item.signed_pdf, content_type="application/pdf", filename=item.signed_pdf_name
    )


@login_required
@require_GET
def announcement_photo(request, agency, code, photo):
    agency, item = _announcement(request.user, agency, code)
    found = AnnouncementPhoto.objects.filter(announcement=item, code=photo).first()
    if found is None:
        raise Http404
    return stored_file_response(found.image, content_type=found.content_type, inline=True)
