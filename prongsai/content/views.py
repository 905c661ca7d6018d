import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from prongsai.agencies import access
from prongsai.agencies.forms import errors_onto
from prongsai.disclosure.providers import reference
from prongsai.documents.data import table_csv, table_json
from prongsai.documents.pdf import table_pdf
from prongsai.documents.responses import file_response, stored_file_response
from prongsai.documents.xlsx import table_xlsx

from . import selectors, services
from .forms import (
    AreaForm,
    ContactForm,
    ExecutiveForm,
    LawForm,
    NewsAttachmentForm,
    NewsForm,
    NewsPhotoForm,
    PolicyLinkForm,
    SchoolForm,
    SchoolImportForm,
    SchoolYearForm,
    StaffingForm,
    SubDistrictForm,
)
from .models import (
    Executive,
    Law,
    NewsAttachment,
    NewsPhoto,
    NewsPost,
    PolicyLink,
    School,
    SubDistrict,
)

# Staff capabilities (proposed as content.view / content.edit / content.manage; see README of the app).
VIEW = "content.view"
EDIT = "content.edit"  # officers and the coordinator: laws, schools, news
MANAGE = "content.manage"  # the coordinator: structure, executives, area, contact

# --- public -------------------------------------------------------------------------------------------


def _attachment(field_file, filename: str, content_type: str | None = None):
    content_type = content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    return stored_file_response(field_file, filename=filename, content_type=content_type)


@require_GET
def about(request, agency):
    agency = access.public_agency(agency)
    structure = selectors.structure(agency)
    context = {
        "agency": agency,
        "structure": structure,
        "chart": selectors.org_chart(structure),
        "profile": selectors.profile(agency),
        "subdistricts": list(selectors.subdistricts(agency)),
        "policy_links": list(selectors.policy_links(agency)),
        "is_district": agency.kind == agency.Kind.DISTRICT_OFFICE,
    }
    return render(request, "content/about.html", context)


@require_GET
def area_plan(request, agency):
    agency = access.public_agency(agency)
    profile = selectors.profile(agency)
    if profile is None or not profile.area_plan_file:
        raise Http404
    return _attachment(
        profile.area_plan_file, f"{profile.area_plan_title or 'area-plan'}.pdf", "application/pdf"
    )


@require_GET
def photo(request, agency, name):
    agency = access.public_agency(agency)
    path = f"content/photos/{name}"
    holder = Executive.objects.for_agency(agency).filter(photo=path, is_active=True).first()
    field_file = holder.photo if holder else None
    if field_file is None:
        news_photo = NewsPhoto.objects.filter(
            file=path, post__in=NewsPost.objects.for_agency(agency).published()
        ).first()
        field_file = news_photo.file if news_photo else None
    if field_file is None:
        raise Http404
    # Only JPEG and PNG are ever stored here (checked from the content at upload).
    content_type = "image/png" if name.endswith(".png") else "image/jpeg"
    return stored_file_response(field_file, content_type=content_type, inline=True)


@require_GET
def laws(request, agency):
    agency = access.public_agency(agency)
    return render(request, "content/laws.html", {"agency": agency, "groups": selectors.laws_by_group(agency)})


@require_GET
def law_file(request, agency, token):
    agency = access.public_agency(agency)
    law = get_object_or_404(Law.objects.for_agency(agency), token=token, is_active=True)
    if not law.file:
        raise Http404
    return _attachment(law.file, law.original_name or law.file.name.rsplit("/", 1)[-1])


def _year_param(request) -> int | None:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() else None


@require_GET
def schools(request, agency):
    agency = access.public_agency(agency)
    years = selectors.school_years_available(agency)
    year = _year_param(request) or (years[0] if years else None)
    context = {
        "agency": agency,
        "years": years,
        "year": year,
        "records": list(selectors.school_years(agency, year)) if year else [],
        "summary": list(selectors.schools_summary(agency)),
    }
    return render(request, "content/schools.html", context)


SCHOOL_RENDERERS = {"pdf": table_pdf, "xlsx": table_xlsx, "csv": table_csv, "json": table_json}


@require_GET
def schools_download(request, agency, fmt):
    agency = access.public_agency(agency)
    if fmt not in SCHOOL_RENDERERS:
        raise Http404
    year = _year_param(request)
    table = selectors.schools_table(agency, year)
    name = f"schools-{agency.slug}" + (f"-{year}" if year else "")
    return file_response(SCHOOL_RENDERERS[fmt](table), filename=name, kind=fmt)


@require_GET
def contact(request, agency):
    agency = access.public_agency(agency)
    return render(request, "content/contact.html", {"agency": agency, "profile": selectors.profile(agency)})


@require_GET
def news_list(request, agency):
    agency = access.public_agency(agency)
    page = Paginator(selectors.public_news(agency), 12).get_page(request.GET.get("page"))
    return render(request, "content/news_list.html", {"agency": agency, "page": page})


def _public_post(agency, slug):
    return get_object_or_404(selectors.public_news(agency).prefetch_related("attachments"), slug=slug)


@require_GET
def news_detail(request, agency, slug):
    agency = access.public_agency(agency)
    post = _public_post(agency, slug)
    activity = reference(agency, post.activity_ref) if post.activity_ref else None
    return render(request, "content/news_detail.html", {"agency": agency, "post": post, "activity": activity})


@require_GET
def news_file(request, agency, slug, token):
    agency = access.public_agency(agency)
    post = _public_post(agency, slug)
    attachment = get_object_or_404(NewsAttachment, post=post, token=token)
    return _attachment(attachment.file, attachment.original_name)


class NewsFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, agency):
        return access.public_agency(agency)

    def title(self, obj):
        return _("ข่าวประชาสัมพันธ์ %(agency)s") % {"agency": obj.display_name}

    def link(self, obj):
        return reverse("content_public:news", kwargs={"agency": obj.slug})

    def description(self, obj):
        return _("ข่าวและผลการดำเนินงานของ %(agency)s") % {"agency": obj.display_name}

    def items(self, obj):
        return selectors.public_news(obj)[:20]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or item.body[:300]

    def item_link(self, item):
        return reverse("content_public:news_detail", kwargs={"agency": item.agency.slug, "slug": item.slug})

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at


# --- back office ---------------------------------------------------------------------------------------


def _status(request) -> int:
    return 422 if request.method == "POST" else 200


def _staff(request, slug, capability):
    agency = access.staff_agency(request.user, slug, capability)
    return (
        agency,
        access.has_capability(request.user, agency, EDIT),
        access.has_capability(request.user, agency, MANAGE),
    )


@login_required
@require_GET
def staff_index(request, agency):
    agency, can_edit, can_manage = _staff(request, agency, VIEW)
    return render(
        request,
        "content/staff/index.html",
        {"agency": agency, "can_edit": can_edit, "can_manage": can_manage},
    )


@login_required
@require_http_methods(["GET", "POST"])
def executives(request, agency, pk=None):
    agency, _can_edit, can_manage = _staff(request, agency, VIEW)
    executive = get_object_or_404(Executive.objects.for_agency(agency), pk=pk) if pk else None
    form = ExecutiveForm(request.POST or None, request.FILES or None, instance=executive, agency=agency)
    if request.method == "POST":
        access.require_capability(request.user, agency, MANAGE)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "photo_upload"}
            with errors_onto(form):
                services.executive_save(
                    actor=request.user,
                    agency=agency,
                    executive=executive,
                    photo_upload=form.cleaned_data.get("photo_upload"),
                    **data,
                )
                messages.success(request, _("บันทึกข้อมูลผู้บริหารแล้ว"))
                return redirect("content:executives", agency=agency.slug)
    context = {
        "agency": agency,
        "can_manage": can_manage,
        "form": form,
        "executive": executive,
        "executives": Executive.objects.for_agency(agency)
        .select_related("department")
        .order_by("kind", "order"),
    }
    return render(request, "content/staff/executives.html", context, status=_status(request))


@login_required
@require_http_methods(["GET", "POST"])
def staffing(request, agency):
    agency, _can_edit, can_manage = _staff(request, agency, VIEW)
    form = StaffingForm(request.POST or None, agency=agency)
    if request.method == "POST":
        access.require_capability(request.user, agency, MANAGE)
        if form.is_valid():
            services.staffing_set(actor=request.user, agency=agency, **form.cleaned_data)
            messages.success(request, _("บันทึกอัตรากำลังแล้ว"))
            return redirect("content:staffing", agency=agency.slug)
    context = {
        "agency": agency,
        "can_manage": can_manage,
        "form": form,
        "structure": selectors.structure(agency),
    }
    return render(request, "content/staff/staffing.html", context, status=_status(request))


@login_required
@require_http_methods(["GET", "POST"])
def area(request, agency):
    agency, _can_edit, can_manage = _staff(request, agency, VIEW)
    profile = services.profile_of(agency)
    which = request.POST.get("form", "")
    area_form = AreaForm(
        request.POST if which == "area" else None,
        request.FILES if which == "area" else None,
        instance=profile,
    )
    subdistrict_form = SubDistrictForm(request.POST if which == "subdistrict" else None)
    link_form = PolicyLinkForm(request.POST if which == "link" else None)
    if request.method == "POST":
        access.require_capability(request.user, agency, MANAGE)
        bound = {"area": area_form, "subdistrict": subdistrict_form, "link": link_form}.get(which)
        if bound is not None and bound.is_valid():
            with errors_onto(bound):
                if which == "area":
                    data = {k: v for k, v in area_form.cleaned_data.items() if k != "area_plan_upload"}
                    services.profile_update(
                        actor=request.user,
                        agency=agency,
                        area_plan_upload=area_form.cleaned_data.get("area_plan_upload"),
                        **data,
                    )
                elif which == "subdistrict":
                    services.subdistrict_save(
                        actor=request.user, agency=agency, **subdistrict_form.cleaned_data
                    )
                else:
                    services.policy_link_save(actor=request.user, agency=agency, **link_form.cleaned_data)
                messages.success(request, _("บันทึกแล้ว"))
                return redirect("content:area", agency=agency.slug)
    context = {
        "agency": agency,
        "can_manage": can_manage,
        "area_form": area_form,
        "subdistrict_form": subdistrict_form,
        "link_form": link_form,
        "subdistricts": selectors.subdistricts(agency),
        "policy_links": selectors.policy_links(agency),
    }
    return render(request, "content/staff/area.html", context, status=_status(request))


@login_required
@require_http_methods(["GET", "POST"])
def subdistrict_edit(request, agency, pk):
    agency, _can_edit, _can_manage = _staff(request, agency, MANAGE)
    subdistrict = get_object_or_404(SubDistrict.objects.for_agency(agency), pk=pk)
    form = SubDistrictForm(request.POST or None, instance=subdistrict)
    if request.method == "POST" and form.is_valid():
        services.subdistrict_save(
            actor=request.user, agency=agency, subdistrict=subdistrict, **form.cleaned_data
        )
        return redirect("content:area", agency=agency.slug)
    return render(
        request,
        "content/staff/simple_form.html",
        {"agency": agency, "form": form, "title": subdistrict.name},
        status=_status(request),
    )


@login_required
@require_http_methods(["GET", "POST"])
def link_edit(request, agency, pk):
    agency, _can_edit, _can_manage = _staff(request, agency, MANAGE)
    link = get_object_or_404(PolicyLink.objects.for_agency(agency), pk=pk)
    form = PolicyLinkForm(request.POST or None, instance=link)
    if request.method == "POST" and form.is_valid():
        services.policy_link_save(actor=request.user, agency=agency, link=link, **form.cleaned_data)
        return redirect("content:area", agency=agency.slug)
    return render(
        request,
        "content/staff/simple_form.html",
        {"agency": agency, "form": form, "title": link.title},
        status=_status(request),
    )


@login_required
@require_http_methods(["GET", "POST"])
def contact_edit(request, agency):
    agency, _can_edit, can_manage = _staff(request, agency, VIEW)
    form = ContactForm(request.POST or None, instance=services.profile_of(agency))
    if request.method == "POST":
        access.require_capability(request.user, agency, MANAGE)
        if form.is_valid():
            services.profile_update(actor=request.user, agency=agency, **form.cleaned_data)
            messages.success(request, _("บันทึกข้อมูลการติดต่อแล้ว"))
            return redirect("content:contact", agency=agency.slug)
    context = {"agency": agency, "form": form, "title": _("ข้อมูลการติดต่อ"), "can_save": can_manage}
    return render(request, "content/staff/simple_form.html", context, status=_status(request))


@login_required
@require_http_methods(["GET", "POST"])
def laws_edit(request, agency, pk=None):
    agency, can_edit, _can_manage = _staff(request, agency, VIEW)
    law = get_object_or_404(Law.objects.for_agency(agency), pk=pk) if pk else None
    form = LawForm(request.POST or None, request.FILES or None, instance=law, agency=agency)
    if request.method == "POST":
        access.require_capability(request.user, agency, EDIT)
        if law is not None:
            # Another department's law: refused whatever the form says (its current department counts).
            access.require_department_scope(request.user, agency, current=law.department)
        if form.is_valid():
            department = form.cleaned_data.get("department")
            if not access.covers_record(request.user, agency, department):
                form.add_error("department", _("คุณบันทึกกฎหมายได้เฉพาะของฝ่ายที่คุณรับผิดชอบ"))
            else:
                data = {k: v for k, v in form.cleaned_data.items() if k != "file_upload"}
                with errors_onto(form):
                    services.law_save(
                        actor=request.user,
                        agency=agency,
                        law=law,
                        file_upload=form.cleaned_data.get("file_upload"),
                        **data,
                    )
                    messages.success(request, _("บันทึกกฎหมายแล้ว"))
                    return redirect("content:laws", agency=agency.slug)
    context = {
        "agency": agency,
        "can_edit": can_edit,
        "form": form,
        "law": law,
        "laws": Law.objects.for_agency(agency).select_related("department").order_by("category", "order"),
    }
    return render(request, "content/staff/laws.html", context, status=_status(request))


@login_required
@require_http_methods(["GET", "POST"])
def schools_edit(request, agency, pk=None):
    agency, can_edit, _can_manage = _staff(request, agency, VIEW)
    school = get_object_or_404(School.objects.for_agency(agency), pk=pk) if pk else None
    which = request.POST.get("form", "")
    school_form = SchoolForm(request.POST if which == "school" else None, instance=school)
    year_form = SchoolYearForm(
        request.POST if which == "year" else None, agency=agency, initial={"school": school}
    )
    if request.method == "POST":
        access.require_capability(request.user, agency, EDIT)
        bound = {"school": school_form, "year": year_form}.get(which)
        if bound is not None and bound.is_valid():
            with errors_onto(bound):
                if which == "school":
                    services.school_save(
                        actor=request.user, agency=agency, school=school, **school_form.cleaned_data
                    )
                else:
                    services.school_year_set(actor=request.user, agency=agency, **year_form.cleaned_data)
                messages.success(request, _("บันทึกข้อมูลโรงเรียนแล้ว"))
                return redirect("content:schools", agency=agency.slug)
    context = {
        "agency": agency,
        "can_edit": can_edit,
        "school": school,
        "school_form": school_form,
        "year_form": year_form,
        "import_form": SchoolImportForm(),
        "schools": selectors.schools_of(agency),
    }
    return render(request, "content/staff/schools.html", context, status=_status(request))


@login_required
@require_http_methods(["GET", "POST"])
def schools_import(request, agency):
    agency = access.staff_agency(request.user, agency, EDIT)
    form = SchoolImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        with errors_onto(form):
            result = services.schools_import(
                actor=request.user, agency=agency, upload=form.cleaned_data["file"]
            )
            if result.ok:
                messages.success(
                    request,
                    _("นำเข้าแล้ว: เพิ่ม %(created)s แถว ปรับปรุง %(updated)s แถว")
                    % {"created": result.created, "updated": result.updated},
                )
                return redirect("content:schools", agency=agency.slug)
    context = {"agency": agency, "form": form, "result": result}
    return render(request, "content/staff/schools_import.html", context, status=_status(request))


@login_required
@require_http_methods(["GET", "POST"])
def news_edit(request, agency, pk=None):
    agency, can_edit, _can_manage = _staff(request, agency, VIEW)
    post = get_object_or_404(NewsPost.objects.for_agency(agency), pk=pk) if pk else None
    which = request.POST.get("form", "news")
    form = NewsForm(request.POST if which == "news" else None, instance=post, agency=agency)
    photo_form = NewsPhotoForm(*((request.POST, request.FILES) if which == "photo" else ()))
    attachment_form = NewsAttachmentForm(*((request.POST, request.FILES) if which == "attachment" else ()))
    if request.method == "POST":
        access.require_capability(request.user, agency, EDIT)
        bound = {"news": form, "photo": photo_form, "attachment": attachment_form}.get(which)
        if bound is not None and bound.is_valid() and (post is not None or which == "news"):
            with errors_onto(bound):
                if which == "news":
                    post = services.news_save(
                        actor=request.user,
                        agency=agency,
                        post=post,
                        title=form.cleaned_data["title"],
                        body=form.cleaned_data["body"],
                        summary=form.cleaned_data["summary"],
                        status=form.cleaned_data["status"],
                        publish_at=form.publish_at(),
                        activity_ref=form.cleaned_data.get("activity") or "",
                    )
                elif which == "photo":
                    services.news_photo_add(
                        actor=request.user,
                        agency=agency,
                        post=post,
                        upload=photo_form.cleaned_data["photo"],
                        alt=photo_form.cleaned_data["alt"],
                    )
                else:
                    services.news_attachment_add(
                        actor=request.user,
                        agency=agency,
                        post=post,
                        upload=attachment_form.cleaned_data["attachment"],
                        title=attachment_form.cleaned_data["title"],
                    )
                messages.success(request, _("บันทึกข่าวแล้ว"))
                return redirect("content:news_edit", agency=agency.slug, pk=post.pk)
    context = {
        "agency": agency,
        "can_edit": can_edit,
        "post": post,
        "form": form,
        "photo_form": photo_form,
        "attachment_form": attachment_form,
        "now": timezone.now(),
        "posts": selectors.staff_news(agency) if post is None else None,
    }
    return render(request, "content/staff/news.html", context, status=_status(request))


@login_required
@require_POST
def news_photo_remove(request, agency, pk, photo_pk):
    agency = access.staff_agency(request.user, agency, EDIT)
    photo = get_object_or_404(NewsPhoto, pk=photo_pk, post__pk=pk, post__agency=agency)
    services.news_photo_remove(actor=request.user, agency=agency, photo=photo)
    messages.success(request, _("ลบภาพแล้ว"))
    return redirect("content:news_edit", agency=agency.slug, pk=pk)
