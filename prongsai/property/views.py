"""Back-office pages of public property: the register, the label sheet, the import, loans and bookings,
seized goods with their two-signature custody chain, donations, stock-takes and the published texts.

Thin views: access checks in ``access``, reads in ``selectors``, writes in ``services``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from prongsai.agencies import access as agency_access
from prongsai.agencies.forms import errors_onto
from prongsai.agencies.models import StatusEvent
from prongsai.documents.responses import file_response, stored_file_response
from prongsai.thai.fiscal import add_months

from . import access, exports, forms, selectors, services
from .models import (
    Asset,
    AssetStatus,
    CustodyKind,
    Donation,
    HoldingRule,
    Loan,
    LoanState,
    PropertyFile,
    SeizedState,
    StockResult,
)

PAGE_SIZE = 50


def _page(request, qs):
    return Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))


def _events(instance, field: str = "state"):
    """The record's status events, each with the label of the state it went to."""
    labels = dict(instance._meta.get_field(field).choices)
    events = list(
        StatusEvent.objects.filter(
            content_type__app_label="property",
            content_type__model=instance._meta.model_name,
            object_id=instance.pk,
        ).order_by("at", "pk")
    )
    for event in events:
        event.label = labels.get(event.to_state, event.to_state)
    return events


# --- the register ---------------------------------------------------------------------------------------


def _filtered_assets(request, agency):
    """The register's filter form and the assets it selects (the list page and the label sheet share it)."""
    departments = agency.departments.filter(is_active=True)
    form = forms.AssetFilter(request.GET or None, departments=departments)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.assets(
        agency,
        department=filters.get("department"),
        status=filters.get("status", ""),
        category=filters.get("category", ""),
        q=filters.get("q", ""),
    )
    return form, qs


@login_required
@require_GET
def asset_list(request, agency):
    agency = access.staff_agency(request.user, agency)
    form, qs = _filtered_assets(request, agency)
    page = _page(request, qs)
    query = request.GET.copy()
    query.pop("page", None)
    today = timezone.localdate()
    return render(
        request,
        "property/asset_list.html",
        {
            "agency": agency,
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "can_add": access.handled_departments(request.user, agency).exists(),
            "overdue": selectors.overdue_loans(agency, today).count(),
            "requested": Loan.objects.for_agency(agency).filter(state=LoanState.REQUESTED).count(),
            "can_manage": agency_access.has_capability(request.user, agency, "property.manage"),
        },
    )


def _asset_values(data) -> dict:
    return {k: data[k] for k in services.ASSET_FIELDS}


@login_required
@require_http_methods(["GET", "POST"])
def asset_new(request, agency):
    agency = access.staff_agency(request.user, agency, "property.handle")
    departments = access.handled_departments(request.user, agency)
    form = forms.AssetForm(request.POST or None, request.FILES or None, departments=departments)
    if request.method == "POST" and form.is_valid():
        access.require_handle(request.user, agency, form.cleaned_data["department"])
        with errors_onto(form):
            asset = services.asset_create(
                actor=request.user,
                agency=agency,
                photos=form.cleaned_data["photos"],
                documents=form.cleaned_data["documents"],
                **_asset_values(form.cleaned_data),
            )
            messages.success(request, _("บันทึกแล้ว"))
            return redirect("property:asset", agency=agency.slug, pk=asset.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "property/asset_form.html", {"agency": agency, "form": form}, status=status)


@login_required
@require_GET
def asset_detail(request, agency, pk):
    agency, asset = access.asset_for_staff(request.user, agency, pk)
    today = timezone.localdate()
    month = today.replace(day=1)
    return render(
        request,
        "property/asset_detail.html",
        {
            "agency": agency,
            "asset": asset,
            "files": asset.files.all(),
            "loans": asset.loans.order_by("-starts_on")[:50],
            "events": _events(asset, "status"),
            "months": [(m, selectors.month_calendar(asset, m, today)) for m in (month, add_months(month, 1))],
            "can_handle": access.can_handle(request.user, agency, asset.department),
            "can_borrow": agency_access.has_capability(request.user, agency, "property.handle"),
            "status_form": forms.AssetStatusForm(),
            "loan_form": forms.StaffLoanForm(
                initial={"borrower_name": request.user.get_full_name() or request.user.get_username()}
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def asset_edit(request, agency, pk):
    agency, asset = access.asset_for_staff(request.user, agency, pk, "property.handle")
    access.require_handle(request.user, agency, asset.department)
    departments = access.handled_departments(request.user, agency)
    initial = {k: getattr(asset, k) for k in services.ASSET_FIELDS}
    form = forms.AssetForm(
        request.POST or None, request.FILES or None, departments=departments, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        access.require_handle(request.user, agency, asset.department, form.cleaned_data["department"])
        with errors_onto(form):
            services.asset_update(actor=request.user, asset=asset, **_asset_values(form.cleaned_data))
            for kind, key in ((PropertyFile.Kind.PHOTO, "photos"), (PropertyFile.Kind.DOCUMENT, "documents")):
                for upload in form.cleaned_data[key]:
                    services.file_attach(
                        actor=request.user, agency=agency, upload=upload, kind=kind, asset=asset
                    )
            messages.success(request, _("บันทึกแล้ว"))
            return redirect("property:asset", agency=agency.slug, pk=asset.pk)
    status = 422 if request.method == "POST" else 200
    return render(
        request, "property/asset_form.html", {"agency": agency, "form": form, "asset": asset}, status=status
    )


@login_required
@require_POST
def asset_status(request, agency, pk):
    agency, asset = access.asset_for_staff(request.user, agency, pk, "property.handle")
    access.require_handle(request.user, agency, asset.department)
    form = forms.AssetStatusForm(request.POST)
    if form.is_valid():
        with errors_onto(form):
            services.asset_status_set(
                actor=request.user,
                asset=asset,
                to_state=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
            )
            messages.success(request, _("บันทึกแล้ว"))
            return redirect("property:asset", agency=agency.slug, pk=asset.pk)
    for error in form.non_field_errors() + form.errors.get("status", []):
        messages.error(request, error)
    return redirect("property:asset", agency=agency.slug, pk=asset.pk)


def _attached_file(record, file_id: int):
    """One of a record's attached files, as every download is served (404 for a file of another record)."""
    stored = record.files.filter(pk=file_id).first()
    if stored is None:
        raise Http404
    return stored_file_response(stored.file, content_type=stored.content_type, filename=stored.original_name)


@login_required
@require_GET
def asset_file(request, agency, pk, file_id):
    agency, asset = access.asset_for_staff(request.user, agency, pk)
    return _attached_file(asset, file_id)


@login_required
@require_GET
def labels(request, agency):
    """The label sheet of the filtered register (or of one asset: ?asset=<id>)."""
    agency = access.staff_agency(request.user, agency)
    _form, qs = _filtered_assets(request, agency)
    if request.GET.get("asset", "").isdigit():
        qs = qs.filter(pk=int(request.GET["asset"]))
    assets = list(qs.exclude(status=AssetStatus.DISPOSED)[:480])  # 20 sheets at most per print
    return file_response(exports.labels_pdf(agency, assets), filename="ป้ายครุภัณฑ์.pdf", kind="pdf")


@login_required
@require_http_methods(["GET", "POST"])
def asset_import(request, agency):
    agency = access.staff_agency(request.user, agency, "property.handle")
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    result = None
    status = 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        fmt = "xlsx" if (upload.name or "").lower().endswith(".xlsx") else "csv"
        result = services.assets_import(
            actor=request.user,
            agency=agency,
            upload=upload,
            fmt=fmt,
            departments=list(access.handled_departments(request.user, agency)),
        )
        if result.ok:
            messages.success(
                request,
                _("นำเข้าแล้ว: เพิ่ม %(created)s รายการ ปรับปรุง %(updated)s รายการ")
                % {"created": len(result.created), "updated": len(result.updated)},
            )
            return redirect("property:assets", agency=agency.slug)
        status = 422
    elif request.method == "POST":
        status = 422
    return render(
        request,
        "property/asset_import.html",
        {"agency": agency, "form": form, "result": result, "columns": services.IMPORT_COLUMNS},
        status=status,
    )


# --- loans ----------------------------------------------------------------------------------------------

LOAN_VIEWS = {
    "open": _("ที่ยังไม่ปิด"),
    "requested": _("รออนุมัติ"),
    "upcoming": _("จองล่วงหน้า"),
    "overdue": _("เลยกำหนดคืน"),
    "all": _("ทั้งหมด"),
}


@login_required
@require_GET
def loan_list(request, agency):
    agency = access.staff_agency(request.user, agency)
    view = request.GET.get("view", "open")
    if view not in LOAN_VIEWS:
        view = "open"
    today = timezone.localdate()
    page = _page(request, selectors.loans(agency, view=view, today=today))
    for loan in page:
        loan.overdue = loan.is_overdue(today)
    return render(
        request,
        "property/loan_list.html",
        {"agency": agency, "page": page, "view": view, "views": LOAN_VIEWS.items(), "query": f"view={view}"},
    )


@login_required
@require_POST
def loan_new(request, agency, pk):
    """A member of staff asks for an asset: officers (of any department) and the coordinator; the custodian
    department decides. Director and auditor change nothing, so they do not ask either."""
    agency, asset = access.asset_for_staff(request.user, agency, pk, "property.handle")
    form = forms.StaffLoanForm(request.POST)
    if form.is_valid():
        try:
            loan = services.loan_request(
                agency=agency,
                asset=asset,
                actor=request.user,
                borrower_name=form.cleaned_data["borrower_name"],
                purpose=form.cleaned_data["purpose"],
                starts_on=form.cleaned_data["starts_on"],
                ends_on=form.cleaned_data["ends_on"],
            )
        except services.ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("ส่งคำขอยืมแล้ว รหัส %(code)s") % {"code": loan.code})
            return redirect("property:loan", agency=agency.slug, code=loan.code)
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("property:asset", agency=agency.slug, pk=asset.pk)


@login_required
@require_GET
def loan_detail(request, agency, code):
    agency, loan = access.loan_for_staff(request.user, agency, code)
    today = timezone.localdate()
    return render(
        request,
        "property/loan_detail.html",
        {
            "agency": agency,
            "loan": loan,
            "events": _events(loan),
            "overdue": loan.is_overdue(today),
            "can_handle": access.can_handle(request.user, agency, loan.asset.department),
            # The borrower's phone and e-mail: for those who handle the loan and those who audit.
            "show_contact": access.can_handle(request.user, agency, loan.asset.department)
            or agency_access.has_capability(request.user, agency, "audit.view"),
            "form": forms.LoanActionForm(initial={"condition": loan.asset.condition}),
        },
    )


LOAN_ACTIONS = {
    "approve": services.loan_approve,
    "refuse": services.loan_refuse,
    "cancel": services.loan_cancel,
    "check_out": services.loan_check_out,
    "check_in": services.loan_check_in,
}


@login_required
@require_POST
def loan_action(request, agency, code, action):
    if action not in LOAN_ACTIONS:
        raise Http404
    agency, loan = access.loan_for_staff(request.user, agency, code, "property.handle")
    own_request = action == "cancel" and loan.requested_by_id == request.user.pk
    if not own_request:
        access.require_handle(request.user, agency, loan.asset.department)
    form = forms.LoanActionForm(request.POST)
    form.is_valid()
    kwargs = {"actor": request.user, "loan": loan, "note": form.cleaned_data.get("note", "")}
    if action in ("check_out", "check_in"):
        kwargs["condition"] = form.cleaned_data.get("condition") or loan.asset.condition
    try:
        LOAN_ACTIONS[action](**kwargs)
    except services.ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("บันทึกแล้ว"))
    return redirect("property:loan", agency=agency.slug, code=loan.code)


# --- seized goods ---------------------------------------------------------------------------------------


@login_required
@require_GET
def seized_list(request, agency):
    agency = access.staff_agency(request.user, agency)
    today = timezone.localdate()
    state = request.GET.get("state", SeizedState.IN_STORE)
    if state not in SeizedState.values and state != "all":
        state = SeizedState.IN_STORE
    flagged = request.GET.get("flagged") == "1"
    items = selectors.seized_with_flags(agency, today, state="" if state == "all" else state, flagged=flagged)
    return render(
        request,
        "property/seized_list.html",
        {
            "agency": agency,
            "items": items,
            "state": state,
            "states": [("all", _("ทุกสถานะ")), *SeizedState.choices],
            "flagged": flagged,
            "can_add": access.handled_departments(request.user, agency).exists(),
            "today": today,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def seized_new(request, agency):
    agency = access.staff_agency(request.user, agency, "property.handle")
    departments = access.handled_departments(request.user, agency)
    rules = HoldingRule.objects.filter(pk__in=[r.pk for r in services.holding_rules_ensure(agency)])
    city_law = departments.filter(code="city-law").first()
    form = forms.SeizedForm(
        request.POST or None,
        request.FILES or None,
        departments=departments,
        rules=rules,
        initial={"department": city_law, "seized_on": timezone.localdate(), "unit": "รายการ", "quantity": 1},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        access.require_handle(request.user, agency, data["department"])
        photos, documents = data.pop("photos"), data.pop("documents")
        with errors_onto(form):
            item = services.seized_intake(
                actor=request.user, agency=agency, photos=photos, documents=documents, holder="", **data
            )
            messages.success(request, _("บันทึกรับของกลางแล้ว"))
            return redirect("property:seized", agency=agency.slug, code=item.code)
    status = 422 if request.method == "POST" else 200
    return render(request, "property/seized_form.html", {"agency": agency, "form": form}, status=status)


@login_required
@require_GET
def seized_detail(request, agency, code):
    agency, item = access.item_for_staff(request.user, agency, code)
    today = timezone.localdate()
    custody = list(item.custody_events.select_related("recorded_by").prefetch_related("signatures", "files"))
    for event in custody:
        event.signed = list(event.signatures.all())
        event.pending = len(event.signed) < services.SIGNATURES_NEEDED
        event.can_sign = event.pending and request.user.pk not in {s.signer_id for s in event.signed}
    return render(
        request,
        "property/seized_detail.html",
        {
            "agency": agency,
            "item": item,
            "custody": custody,
            "events": _events(item),
            "files": item.files.all(),
            "flagged": item.held_too_long(today),
            "can_sign": access.can_sign(request.user, agency, item),
            # The owner's name and contact: the holding department, the coordinator, director and auditor.
            "show_owner": access.can_sign(request.user, agency, item)
            or agency_access.has_capability(request.user, agency, "audit.view"),
            "can_record": access.can_sign(request.user, agency, item)
            and item.state == SeizedState.IN_STORE
            and not any(e.pending for e in custody),
            "form": forms.CustodyForm(initial={"occurred_on": today}),
            "kinds": CustodyKind.choices,
        },
    )


@login_required
@require_POST
def custody_new(request, agency, code):
    agency, item = access.item_for_staff(request.user, agency, code, "seized.sign")
    access.require_sign(request.user, agency, item)
    form = forms.CustodyForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.custody_record(
                actor=request.user,
                item=item,
                kind=data["kind"],
                to_holder=data["to_holder"],
                to_place=data["to_place"],
                occurred_on=data["occurred_on"],
                note=data["note"],
                documents=data["documents"],
            )
        except services.ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("บันทึกแล้ว รอเจ้าหน้าที่อีกคนหนึ่งลงนามยืนยัน"))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("property:seized", agency=agency.slug, code=item.code)


@login_required
@require_POST
def custody_sign(request, agency, code, event_id):
    agency, item, event = access.event_for_staff(request.user, agency, code, event_id)
    access.require_sign(request.user, agency, item)
    try:
        services.custody_sign(actor=request.user, event=event)
    except services.ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("ลงนามแล้ว"))
    return redirect("property:seized", agency=agency.slug, code=item.code)


@login_required
@require_GET
def seized_file(request, agency, code, file_id):
    agency, item = access.item_for_staff(request.user, agency, code)
    stored = (
        PropertyFile.objects.filter(pk=file_id, agency=agency).filter(item=item).first()
        or PropertyFile.objects.filter(pk=file_id, agency=agency, event__item=item).first()
    )
    if stored is None:
        raise Http404
    return stored_file_response(stored.file, content_type=stored.content_type, filename=stored.original_name)


# --- donations ------------------------------------------------------------------------------------------


@login_required
@require_GET
def donation_list(request, agency):
    agency = access.staff_agency(request.user, agency)
    page = _page(request, Donation.objects.for_agency(agency).select_related("department", "asset"))
    return render(
        request,
        "property/donation_list.html",
        {
            "agency": agency,
            "page": page,
            "can_add": access.handled_departments(request.user, agency).exists(),
        },
    )


def _donation_values(agency, form) -> dict:
    data = dict(form.cleaned_data)
    data.pop("documents")
    number = data.pop("asset_number").strip()
    data["asset"] = None
    if number:
        data["asset"] = Asset.objects.for_agency(agency).filter(number=number).first()
        if data["asset"] is None:
            raise services.ValidationError({"asset_number": _("ไม่พบทรัพย์สินเลขที่นี้ในทะเบียน")})
    return data


@login_required
@require_http_methods(["GET", "POST"])
def donation_form(request, agency, code=None):
    agency = access.staff_agency(request.user, agency, "property.handle")
    donation = None
    initial = {"received_on": timezone.localdate(), "quantity": 1, "unit": "รายการ"}
    if code is not None:
        agency, donation = access.donation_for_staff(request.user, agency.slug, code, "property.handle")
        access.require_handle(request.user, agency, donation.department)
        initial = {k: getattr(donation, k) for k in services.DONATION_FIELDS if k != "asset"}
        initial["asset_number"] = donation.asset.number if donation.asset else ""
    departments = access.handled_departments(request.user, agency)
    form = forms.DonationForm(
        request.POST or None, request.FILES or None, departments=departments, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        access.require_handle(
            request.user,
            agency,
            donation.department if donation else form.cleaned_data["department"],
            form.cleaned_data["department"],
        )
        with errors_onto(form):
            values = _donation_values(agency, form)
            if donation is None:
                donation = services.donation_record(
                    actor=request.user, agency=agency, documents=form.cleaned_data["documents"], **values
                )
            else:
                services.donation_update(actor=request.user, donation=donation, **values)
                for upload in form.cleaned_data["documents"]:
                    services.file_attach(
                        actor=request.user,
                        agency=agency,
                        upload=upload,
                        kind=PropertyFile.Kind.DOCUMENT,
                        donation=donation,
                    )
            messages.success(request, _("บันทึกแล้ว"))
            return redirect("property:donations", agency=agency.slug)
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "property/donation_form.html",
        {"agency": agency, "form": form, "donation": donation},
        status=status,
    )


@login_required
@require_GET
def donation_file(request, agency, code, file_id):
    agency, donation = access.donation_for_staff(request.user, agency, code)
    return _attached_file(donation, file_id)


# --- stock-take -----------------------------------------------------------------------------------------


@login_required
@require_GET
def stocktake_list(request, agency):
    agency = access.staff_agency(request.user, agency)
    from .models import StockTake

    stocktakes = StockTake.objects.for_agency(agency).select_related("department")[:100]
    departments = access.handled_departments(request.user, agency)
    return render(
        request,
        "property/stocktake_list.html",
        {
            "agency": agency,
            "stocktakes": stocktakes,
            "form": forms.StockTakeStartForm(departments=departments),
            "can_add": departments.exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def stocktake_new(request, agency):
    agency = access.staff_agency(request.user, agency, "property.handle")
    department = agency.departments.filter(
        pk=request.GET.get("department") or request.POST.get("department") or 0
    ).first()
    if department is None:
        raise Http404
    access.require_handle(request.user, agency, department)
    assets = list(selectors.assets(agency, department=department).exclude(status=AssetStatus.DISPOSED))
    errors: list[str] = []
    if request.method == "POST":
        results = {a.pk: request.POST.get(f"asset-{a.pk}", "") for a in assets}
        results = {k: v for k, v in results.items() if v}
        checked_on = forms.BEDateField(required=True)
        try:
            day = checked_on.clean(request.POST.get("checked_on", ""))
            stocktake = services.stocktake_record(
                actor=request.user,
                agency=agency,
                department=department,
                checked_on=day,
                results=results,
                note=request.POST.get("note", "")[:2000],
            )
        except services.ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, _("บันทึกผลการตรวจนับแล้ว"))
            return redirect("property:stocktake", agency=agency.slug, pk=stocktake.pk)
    return render(
        request,
        "property/stocktake_form.html",
        {
            "agency": agency,
            "department": department,
            "assets": assets,
            "results": StockResult.choices,
            "errors": errors,
            "posted": request.POST,
            "today": timezone.localdate(),
        },
        status=422 if errors else 200,
    )


@login_required
@require_GET
def stocktake_detail(request, agency, pk):
    agency, stocktake = access.stocktake_for_staff(request.user, agency, pk)
    lines = list(stocktake.lines.select_related("asset").order_by("asset__number"))
    counts = {
        value: sum(1 for line in lines if line.result == value) for value, _label in StockResult.choices
    }
    return render(
        request,
        "property/stocktake_detail.html",
        {
            "agency": agency,
            "stocktake": stocktake,
            "lines": lines,
            "counts": [(label, counts[v]) for v, label in StockResult.choices],
        },
    )


# --- the published texts --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def settings_edit(request, agency):
    agency = access.staff_agency(request.user, agency, "property.manage")
    measures, rules, _updated = selectors.texts(agency)
    form = forms.SettingsForm(request.POST or None, initial={"measures": measures, "borrowing_rules": rules})
    if request.method == "POST" and form.is_valid():
        with errors_onto(form):
            services.settings_save(actor=request.user, agency=agency, **form.cleaned_data)
            messages.success(request, _("บันทึกแล้ว"))
            return redirect(reverse("property:settings", kwargs={"agency": agency.slug}))
    return render(
        request,
        "property/settings.html",
        {"agency": agency, "form": form, "rules": HoldingRule.objects.for_agency(agency)},
        status=422 if request.method == "POST" else 200,
    )
