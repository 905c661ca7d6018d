"""The city's pages: the dashboard of every child, one child's drill-down, the export, and the push of a
catalogue. Only the parent's coordinator, director and auditor see them (``city.view``); only the coordinator
pushes (``city.push``). Nothing here opens a district's own pages or changes its records beyond the push."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from prongsai.agencies import access
from prongsai.agencies.models import Agency
from prongsai.disclosure.models import Catalogue
from prongsai.documents.responses import file_response

from . import exports, selectors, services


def _parent(request, slug: str, capability: str = "city.view") -> Agency:
    agency = access.staff_agency(request.user, slug, capability)
    if not agency.children.exists():
        raise Http404  # an agency with no children has no city pages
    return agency


def _year_scheme(request, parent: Agency, year: int | None = None) -> tuple[int, str, list[Catalogue]]:
    if year is None:
        raw = request.GET.get("year", "")
        year = int(raw) if raw.isdigit() and len(raw) == 4 else selectors.default_year(parent)
    catalogues = selectors.schemes(year)
    wanted = request.GET.get("scheme", "")
    known = [c.scheme for c in catalogues]
    scheme = wanted if wanted in known else (known[0] if known else "")
    return year, scheme, catalogues


@login_required
@require_GET
def dashboard(request, agency):
    parent = _parent(request, agency)
    year, scheme, catalogues = _year_scheme(request, parent)
    board = selectors.dashboard(parent, year, scheme)
    return render(
        request,
        "city/dashboard.html",
        {
            "agency": parent,
            "board": board,
            "year": year,
            "years": selectors.years(parent),
            "scheme": scheme,
            "catalogues": catalogues,
            "can_push": access.has_capability(request.user, parent, "city.push"),
        },
    )


@login_required
@require_GET
def export(request, agency, year, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    parent = _parent(request, agency)
    year, scheme, _catalogues = _year_scheme(request, parent, year)
    board = selectors.dashboard(parent, year, scheme)
    return file_response(
        exports.dashboard_file(board, fmt), filename=f"{parent.slug}-districts-{year}", kind=fmt
    )


@login_required
@require_GET
def district(request, agency, year, child):
    parent = _parent(request, agency)
    year, scheme, catalogues = _year_scheme(request, parent, year)
    # Only a child of this parent: another city's district is not found.
    child = get_object_or_404(selectors.children_of(parent), slug=child)
    return render(
        request,
        "city/district.html",
        {
            "agency": parent,
            "detail": selectors.district_detail(child, year, scheme),
            "year": year,
            "scheme": scheme,
            "catalogues": catalogues,
        },
    )


@login_required
@require_POST
def refresh(request, agency, year):
    parent = _parent(request, agency, "city.push")
    count = services.readiness_refresh_enqueue(parent=parent, year=year)
    messages.success(request, _("สั่งคำนวณความพร้อมใหม่ %(n)s รายการแล้ว ผลจะขึ้นเมื่อระบบทำงานเสร็จ") % {"n": count})
    return redirect(f"{reverse('city:dashboard', kwargs={'agency': parent.slug})}?year={year}")


@login_required
@require_http_methods(["GET", "POST"])
def push(request, agency):
    """Step 1 (GET): choose a catalogue and the children. Step 2 (POST "preview"): what changes in each
    child, and which of a child's own assignments differ (kept). Step 3 (POST "confirm"): done, in one
    transaction, refused if anything changed since step 2."""
    parent = _parent(request, agency, "city.push")
    children = list(selectors.children_of(parent))
    catalogues = list(Catalogue.objects.order_by("-year", "scheme"))
    context = {"agency": parent, "children": children, "catalogues": catalogues}
    if request.method == "GET":
        return render(request, "city/push.html", context)
    catalogue = next((c for c in catalogues if str(c.pk) == request.POST.get("catalogue", "")), None)
    chosen_ids = set(request.POST.getlist("children"))
    chosen = [c for c in children if str(c.pk) in chosen_ids]
    errors = []
    if catalogue is None:
        errors.append(_("โปรดเลือกชุดรายการตรวจ"))
    if not chosen:
        errors.append(_("โปรดเลือกหน่วยงานในสังกัดอย่างน้อยหนึ่งแห่ง"))
    if errors:
        return render(request, "city/push.html", {**context, "errors": errors}, status=400)
    context.update(catalogue=catalogue, chosen=chosen, chosen_ids={c.pk for c in chosen})
    if request.POST.get("step") == "confirm":
        try:
            changes = services.push_apply(
                actor=request.user,
                parent=parent,
                catalogue=catalogue,
                children=chosen,
                fingerprint=request.POST.get("fingerprint", ""),
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            done = sum(c.changes for c in changes)
            messages.success(
                request,
                _("ส่ง %(catalogue)s ให้หน่วยงานในสังกัด %(n)s แห่งแล้ว") % {"catalogue": catalogue, "n": done},
            )
            services.readiness_refresh_enqueue(parent=parent, year=catalogue.year, children=chosen)
            url = reverse("city:dashboard", kwargs={"agency": parent.slug})
            return redirect(f"{url}?year={catalogue.year}&scheme={catalogue.scheme}")
    changes = services.push_preview(parent=parent, catalogue=catalogue, children=chosen)
    context.update(
        changes=changes,
        fingerprint=services.preview_fingerprint(changes),
        items=list(catalogue.items.order_by("number")),
    )
    return render(request, "city/push_confirm.html", context)
