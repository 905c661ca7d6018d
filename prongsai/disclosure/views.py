from datetime import datetime, time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from prongsai.agencies import access
from prongsai.agencies.forms import errors_onto
from prongsai.documents.responses import stored_file_response

from . import access as oit_access
from . import selectors, services
from .forms import (
    AdoptForm,
    AssignmentForm,
    CopyYearForm,
    PublicationForm,
    ReviewForm,
    RevisionForm,
    WithdrawForm,
)
from .models import Assignment, PublicationVersion

# --- public -------------------------------------------------------------------------------------------


def _public_item(agency_slug, year, code):
    agency = access.public_agency(agency_slug)
    item = selectors.item_for(agency, year, code)
    if item is None:
        raise Http404
    return agency, item


@require_GET
def public_index(request, agency, year):
    agency = access.public_agency(agency)
    catalogue = selectors.primary_catalogue(agency, year)
    if catalogue is None:
        raise Http404
    context = {
        "agency": agency,
        "catalogue": catalogue,
        "year": year,
        "groups": selectors.public_index_groups(agency, catalogue, year),
        "other_years": [
            {"year": y, "url": selectors.index_address(agency.slug, y)}
            for y in selectors.public_years(agency)
            if y != year
        ],
    }
    return render(request, "disclosure/public_index.html", context)


@require_GET
def public_item(request, agency, year, code):
    agency, item = _public_item(agency, year, code)
    view = selectors.public_item_view(agency, item)
    item_url = selectors.item_address(agency.slug, year, item.code)
    context = {
        "agency": agency,
        "year": year,
        "view": view,
        "entries": selectors.public_entries(view, item_url),
    }
    return render(request, "disclosure/public_item.html", context)


@require_GET
def public_file(request, agency, year, code, token):
    agency, item = _public_item(agency, year, code)
    publication = selectors.public_publication(agency, token)
    if publication is None or publication.item_id != item.pk or not publication.live_version.file:
        raise Http404
    return _file_response(publication.live_version)


def _file_response(version: PublicationVersion):
    # Always an attachment with the type found from the content: nothing uploaded is shown inline.
    return stored_file_response(
        version.file, filename=version.original_name, content_type=version.content_type
    )


# --- back office ---------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def overview(request, agency):
    agency = access.staff_agency(request.user, agency, "disclosure.view")
    can_manage = access.has_capability(request.user, agency, "disclosure.manage")
    adopt_form = AdoptForm(request.POST if "adopt" in request.POST else None)
    copy_form = CopyYearForm(request.POST if "copy" in request.POST else None, agency=agency)
    if request.method == "POST":
        access.require_capability(request.user, agency, "disclosure.manage")
        if "adopt" in request.POST and adopt_form.is_valid():
            services.catalogue_adopt(
                actor=request.user, agency=agency, catalogue=adopt_form.cleaned_data["catalogue"]
            )
            messages.success(request, _("ใช้รายการตรวจนี้แล้ว และมอบหมายฝ่ายตามรายการ"))
            return redirect("disclosure:overview", agency=agency.slug)
        if "copy" in request.POST and copy_form.is_valid():
            target = services.catalogue_copy_to_year(
                actor=request.user, agency=agency, **copy_form.cleaned_data
            )
            messages.success(request, _("คัดลอกรายการและการมอบหมายไปยังปี %(year)s แล้ว") % {"year": target.year})
            return redirect("disclosure:board", agency=agency.slug, year=target.year)
    context = {
        "agency": agency,
        "adopted": selectors.adopted_catalogues(agency),
        "can_manage": can_manage,
        "adopt_form": adopt_form,
        "copy_form": copy_form,
        "awaiting": selectors.publications_awaiting(agency),
    }
    return render(
        request, "disclosure/overview.html", context, status=422 if request.method == "POST" else 200
    )


@login_required
@require_GET
def board(request, agency, year):
    agency = access.staff_agency(request.user, agency, "disclosure.view")
    catalogues = list(selectors.adopted_catalogues(agency, year))
    if not catalogues:
        raise Http404
    boards = [(c, selectors.item_views(agency, c, public_only=False)) for c in catalogues]
    return render(request, "disclosure/board.html", {"agency": agency, "year": year, "boards": boards})


@login_required
@require_http_methods(["GET", "POST"])
def item_detail(request, agency, year, code):
    agency = access.staff_agency(request.user, agency, "disclosure.view")
    item = selectors.item_for(agency, year, code)
    if item is None:
        raise Http404
    assignment = Assignment.objects.filter(agency=agency, item=item).prefetch_related("departments").first()
    can_publish = oit_access.can_publish(request.user, agency, assignment)
    form = PublicationForm(request.POST or None, request.FILES or None, initial={"kind": "file"})
    assign_form = AssignmentForm(
        request.POST if "assign" in request.POST else None,
        agency=agency,
        initial={
            "departments": assignment.departments.all() if assignment else [],
            "all_departments": assignment.all_departments if assignment else False,
        },
    )
    status = 200
    if request.method == "POST" and "assign" in request.POST:
        access.require_capability(request.user, agency, "disclosure.manage")
        if assign_form.is_valid() and assignment is not None:
            services.assignment_set(actor=request.user, assignment=assignment, **assign_form.cleaned_data)
            messages.success(request, _("บันทึกการมอบหมายแล้ว"))
            return redirect("disclosure:item", agency=agency.slug, year=year, code=item.code)
        status = 422
    elif request.method == "POST":
        oit_access.require_publish(request.user, agency, assignment)
        if form.is_valid():
            data = form.cleaned_data
            publish_on = data.pop("publish_on")
            publish_at = timezone.make_aware(datetime.combine(publish_on, time.min)) if publish_on else None
            departments = list(access.department_ids_of(request.user, agency))
            department = agency.departments.filter(pk__in=departments).first() if departments else None
            with errors_onto(form):
                services.publication_create(
                    actor=request.user,
                    agency=agency,
                    item=item,
                    kind=data["kind"],
                    title=data["title"],
                    period_start=data["period_start"],
                    period_end=data["period_end"],
                    publish_at=publish_at,
                    department=department,
                    upload=data["file"],
                    url=data["url"],
                    body=data["body"],
                )
                messages.success(request, _("ส่งรายการแล้ว รอผู้ประสานงานอนุมัติก่อนเผยแพร่"))
                return redirect("disclosure:item", agency=agency.slug, year=year, code=item.code)
        status = 422
    view = selectors.item_views(
        agency, item.catalogue, items=item.catalogue.items.filter(pk=item.pk), public_only=False
    )[0]
    context = {
        "agency": agency,
        "year": year,
        "item": item,
        "view": view,
        "assignment": assignment,
        "form": form,
        "assign_form": assign_form,
        "can_publish": can_publish,
        "can_manage": access.has_capability(request.user, agency, "disclosure.manage"),
        "can_approve": access.has_capability(request.user, agency, "disclosure.approve"),
        "public_url": request.build_absolute_uri(f"/{agency.slug}/oit/{year}/{item.code}/"),
        "review_form": ReviewForm(),
        "withdraw_form": WithdrawForm(),
        "revision_form": RevisionForm(),
    }
    return render(request, "disclosure/item_detail.html", context, status=status)


@login_required
@require_POST
def publication_action(request, agency, publication_id, action):
    agency = access.staff_agency(request.user, agency, "disclosure.view")
    publication = oit_access.publication_for(request.user, agency, publication_id)
    try:
        if action == "review":
            access.require_capability(request.user, agency, "disclosure.approve")
            form = ReviewForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("ข้อมูลไม่ถูกต้อง"))
            services.publication_review(
                actor=request.user,
                publication=publication,
                approve=form.cleaned_data["decision"] == "approve",
                comment=form.cleaned_data["comment"],
            )
        elif action == "withdraw":
            access.require_capability(request.user, agency, "disclosure.manage")
            services.publication_withdraw(
                actor=request.user, publication=publication, reason=request.POST.get("reason", "")
            )
        elif action == "revise":
            assignment = Assignment.objects.filter(agency=agency, item=publication.item).first()
            oit_access.require_publish(request.user, agency, assignment)
            form = RevisionForm(request.POST, request.FILES)
            if not form.is_valid():
                raise ValidationError(_("ข้อมูลไม่ถูกต้อง"))
            services.publication_revise(
                actor=request.user,
                publication=publication,
                upload=form.cleaned_data["file"],
                url=form.cleaned_data["url"],
                body=form.cleaned_data["body"],
            )
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("บันทึกแล้ว"))
    return redirect(
        "disclosure:item",
        agency=agency.slug,
        year=publication.item.catalogue.year,
        code=publication.item.code,
    )


@login_required
@require_GET
def version_file(request, agency, version_id):
    agency = access.staff_agency(request.user, agency, "disclosure.view")
    version = get_object_or_404(PublicationVersion, pk=version_id, publication__agency=agency)
    if not version.file:
        raise Http404
    return _file_response(version)
