from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from prongsai.agencies import access
from prongsai.documents.charts import bar_chart
from prongsai.documents.data import table_csv, table_json
from prongsai.documents.responses import file_response
from prongsai.documents.xlsx import table_xlsx

from . import access as dataset_access
from . import selectors, services
from .forms import EXTRA_ROWS, ColumnFormSet, DatasetForm, ImportForm, PeriodChoiceForm, grid_read
from .models import Dataset
from .values import input_text, parse_period_key, period_key, period_label

DOWNLOAD_FORMATS = ("csv", "xlsx", "json", "pdf")


# --- public -------------------------------------------------------------------------------------------


@require_GET
def public_list(request, agency):
    agency = access.public_agency(agency)
    datasets = list(selectors.published_datasets(agency))
    for dataset in datasets:
        dataset.first_label = dataset.first_period and period_label(dataset.frequency, dataset.first_period)
        dataset.last_label = dataset.last_period and period_label(dataset.frequency, dataset.last_period)
    return render(request, "datasets/public_list.html", {"agency": agency, "datasets": datasets})


@require_GET
def public_detail(request, agency, slug):
    agency = access.public_agency(agency)
    dataset = selectors.public_dataset(agency, slug)
    columns = selectors.columns_of(dataset)
    rows = selectors.rows_of(dataset)
    column = selectors.chart_column(dataset, columns, request.GET.get("column"))
    chart = None
    if column is not None:
        chart = bar_chart(
            [
                (period_label(dataset.frequency, period), total)
                for period, total in selectors.sums_by_period(rows, column)
            ],
            title=_("%(column)s รวม%(frequency)s")
            % {"column": column.heading, "frequency": dataset.get_frequency_display()},
            unit=column.unit,
        )
    context = {
        "agency": agency,
        "dataset": dataset,
        "columns": columns,
        "tables": selectors.period_tables(dataset, columns, rows),
        "chart": chart,
        "chart_column": column,
        "numeric_columns": selectors.numeric_columns(columns),
        "formats": DOWNLOAD_FORMATS,
    }
    return render(request, "datasets/public_detail.html", context)


def _download(dataset: Dataset, fmt: str):
    if fmt not in DOWNLOAD_FORMATS:
        raise Http404
    columns = selectors.columns_of(dataset)
    table = selectors.download_table(dataset, columns, selectors.rows_of(dataset))
    if fmt == "csv":
        content = table_csv(table)
    elif fmt == "json":
        content = table_json(table)
    elif fmt == "xlsx":
        content = table_xlsx(table)
    else:
        from prongsai.documents.pdf import table_pdf

        content = table_pdf(table)
    return file_response(content, filename=f"{dataset.title}.{fmt}", kind=fmt)


@require_GET
def public_download(request, agency, slug, fmt):
    agency = access.public_agency(agency)
    return _download(selectors.public_dataset(agency, slug), fmt)


# --- back office ---------------------------------------------------------------------------------------


@login_required
@require_GET
def staff_list(request, agency):
    agency = access.staff_agency(request.user, agency, "disclosure.view")
    datasets = list(
        Dataset.objects.for_agency(agency).select_related("department").order_by("department__order", "title")
    )
    can_create = access.has_capability(request.user, agency, "disclosure.publish") and (
        dataset_access.editable_departments(request.user, agency).exists()
    )
    for dataset in datasets:
        dataset.editable = dataset_access.can_edit(request.user, dataset)
    return render(
        request,
        "datasets/staff_list.html",
        {"agency": agency, "datasets": datasets, "can_create": can_create},
    )


def _dataset_fields(form) -> dict:
    data = form.cleaned_data
    return {
        "department": data["department"],
        "title": data["title"],
        "frequency": data["frequency"],
        "description": data["description"],
        "unit_note": data["unit_note"],
        "disclosure_item_code": data["disclosure_item_code"],
        "chart_column": data["chart_column"],
    }


@login_required
@require_http_methods(["GET", "POST"])
def staff_create(request, agency):
    agency = access.staff_agency(request.user, agency, "disclosure.publish")
    departments = dataset_access.editable_departments(request.user, agency)
    if not departments.exists():
        raise PermissionDenied
    form = DatasetForm(request.POST or None, departments=departments)
    columns = ColumnFormSet(request.POST or None, prefix="col")
    status = 200
    if request.method == "POST":
        if form.is_valid() and columns.is_valid():
            try:
                dataset = services.dataset_create(
                    actor=request.user, agency=agency, columns=columns.specs(), **_dataset_fields(form)
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("สร้างชุดข้อมูลแล้ว"))
                return redirect("datasets:detail", agency=agency.slug, slug=dataset.slug)
        status = 422
    return render(
        request,
        "datasets/staff_form.html",
        {"agency": agency, "form": form, "columns": columns, "dataset": None},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_edit(request, agency, slug):
    agency, dataset = dataset_access.dataset_for_staff(request.user, agency, slug, write=True)
    departments = dataset_access.editable_departments(request.user, agency)
    if dataset.department not in departments:
        departments = departments | agency.departments.filter(pk=dataset.department_id)
    initial = {
        "title": dataset.title,
        "department": dataset.department,
        "frequency": dataset.frequency,
        "description": dataset.description,
        "unit_note": dataset.unit_note,
        "disclosure_item_code": dataset.disclosure_item_code,
        "chart_column": dataset.chart_column,
    }
    form = DatasetForm(request.POST or None, initial=initial, departments=departments)
    columns = ColumnFormSet(
        request.POST or None,
        prefix="col",
        initial=[
            {"label": c.label, "key": c.key, "kind": c.kind, "unit": c.unit, "required": c.required}
            for c in dataset.columns.all()
        ],
    )
    status = 200
    if request.method == "POST":
        if form.is_valid() and columns.is_valid():
            try:
                services.dataset_update(
                    actor=request.user, dataset=dataset, columns=columns.specs(), **_dataset_fields(form)
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("บันทึกแล้ว"))
                return redirect("datasets:detail", agency=agency.slug, slug=dataset.slug)
        status = 422
    return render(
        request,
        "datasets/staff_form.html",
        {"agency": agency, "form": form, "columns": columns, "dataset": dataset},
        status=status,
    )


@login_required
@require_GET
def staff_detail(request, agency, slug):
    agency, dataset = dataset_access.dataset_for_staff(request.user, agency, slug)
    columns = selectors.columns_of(dataset)
    periods = selectors.periods_of(dataset)
    context = {
        "agency": agency,
        "dataset": dataset,
        "columns": columns,
        "periods": [(period_key(p), period_label(dataset.frequency, p)) for p in reversed(periods)],
        "can_edit": dataset_access.can_edit(request.user, dataset),
        "period_form": PeriodChoiceForm(frequency=dataset.frequency),
        "tables": selectors.period_tables(dataset, columns, selectors.rows_of(dataset)),
    }
    return render(request, "datasets/staff_detail.html", context)


@login_required
@require_GET
def staff_period_go(request, agency, slug):
    """The "enter a period" box: read the period as typed, then open its entry page."""
    agency, dataset = dataset_access.dataset_for_staff(request.user, agency, slug, write=True)
    form = PeriodChoiceForm(request.GET, frequency=dataset.frequency)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("period", [])))
        return redirect("datasets:detail", agency=agency.slug, slug=dataset.slug)
    return redirect(
        "datasets:rows", agency=agency.slug, slug=dataset.slug, period=period_key(form.cleaned_data["period"])
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_rows(request, agency, slug, period):
    agency, dataset = dataset_access.dataset_for_staff(request.user, agency, slug, write=True)
    when = parse_period_key(dataset.frequency, period)
    if when is None:
        raise Http404
    columns = selectors.columns_of(dataset)
    existing = selectors.rows_of(dataset, when)
    problems, status = [], 200
    if request.method == "POST":
        try:
            count = min(int(request.POST.get("rows", "0")), 500)
        except ValueError:
            count = 0
        rows, problems, grid = grid_read(request.POST, columns, count)
        if not problems:
            before = services.rows_replace(actor=request.user, dataset=dataset, period=when, rows=rows)
            messages.success(
                request,
                _("บันทึกข้อมูล %(period)s แล้ว %(n)d แถว (แทนที่ของเดิม %(old)d แถว)")
                % {"period": period_label(dataset.frequency, when), "n": len(rows), "old": before},
            )
            return redirect("datasets:detail", agency=agency.slug, slug=dataset.slug)
        status = 422
    else:
        grid = [[input_text(c.kind, r.values.get(c.key)) for c in columns] for r in existing]
        grid += [[""] * len(columns) for _ in range(EXTRA_ROWS)]
    context = {
        "agency": agency,
        "dataset": dataset,
        "columns": columns,
        "period_label": period_label(dataset.frequency, when),
        "grid": [(index, list(zip(columns, cells, strict=False))) for index, cells in enumerate(grid)],
        "count": len(grid),
        "problems": problems,
    }
    return render(request, "datasets/staff_rows.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def staff_import(request, agency, slug):
    agency, dataset = dataset_access.dataset_for_staff(request.user, agency, slug, write=True)
    form = ImportForm(request.POST or None, request.FILES or None, frequency=dataset.frequency)
    result, status = None, 200
    if request.method == "POST":
        if form.is_valid():
            result = services.dataset_import(
                actor=request.user,
                dataset=dataset,
                upload=form.cleaned_data["file"],
                period=form.cleaned_data["period"],
            )
            if result.saved:
                messages.success(
                    request,
                    _("นำเข้าแล้ว %(n)d แถว ช่วงเวลา %(periods)s")
                    % {
                        "n": result.rows,
                        "periods": ", ".join(period_label(dataset.frequency, p) for p in result.periods),
                    },
                )
                return redirect("datasets:detail", agency=agency.slug, slug=dataset.slug)
        status = 422
    columns = selectors.columns_of(dataset)
    return render(
        request,
        "datasets/staff_import.html",
        {"agency": agency, "dataset": dataset, "form": form, "result": result, "columns": columns},
        status=status,
    )


@login_required
@require_POST
def staff_publish(request, agency, slug):
    agency, dataset = dataset_access.dataset_for_staff(request.user, agency, slug, write=True)
    publish = request.POST.get("publish") == "1"
    services.dataset_publish(actor=request.user, dataset=dataset, publish=publish)
    messages.success(request, _("เผยแพร่แล้ว") if publish else _("หยุดเผยแพร่แล้ว"))
    return redirect("datasets:detail", agency=agency.slug, slug=dataset.slug)


@login_required
@require_GET
def staff_download(request, agency, slug, fmt):
    agency, dataset = dataset_access.dataset_for_staff(request.user, agency, slug)
    return _download(dataset, fmt)
