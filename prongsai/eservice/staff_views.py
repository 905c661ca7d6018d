"""Back-office pages: each department's queue, a request with its timeline, documents and actions, walk-in
and other-channel requests, statistics, and the coordinator's catalogue editor."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from prongsai.agencies import access as agency_access
from prongsai.documents.pdf import table_context
from prongsai.documents.responses import stored_file_response
from prongsai.thai.fiscal import fiscal_year

from . import access, exports, selectors, services
from .forms import CounterRequestForm, NoteForm, QueueFilterForm, ServiceForm, TransitionForm, add_errors
from .models import Service, State
from .services import UPLOAD_KINDS

PAGE_SIZE = 50

ACTION_LABELS = {
    State.ACCEPTED: gettext_lazy("รับเรื่อง (เอกสารครบถ้วน)"),
    State.NEEDS_DOCUMENTS: gettext_lazy("ขอเอกสารเพิ่มเติม"),
    State.RECEIVED: gettext_lazy("บันทึกว่าได้รับเอกสารเพิ่มเติมแล้ว"),
    State.IN_STEP: gettext_lazy("ส่งต่อขั้นตอนถัดไป"),
    State.APPROVED: gettext_lazy("อนุมัติ/อนุญาต"),
    State.REFUSED: gettext_lazy("ไม่อนุมัติ (แจ้งเหตุผล)"),
    State.COMPLETED: gettext_lazy("ดำเนินการเสร็จสิ้น (แจ้งผล/ส่งมอบแล้ว)"),
}


@login_required
@require_GET
def queue(request, agency):
    agency = agency_access.staff_agency(request.user, agency, "eservice.view")
    departments = access.handled_departments(request.user, agency)
    services_qs = Service.objects.for_agency(agency).select_related("department")
    form = QueueFilterForm(request.GET or None, services=services_qs, departments=departments)
    filters = form.cleaned_data if form.is_valid() else {}
    department = filters.get("department")
    qs, rows = selectors.queue(
        access.visible_requests(request.user, agency),
        agency=agency,
        state=filters.get("state") or "",
        service=filters.get("service"),
        department_id=department.pk if department else None,
        channel=filters.get("channel") or "",
        timing_filter=filters.get("timing") or "",
    )
    if filters.get("timing"):
        page = Paginator(rows(qs), PAGE_SIZE).get_page(request.GET.get("page"))
        page_rows = page.object_list
    else:
        page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
        page_rows = rows(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "eservice/staff_queue.html",
        {
            "agency": agency,
            "form": form,
            "page": page,
            "rows": page_rows,
            "query": query.urlencode(),
            "can_record": agency_access.has_capability(request.user, agency, "eservice.handle"),
            "can_manage": agency_access.has_capability(request.user, agency, "eservice.manage"),
        },
    )


def _recordable_services(user, agency):
    services_qs = Service.objects.for_agency(agency).published().select_related("department")
    if "coordinator" in agency_access.roles_in(user, agency):
        return services_qs
    return services_qs.filter(department_id__in=agency_access.department_ids_of(user, agency))


@login_required
@require_http_methods(["GET", "POST"])
def request_new(request, agency):
    agency = agency_access.staff_agency(request.user, agency, "eservice.handle")
    choices = _recordable_services(request.user, agency)
    if not choices.exists():
        raise PermissionDenied
    form = CounterRequestForm(request.POST or None, request.FILES or None, services=choices)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                created = services.request_submit(
                    agency=agency,
                    service=data["service"],
                    applicant_name=data["applicant_name"],
                    applicant_phone=data["applicant_phone"],
                    applicant_email=data["applicant_email"],
                    applicant_id_number=data["applicant_id_number"],
                    details=data["details"],
                    channel=data["channel"],
                    outside_reference=data["outside_reference"],
                    uploads=[(None, data["file"])] if data.get("file") else [],
                    actor=request.user,
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("บันทึกคำขอแล้ว รหัสติดตาม %(code)s") % {"code": created.code})
                return redirect("eservice:request", agency=agency.slug, code=created.code)
        status = 422
    return render(request, "eservice/staff_new.html", {"agency": agency, "form": form}, status=status)


def _actions(user, req, view) -> list[dict]:
    allowed = access.allowed_for(user, req).get(req.state, frozenset())
    steps = list(req.service.steps.all())
    current = req.step or 0
    out = []
    for target in (
        State.ACCEPTED,
        State.RECEIVED,
        State.NEEDS_DOCUMENTS,
        State.IN_STEP,
        State.APPROVED,
        State.REFUSED,
        State.COMPLETED,
    ):
        if target not in allowed:
            continue
        label = str(ACTION_LABELS[target])
        if target == State.IN_STEP:
            if current + 1 >= len(steps):
                continue
            nxt = steps[current + 1]
            label += f": {nxt.title} ({(nxt.department or req.service.department).display_name})"
        out.append(
            {
                "state": target,
                "label": label,
                "outcome": target == State.APPROVED,
                "needs_message": target in (State.REFUSED, State.NEEDS_DOCUMENTS),
                "danger": target == State.REFUSED,
            }
        )
    return out


def _detail(request, agency, req, *, form=None, note_form=None, status=200):
    view = selectors.request_view(req, staff=True)
    context = {
        "agency": agency,
        "req": req,
        "view": view,
        "fragments": selectors.request_fragments(view),
        "files": list(req.files.select_related("document")),
        "actions": _actions(request.user, req, view),
        "form": form or TransitionForm(),
        "note_form": note_form or NoteForm(),
        "can_handle": access.can_handle(request.user, req),
        "tracking_path": services.tracking_path(req),
    }
    return render(request, "eservice/staff_request.html", context, status=status)


@login_required
@require_GET
def request_detail(request, agency, code):
    agency, req = access.request_for_staff(request.user, agency, code)
    return _detail(request, agency, req)


@login_required
@require_POST
def request_transition(request, agency, code):
    agency, req = access.request_for_staff(request.user, agency, code)
    if not access.can_handle(request.user, req):
        raise PermissionDenied
    form = TransitionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        outcome = services.Outcome(
            permit_number=data["permit_number"],
            public_summary=data["public_summary"],
            area_sqm=data["area_sqm"],
            amount=data["amount"],
        )
        try:
            services.request_transition(
                actor=request.user,
                request=req,
                to_state=data["to_state"],
                message=data["message"],
                internal_note=data["internal_note"],
                outcome=outcome,
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("บันทึกแล้ว: %(state)s") % {"state": req.get_state_display()})
            return redirect("eservice:request", agency=agency.slug, code=req.code)
    req.refresh_from_db()
    return _detail(request, agency, req, form=form, status=422)


@login_required
@require_POST
def request_note(request, agency, code):
    agency, req = access.request_for_staff(request.user, agency, code)
    if not access.can_handle(request.user, req):
        raise PermissionDenied
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.request_note(actor=request.user, request=req, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("บันทึกข้อความแล้ว"))
            return redirect("eservice:request", agency=agency.slug, code=req.code)
    return _detail(request, agency, req, note_form=form, status=422)


@login_required
@require_GET
def request_file(request, agency, code, file_id):
    agency, req = access.request_for_staff(request.user, agency, code)
    item = req.files.filter(pk=file_id).first()
    if item is None:
        raise Http404
    kinds = {kind.name: kind for kind in UPLOAD_KINDS}
    return stored_file_response(
        item.file, content_type=kinds[item.file_kind].content_type, filename=item.original_name
    )


@login_required
@require_GET
def statistics(request, agency):
    agency = agency_access.staff_agency(request.user, agency, "eservice.view")
    try:
        year = int(request.GET.get("year") or fiscal_year(timezone.localdate()))
    except ValueError:
        year = fiscal_year(timezone.localdate())
    year = min(max(year, 2500), 2700)
    start, end = selectors.statistics_span(agency, year)
    stats = selectors.statistics(agency, start, end) if start <= end else None
    table = exports.statistics_table(agency, year, stats) if stats else None
    return render(
        request,
        "eservice/staff_statistics.html",
        {"agency": agency, "year": year, "stats": stats, "t": table_context(table) if table else None},
    )


@login_required
@require_GET
def catalogue(request, agency):
    agency = agency_access.staff_agency(request.user, agency, "eservice.view")
    services_list = list(
        Service.objects.for_agency(agency).select_related("department").prefetch_related("steps")
    )
    for service in services_list:
        service.standard_days = selectors.standard_days(service)
    return render(
        request,
        "eservice/staff_catalogue.html",
        {
            "agency": agency,
            "services": services_list,
            "can_manage": agency_access.has_capability(request.user, agency, "eservice.manage"),
        },
    )


def _service_form(request, agency, service):
    # The form validates into a copy: the service's own before/after (its audit entry) sees the stored one.
    copy = Service.objects.get(pk=service.pk) if service is not None else None
    form = ServiceForm(request.POST or None, instance=copy, agency=agency)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                if service is None:
                    saved = services.service_create(
                        actor=request.user, agency=agency, **form.parts(), **form.service_fields()
                    )
                else:
                    saved = services.service_update(
                        actor=request.user, service=service, **form.parts(), **form.service_fields()
                    )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("บันทึกงานบริการแล้ว"))
                return redirect("eservice_public:detail", agency=agency.slug, slug=saved.slug)
        status = 422
    return render(
        request,
        "eservice/staff_service_form.html",
        {"agency": agency, "form": form, "service": service},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def service_new(request, agency):
    agency = agency_access.staff_agency(request.user, agency, "eservice.manage")
    return _service_form(request, agency, None)


@login_required
@require_http_methods(["GET", "POST"])
def service_edit(request, agency, slug):
    agency, service = access.service_for_staff(request.user, agency, slug)
    return _service_form(request, agency, service)
