from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from prongsai.agencies import access
from prongsai.agencies.forms import errors_onto
from prongsai.documents.responses import stored_file_response

from . import access as plan_access
from . import selectors, services
from .exports import MONTHLY_FORMATS, PLAN_FORMATS
from .forms import (
    ActivityForm,
    MemoSettingsForm,
    PlanForm,
    PlanImportForm,
    ReportForm,
    ResolveForm,
    ReviewForm,
    StartFromForm,
)
from .models import ImportWarning, MemoSettings, Plan, ReviewState

SESSION_IMPORT = "plans.pending_import"


# --- public -------------------------------------------------------------------------------------------


@require_GET
def public_plan(request, agency, year):
    agency = access.public_agency(agency)
    plan = selectors.published_plan(agency, year)
    if plan is None:
        from django.http import Http404

        raise Http404
    as_of = selectors.plan_as_of(plan)
    states = selectors.activity_states(plan, as_of=as_of)
    context = {
        "agency": agency,
        "plan": plan,
        "as_of": as_of,
        "groups": selectors.rollup_by_indicator(states),
        "overall": selectors.Rollup("", states),
        "plan_formats": PLAN_FORMATS,
    }
    return render(request, "plans/public_plan.html", context)


# --- back office ---------------------------------------------------------------------------------------


@login_required
@require_GET
def plan_list(request, agency):
    agency = access.staff_agency(request.user, agency, "plan.view")
    plans = Plan.objects.for_agency(agency)
    can_import = access.has_capability(request.user, agency, "plan.manage")
    return render(
        request, "plans/plan_list.html", {"agency": agency, "plans": plans, "can_import": can_import}
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_import(request, agency):
    """Upload, preview (a dry run), then confirm: nothing is saved before the coordinator has seen it."""
    agency = access.staff_agency(request.user, agency, "plan.manage")
    form = PlanImportForm(
        request.POST or None,
        request.FILES or None,
        initial={"fiscal_year": selectors.plan_as_of_year_default()},
    )
    preview, status = None, 200
    if request.method == "POST" and "confirm" in request.POST:
        pending = request.session.get(SESSION_IMPORT)
        if not pending or pending["agency"] != agency.slug:
            messages.error(request, _("ไม่พบไฟล์ที่รอยืนยัน โปรดอัปโหลดใหม่"))
            return redirect("plans:import", agency=agency.slug)
        try:
            result = services.plan_import(
                actor=request.user,
                agency=agency,
                fiscal_year=pending["year"],
                text=pending["text"],
                source_name=pending["name"],
                kind=pending.get("kind", Plan.Kind.INTEGRITY),
                # The preview named what would go; the box under that list confirms it.
                confirm_withdrawals=request.POST.get("confirm_withdrawals") == "1",
            )
        except services.PlanImportRefused as exc:
            preview = exc.result
            preview.dry_run = True
            messages.error(request, _("ยังไม่ได้นำเข้า: โปรดยืนยันการถอนกิจกรรมตามรายการด้านล่างก่อน"))
            context = {"agency": agency, "form": form, "preview": preview}
            return render(request, "plans/plan_import.html", context, status=422)
        del request.session[SESSION_IMPORT]
        messages.success(
            request,
            _("นำเข้าแผนแล้ว: สร้าง %(c)d ปรับปรุง %(u)d คงเดิม %(n)d ถอนออก %(w)d")
            % {"c": result.created, "u": result.updated, "n": result.unchanged, "w": result.withdrawn},
        )
        if result.plan.import_warnings.filter(state=ImportWarning.State.OPEN).exists():
            return redirect("plans:review_import", agency=agency.slug, year=result.plan.ref)
        return redirect("plans:dashboard", agency=agency.slug, year=result.plan.ref)
    if request.method == "POST":
        if form.is_valid():
            name, text = form.cleaned_data["file"]
            year = form.cleaned_data["fiscal_year"]
            try:
                preview = services.plan_import(
                    actor=request.user,
                    agency=agency,
                    fiscal_year=year,
                    text=text,
                    source_name=name,
                    kind=form.cleaned_data["kind"],
                    dry_run=True,
                )
            except services.PlanImportError as exc:
                form.add_error("file", str(exc))
                status = 422
            else:
                request.session[SESSION_IMPORT] = {
                    "agency": agency.slug,
                    "year": year,
                    "kind": form.cleaned_data["kind"],
                    "name": name,
                    "text": text,
                }
        else:
            status = 422
    return render(
        request, "plans/plan_import.html", {"agency": agency, "form": form, "preview": preview}, status=status
    )


@login_required
@require_GET
def dashboard(request, agency, year):
    agency = access.staff_agency(request.user, agency, "plan.view")
    plan = plan_access.plan_for(request.user, agency, year)
    as_of = selectors.plan_as_of(plan)
    states = selectors.activity_states(plan, as_of=as_of)
    by_indicator = selectors.rollup_by_indicator(states)
    by_department = selectors.rollup_by_department(states, agency)
    months = selectors.plan_months(plan, as_of)
    context = {
        "agency": agency,
        "plan": plan,
        "as_of": as_of,
        "states": states,
        "overall": selectors.Rollup("", states),
        "by_indicator": by_indicator,
        "by_department": by_department,
        "charts": selectors.dashboard_charts(plan, states, by_indicator, by_department, months),
        "months": months,
        "plan_formats": PLAN_FORMATS,
        "monthly_formats": MONTHLY_FORMATS,
        "overdue": [s for s in states if s.overdue],
        "owed_now": [s for s in states if s.owed_now],
        "awaiting_review": selectors.reports_awaiting_review(plan),
        "can_review": access.has_capability(request.user, agency, "plan.review"),
        "can_manage": access.has_capability(request.user, agency, "plan.manage"),
        "open_warnings": plan.import_warnings.filter(state=ImportWarning.State.OPEN).count(),
    }
    return render(request, "plans/dashboard.html", context)


@login_required
@require_GET
def my_activities(request, agency, year):
    agency = access.staff_agency(request.user, agency, "plan.report")
    plan = plan_access.plan_for(request.user, agency, year, "plan.report")
    as_of = selectors.plan_as_of(plan)
    department_ids = access.departments_in_scope(request.user, agency).values_list("pk", flat=True)
    owed = selectors.activities_owed_by(request.user, plan, department_ids, as_of=as_of)
    return render(
        request, "plans/my_activities.html", {"agency": agency, "plan": plan, "as_of": as_of, "owed": owed}
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_detail(request, agency, year, activity_id):
    agency = access.staff_agency(request.user, agency, "plan.view")
    plan = plan_access.plan_for(request.user, agency, year)
    activity = plan_access.activity_for(request.user, plan, activity_id)
    as_of = selectors.plan_as_of(plan)
    can_report = plan_access.can_report(request.user, activity)
    months = selectors.plan_months(plan, as_of)
    period = _period_from(request, months)
    state = selectors.activity_states(plan, as_of=as_of, activities=plan.activities.filter(pk=activity.pk))[0]
    existing = state.reports.get(period)
    # A returned (or still unreviewed) report is corrected, not retyped: the form starts from it. An accepted
    # month is closed: the page shows its report and offers no form.
    month_closed = existing is not None and existing.review_state == ReviewState.ACCEPTED
    initial = {"period": period, "status": "in_progress", "percent": 0}
    if existing is not None:
        initial.update(status=existing.status, percent=existing.percent, narrative=existing.narrative)
    form = ReportForm(request.POST or None, request.FILES or None, initial=initial)
    status = 200
    if request.method == "POST":
        plan_access.require_report(request.user, activity)
        if form.is_valid():
            data = form.cleaned_data
            links = [(data["link_title"], data["link_url"])] if data["link_url"] else []
            if data["period"].replace(day=1) not in months:
                form.add_error(None, _("เดือนนี้ไม่อยู่ในช่วงของแผน"))
            else:
                with errors_onto(form):
                    services.report_submit(
                        actor=request.user,
                        activity=activity,
                        period=data["period"],
                        status=data["status"],
                        percent=data["percent"],
                        narrative=data["narrative"],
                        files=data["files"],
                        links=links,
                    )
                    messages.success(request, _("ส่งรายงานแล้ว รอผู้ประสานงานตรวจ"))
                    return redirect(
                        "plans:activity", agency=agency.slug, year=plan.ref, activity_id=activity.pk
                    )
        status = 422
    context = {
        "agency": agency,
        "plan": plan,
        "activity": activity,
        "state": state,
        "form": form,
        "can_report": can_report,
        "as_written": selectors.as_written(activity),
        "months": months,
        "period": period,
        "existing": existing,
        "month_closed": month_closed,
        "can_review": access.has_capability(request.user, agency, "plan.review"),
        "can_manage": access.has_capability(request.user, agency, "plan.manage"),
    }
    return render(request, "plans/activity_detail.html", context, status=status)


@login_required
@require_POST
def report_review(request, agency, year, report_id):
    agency = access.staff_agency(request.user, agency, "plan.review")
    plan = plan_access.plan_for(request.user, agency, year, "plan.review")
    report = plan_access.report_for(request.user, plan, report_id)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.report_review(
                actor=request.user,
                report=report,
                accept=form.cleaned_data["decision"] == "accept",
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("บันทึกผลการตรวจแล้ว"))
    else:
        messages.error(request, _("ข้อมูลไม่ถูกต้อง"))
    return redirect("plans:activity", agency=agency.slug, year=plan.ref, activity_id=report.activity_id)


@login_required
@require_GET
def evidence_download(request, agency, evidence_id):
    agency = access.staff_agency(request.user, agency, "plan.view")
    evidence = plan_access.evidence_for(request.user, agency, evidence_id)
    if not evidence.file:
        return redirect(evidence.url)
    return stored_file_response(
        evidence.file, filename=evidence.original_name, content_type=evidence.content_type
    )


def _period_from(request, months: list[date]) -> date:
    wanted = request.GET.get("period")
    for month in months:
        if wanted == month.strftime("%Y-%m"):
            return month
    return months[-1] if months else timezone.localdate().replace(day=1)


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request, agency):
    """A plan written in the back office, e.g. the anti-corruption action plan (O28) or the
    service-efficiency plan (O26), which share the activities, owners and monthly reports."""
    agency = access.staff_agency(request.user, agency, "plan.manage")
    form = PlanForm(request.POST or None, initial={"fiscal_year": selectors.plan_as_of_year_default()})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            with errors_onto(form):
                plan = services.plan_create(actor=request.user, agency=agency, **form.cleaned_data)
                return redirect("plans:dashboard", agency=agency.slug, year=plan.ref)
        status = 422
    return render(request, "plans/plan_form.html", {"agency": agency, "form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request, agency, year, activity_id=None):
    """Add an activity, or change what it is, who owns it and when it is due (the coordinator assigns)."""
    agency = access.staff_agency(request.user, agency, "plan.manage")
    plan = plan_access.plan_for(request.user, agency, year, "plan.manage")
    activity = plan_access.activity_for(request.user, plan, activity_id) if activity_id else None
    form = ActivityForm(request.POST or None, plan=plan, instance=activity)
    status = 200
    if request.method == "POST":
        if "withdraw" in request.POST and activity is not None:
            services.activity_withdraw(actor=request.user, activity=activity)
            messages.success(request, _("ถอนกิจกรรมออกจากแผนแล้ว ประวัติและรายงานยังเก็บไว้"))
            return redirect("plans:dashboard", agency=agency.slug, year=plan.ref)
        if form.is_valid():
            activity = services.activity_save(
                actor=request.user, plan=plan, activity=activity, **form.cleaned_data
            )
            messages.success(request, _("บันทึกกิจกรรมแล้ว"))
            return redirect("plans:activity", agency=agency.slug, year=plan.ref, activity_id=activity.pk)
        status = 422
    context = {"agency": agency, "plan": plan, "activity": activity, "form": form}
    return render(request, "plans/activity_form.html", context, status=status)


# --- import review, publication, next year's plan, memo settings ---------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def plan_review(request, agency, year):
    """The import's warnings, each with the way to resolve it; the plan is published once none is open."""
    agency = access.staff_agency(request.user, agency, "plan.manage")
    plan = plan_access.plan_for(request.user, agency, year, "plan.manage")
    status = 200
    failed_id, failed_form = None, None
    if request.method == "POST" and "publish" in request.POST:
        services.plan_publish(actor=request.user, plan=plan, published=request.POST["publish"] == "1")
        messages.success(request, _("บันทึกการเผยแพร่แล้ว"))
        return redirect("plans:review_import", agency=agency.slug, year=plan.ref)
    if request.method == "POST":
        warning = plan_access.warning_for(request.user, plan, request.POST.get("warning"))
        form = ResolveForm(request.POST, agency=agency)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.warning_resolve(
                    actor=request.user,
                    warning=warning,
                    action=data["action"],
                    note=data["note"],
                    indicator_number=data["indicator_number"],
                    indicator_title=data["indicator_title"],
                    departments=list(data["departments"] or ()),
                    replacement=data["replacement"],
                    due_date=data["due_date"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("บันทึกการแก้ไขข้อสังเกตแล้ว"))
                return redirect(f"{request.path}#warning-{warning.pk}")
        failed_id, failed_form = warning.pk, form
        status = 422
    context = {
        "agency": agency,
        "plan": plan,
        **selectors.import_review(plan),
        "resolutions": services.RESOLUTIONS,
        "failed_id": failed_id,
        "failed_form": failed_form,
        "departments": agency.departments.filter(is_active=True),
    }
    return render(request, "plans/plan_review.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def plan_start_from(request, agency, year):
    """Start next year's plan from this one: indicators and activities copied, due dates a year later."""
    agency = access.staff_agency(request.user, agency, "plan.manage")
    source = plan_access.plan_for(request.user, agency, year, "plan.manage")
    form = StartFromForm(request.POST or None, initial={"fiscal_year": source.fiscal_year + 1})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            with errors_onto(form):
                plan = services.plan_start_from(
                    actor=request.user, source=source, fiscal_year=form.cleaned_data["fiscal_year"]
                )
                messages.success(request, _("สร้างแผนปีใหม่จากแผนนี้แล้ว โปรดตรวจแก้แล้วจึงเผยแพร่"))
                return redirect("plans:dashboard", agency=agency.slug, year=plan.ref)
        status = 422
    context = {"agency": agency, "plan": source, "form": form}
    return render(request, "plans/plan_start_from.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def memo_settings(request, agency):
    """The heading, signer and Word font of the agency's memos, and its Garuda emblem (PNG or JPEG)."""
    agency = access.staff_agency(request.user, agency, "plan.manage")
    instance = MemoSettings.objects.filter(agency=agency).first() or MemoSettings(agency=agency)
    form = MemoSettingsForm(request.POST or None, request.FILES or None, instance=instance)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data)
            emblem = data.pop("emblem", None)
            with errors_onto(form):
                services.memo_settings_save(
                    actor=request.user,
                    agency=agency,
                    emblem=emblem if emblem and hasattr(emblem, "content_type") else None,
                    **data,
                )
                messages.success(request, _("บันทึกการตั้งค่าแล้ว"))
                return redirect("plans:memo_settings", agency=agency.slug)
        status = 422
    return render(request, "plans/memo_settings.html", {"agency": agency, "form": form}, status=status)
