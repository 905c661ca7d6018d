"""Back office of money: budgets by year (import, lines, transfers, snapshots, subsidies, ordinance,
publication) and procurements (records, documents, OCDS import), with the red flags on the home page."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from prongsai.agencies import access
from prongsai.agencies.forms import errors_onto
from prongsai.thai.fiscal import fiscal_year

from . import access as finance_access
from . import selectors, services
from .forms import (
    BudgetCreateForm,
    DocumentForm,
    LineForm,
    OrdinanceForm,
    ProcurementForm,
    ReportImportForm,
    Skr1ImportForm,
    SnapshotForm,
    SpendingPlanForm,
    SubsidyForm,
    TransferForm,
    UploadForm,
)
from .models import Budget, Procurement
from .ocds import OcdsError


def _agency(request, slug, capability="finance.view"):
    return access.staff_agency(request.user, slug, capability)


def _budget(agency, year) -> Budget:
    budget = selectors.budget_with_lines(Budget.objects.all(), agency=agency, fiscal_year=year)
    if budget is None:
        raise Http404
    return budget


@login_required
@require_GET
def home(request, agency):
    agency = _agency(request, agency)
    year = fiscal_year(timezone.localdate())
    context = {
        "agency": agency,
        "budgets": Budget.objects.filter(agency=agency).order_by("-fiscal_year"),
        "year": year,
        "flags": selectors.red_flags(agency, year),
        "can_edit": finance_access.can_edit_budget(request.user, agency),
        "can_manage": access.has_capability(request.user, agency, "finance.manage"),
        "import_form": ReportImportForm(initial={"fiscal_year": year}),
        "create_form": BudgetCreateForm(initial={"fiscal_year": year}),
    }
    return render(request, "finance/staff/home.html", context)


@login_required
@require_POST
def budget_new(request, agency):
    agency = _agency(request, agency, "finance.edit")
    finance_access.require_budget_edit(request.user, agency)
    form = BudgetCreateForm(request.POST)
    if form.is_valid():
        with errors_onto(form):
            budget = services.budget_create(actor=request.user, agency=agency, **form.cleaned_data)
            return redirect("finance:budget", agency=agency.slug, year=budget.fiscal_year)
    return render(
        request,
        "finance/staff/form.html",
        {"agency": agency, "form": form, "title": _("งบประมาณปีใหม่")},
        status=422,
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_import(request, agency):
    agency = _agency(request, agency, "finance.edit")
    finance_access.require_budget_edit(request.user, agency)
    form = ReportImportForm(request.POST or None, request.FILES or None)
    context = {"agency": agency, "form": form}
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            fmt = "xlsx" if upload.name.lower().endswith(".xlsx") else "csv"
            try:
                table = services.report_table_from_file(upload, fmt)
                result = services.budget_import_printed(
                    actor=request.user,
                    agency=agency,
                    fiscal_year=form.cleaned_data["fiscal_year"],
                    table=table,
                )
            except services.BudgetImportError as exc:
                context["problems"] = exc.problems
                return render(request, "finance/staff/report_import.html", context, status=422)
            context["result"] = result
            return render(request, "finance/staff/report_import.html", context)
        return render(request, "finance/staff/report_import.html", context, status=422)
    return render(request, "finance/staff/report_import.html", context)


@login_required
@require_GET
def budget_detail(request, agency, year):
    agency = _agency(request, agency)
    budget = _budget(agency, year)
    report = selectors.spending_report(budget)
    context = {
        "agency": agency,
        "budget": budget,
        "report": report,
        "can_edit": finance_access.can_edit_budget(request.user, agency),
        "can_manage": access.has_capability(request.user, agency, "finance.manage"),
        "line_form": LineForm(budget=budget),
        "snapshot_form": SnapshotForm(budget=budget),
        "transfer_form": TransferForm(budget=budget),
        "subsidy_form": SubsidyForm(),
        "plan_form": SpendingPlanForm(budget=budget),
        "ordinance_form": OrdinanceForm(),
        "subsidies": list(budget.subsidies.all()),
        "transfers": list(budget.transfers.select_related("from_line", "to_line")),
    }
    return render(request, "finance/staff/budget.html", context)


def _budget_form(request, agency_slug, year, form_class, call, *, needs_budget=True, files=False):
    agency = _agency(request, agency_slug, "finance.edit")
    finance_access.require_budget_edit(request.user, agency)
    budget = _budget(agency, year)
    kwargs = {"budget": budget} if needs_budget else {}
    form = form_class(request.POST, request.FILES if files else None, **kwargs)
    if form.is_valid():
        with errors_onto(form):
            call(budget, form)
            messages.success(request, _("บันทึกแล้ว"))
            return redirect("finance:budget", agency=agency.slug, year=year)
    return render(
        request, "finance/staff/form.html", {"agency": agency, "form": form, "title": str(budget)}, status=422
    )


@login_required
@require_POST
def line_add(request, agency, year):
    return _budget_form(
        request,
        agency,
        year,
        LineForm,
        lambda b, f: services.budget_line_create(actor=request.user, budget=b, **f.cleaned_data),
    )


@login_required
@require_POST
def transfer_add(request, agency, year):
    return _budget_form(
        request,
        agency,
        year,
        TransferForm,
        lambda b, f: services.transfer_create(actor=request.user, budget=b, **f.cleaned_data),
    )


@login_required
@require_POST
def snapshot_add(request, agency, year):
    return _budget_form(
        request,
        agency,
        year,
        SnapshotForm,
        lambda b, f: services.snapshot_record(
            actor=request.user, budget=b, as_of=f.cleaned_data["as_of"], amounts=f.amounts()
        ),
    )


@login_required
@require_POST
def subsidy_add(request, agency, year):
    return _budget_form(
        request,
        agency,
        year,
        SubsidyForm,
        lambda b, f: services.subsidy_create(actor=request.user, budget=b, **f.cleaned_data),
        needs_budget=False,
    )


@login_required
@require_POST
def ordinance_add(request, agency, year):
    return _budget_form(
        request,
        agency,
        year,
        OrdinanceForm,
        lambda b, f: services.ordinance_upload(actor=request.user, budget=b, upload=f.cleaned_data["file"]),
        needs_budget=False,
        files=True,
    )


@login_required
@require_POST
def budget_publish(request, agency, year):
    agency = _agency(request, agency, "finance.manage")
    budget = _budget(agency, year)
    publish = request.POST.get("publish") == "1"
    try:
        services.budget_publish(actor=request.user, budget=budget, publish=publish)
    except services.ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("เผยแพร่แล้ว") if publish else _("หยุดเผยแพร่แล้ว"))
    return redirect("finance:budget", agency=agency.slug, year=year)


# --- procurement ---------------------------------------------------------------------------------------


@login_required
@require_GET
def procurement_list(request, agency, year):
    agency = _agency(request, agency)
    if not 2500 <= year <= 2700:
        raise Http404
    from prongsai.thai.fiscal import fiscal_year_bounds

    start, end = fiscal_year_bounds(year)
    procurements = (
        Procurement.objects.filter(agency=agency, decided_on__range=(start, end))
        .select_related("department")
        .prefetch_related("bids")
        .order_by("decided_on", "pk")
    )
    flags = selectors.red_flags(agency, year)
    flagged: dict[int, list[str]] = {}
    for flag in flags:
        if flag.procurement is not None:
            flagged.setdefault(flag.procurement.pk, []).append(flag.message)
    context = {
        "agency": agency,
        "year": year,
        "rows": [(p, flagged.get(p.pk, [])) for p in procurements],
        "flags": [f for f in flags if f.procurement is None],
        "can_edit": access.has_capability(request.user, agency, "finance.edit"),
    }
    return render(request, "finance/staff/procurements.html", context)


def _procurement_form_page(request, agency, form, procurement=None, status=200):
    context = {"agency": agency, "form": form, "procurement": procurement, "document_form": DocumentForm()}
    return render(request, "finance/staff/procurement_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def procurement_new(request, agency):
    agency = _agency(request, agency, "finance.edit")
    departments = _departments_for(request.user, agency)
    if not departments:
        raise PermissionDenied
    form = ProcurementForm(request.POST or None, departments=departments)
    if request.method == "POST":
        if form.is_valid():
            finance_access.require_procurement_edit(
                request.user, agency, current=form.cleaned_data["department"]
            )
            with errors_onto(form):
                p = services.procurement_save(
                    actor=request.user, agency=agency, values=form.values(), bids=form.cleaned_data["bids"]
                )
                messages.success(request, _("บันทึกแล้ว"))
                return redirect("finance:procurement", agency=agency.slug, code=p.code)
        return _procurement_form_page(request, agency, form, status=422)
    return _procurement_form_page(request, agency, form)


def _departments_for(user, agency):
    if finance_access.can_edit_budget(user, agency):
        return list(agency.departments.filter(is_active=True))
    return list(access.departments_in_scope(user, agency))


def _procurement(agency, code) -> Procurement:
    p = Procurement.objects.filter(agency=agency, code=code).select_related("department").first()
    if p is None:
        raise Http404
    return p


@login_required
@require_http_methods(["GET", "POST"])
def procurement_edit(request, agency, code):
    agency = _agency(request, agency)
    p = _procurement(agency, code)
    initial = {
        **{name: getattr(p, name) for name in services.PROCUREMENT_FIELDS if name != "department"},
        "department": str(p.department_id or ""),
        "bids": "\n".join(f"{b.bidder} | {b.price}" for b in p.bids.all()),
    }
    if request.method == "GET":
        form = ProcurementForm(initial=initial, departments=list(agency.departments.filter(is_active=True)))
        return _procurement_form_page(request, agency, form, p)
    access.require_capability(request.user, agency, "finance.edit")
    finance_access.require_procurement_edit(request.user, agency, current=p.department)
    form = ProcurementForm(request.POST, departments=_departments_for(request.user, agency))
    if form.is_valid():
        finance_access.require_procurement_edit(
            request.user, agency, current=p.department, new=form.cleaned_data["department"]
        )
        with errors_onto(form):
            services.procurement_save(
                actor=request.user,
                agency=agency,
                values=form.values(),
                bids=form.cleaned_data["bids"],
                procurement=p,
            )
            messages.success(request, _("บันทึกแล้ว"))
            return redirect("finance:procurement", agency=agency.slug, code=p.code)
    return _procurement_form_page(request, agency, form, p, status=422)


@login_required
@require_POST
def document_add(request, agency, code):
    agency = _agency(request, agency, "finance.edit")
    p = _procurement(agency, code)
    finance_access.require_procurement_edit(request.user, agency, current=p.department)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        with errors_onto(form):
            services.procurement_document_add(
                actor=request.user,
                procurement=p,
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                dated=form.cleaned_data["dated"],
                upload=form.cleaned_data["file"],
            )
            messages.success(request, _("เพิ่มเอกสารแล้ว"))
            return redirect("finance:procurement", agency=agency.slug, code=p.code)
    return render(
        request, "finance/staff/form.html", {"agency": agency, "form": form, "title": p.title}, status=422
    )


@login_required
@require_http_methods(["GET", "POST"])
def ocds_import(request, agency):
    agency = _agency(request, agency, "finance.edit")
    finance_access.require_budget_edit(request.user, agency)
    form = UploadForm(request.POST or None, request.FILES or None)
    context = {"agency": agency, "form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > 20 * 2**20:
            context["problems"] = [_("ไฟล์ใหญ่เกิน 20 MB")]
            return render(request, "finance/staff/ocds_import.html", context, status=422)
        try:
            package = json.loads(upload.read().decode("utf-8-sig"))
            if not isinstance(package, dict):
                raise ValueError
            context["result"] = services.ocds_import(actor=request.user, agency=agency, package=package)
        except (ValueError, UnicodeDecodeError) as exc:
            context["problems"] = exc.problems if isinstance(exc, OcdsError) else [_("ไฟล์นี้ไม่ใช่ JSON")]
            return render(request, "finance/staff/ocds_import.html", context, status=422)
    elif request.method == "POST":
        return render(request, "finance/staff/ocds_import.html", context, status=422)
    return render(request, "finance/staff/ocds_import.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def skr1_import(request, agency):
    from .skr1_import import Skr1Error

    agency = _agency(request, agency, "finance.edit")
    departments = _departments_for(request.user, agency)
    if not departments:
        raise PermissionDenied
    form = Skr1ImportForm(request.POST or None, request.FILES or None, departments=departments)
    context = {"agency": agency, "form": form}
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "finance/staff/skr1_import.html", context, status=422)
        department = form.cleaned_data["department"]
        finance_access.require_procurement_edit(request.user, agency, current=department)
        upload = form.cleaned_data["file"]
        fmt = "xlsx" if upload.name.lower().endswith(".xlsx") else "csv"
        try:
            context["result"] = services.skr1_import(
                actor=request.user, agency=agency, department=department, upload=upload, fmt=fmt
            )
        except Skr1Error as exc:
            context["problems"] = exc.problems
            return render(request, "finance/staff/skr1_import.html", context, status=422)
    return render(request, "finance/staff/skr1_import.html", context)


@login_required
@require_POST
def spending_plan_set(request, agency, year):
    return _budget_form(
        request, agency, year, SpendingPlanForm,
        lambda b, f: services.spending_plan_set(
            actor=request.user, budget=b, category=f.cleaned_data["category"], amounts=f.amounts()
        ),
    )  # fmt: skip
