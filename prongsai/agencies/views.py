from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from prongsai.documents.responses import file_response

from . import access, checkpoints, exports, selectors, services, todo
from .forms import AgencySettingsForm, AuditFilterForm, HolidayForm, PreferenceForm
from .models import Agency, AuditEntry, Holiday, Role, StaffPreference


@login_required
@require_GET
def home(request):
    agencies = list(access.staff_agencies(request.user))
    if len(agencies) == 1:
        return redirect("staff:dashboard", agency=agencies[0].slug)
    return render(request, "staff/home.html", {"agencies": agencies})


@login_required
@require_GET
def dashboard(request, agency):
    agency = access.staff_agency(request.user, agency)
    roles = access.roles_in(request.user, agency)
    context = {
        "agency": agency,
        "roles": [label for value, label in Role.choices if value in roles],
        "departments": access.departments_in_scope(request.user, agency) if Role.OFFICER in roles else [],
        "capabilities": access.capabilities_in(request.user, agency),
        "todo": todo.tasks_for(request.user, agency),
    }
    return render(request, "staff/dashboard.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    """A staff member's own settings: whether the system e-mails them about their work."""
    current = StaffPreference.objects.filter(user=request.user).first()
    # Not "request.POST or None": an unticked box sends nothing, and an empty POST is still a submission.
    form = PreferenceForm(
        request.POST if request.method == "POST" else None,
        initial={"email_notifications": current.email_notifications if current else True},
    )
    if request.method == "POST" and form.is_valid():
        services.preference_set(
            user=request.user, email_notifications=form.cleaned_data["email_notifications"]
        )
        messages.success(request, _("บันทึกการตั้งค่าแล้ว"))
        return redirect("staff:preferences")
    return render(request, "staff/preferences.html", {"form": form, "email": request.user.email})


@login_required
@require_http_methods(["GET", "POST"])
def agency_settings(request, agency):
    agency = access.staff_agency(request.user, agency, "agency.settings")
    form = AgencySettingsForm(request.POST or None, initial={"web_digits": agency.web_digits})
    if request.method == "POST" and form.is_valid():
        services.agency_settings_update(
            actor=request.user, agency=agency, web_digits=form.cleaned_data["web_digits"]
        )
        messages.success(request, _("บันทึกการตั้งค่าแล้ว"))
        return redirect("staff:agency_settings", agency=agency.slug)
    return render(request, "staff/agency_settings.html", {"agency": agency, "form": form})


@login_required
@require_GET
def audit_log(request, agency):
    agency = access.staff_agency(request.user, agency, "audit.view")
    form = AuditFilterForm(
        request.GET or None,
        actors=selectors.audit_actors(agency),
        models=selectors.audit_models(agency),
        actions=AuditEntry.Action.choices,
    )
    entries = form.filter(selectors.audit_entries_for(agency))
    if request.GET.get("format") == "csv":
        return file_response(exports.audit_csv(entries), filename=f"audit-log-{agency.slug}", kind="csv")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    rows = [
        (entry, selectors.audit_model_label(entry.model), selectors.audit_changes(entry)) for entry in page
    ]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "agency": agency,
        "form": form,
        "page": page,
        "rows": rows,
        "status": selectors.audit_chain_status(agency),
        "query": query.urlencode(),
    }
    return render(request, "staff/audit_log.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def holidays(request, agency):
    agency = access.staff_agency(request.user, agency)
    can_manage = access.has_capability(request.user, agency, "holidays.manage")
    form = HolidayForm(request.POST or None)
    status = 200
    if request.method == "POST":
        access.require_capability(request.user, agency, "holidays.manage")
        if form.is_valid():
            try:
                services.holiday_add(actor=request.user, agency=agency, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("เพิ่มวันหยุดแล้ว"))
                return redirect("staff:holidays", agency=agency.slug)
        status = 422
    context = {
        "agency": agency,
        "holidays": selectors.holidays_for(agency).select_related("agency"),
        "form": form,
        "can_manage": can_manage,
    }
    return render(request, "staff/holidays.html", context, status=status)


@login_required
@require_POST
def holiday_remove(request, agency, holiday_id):
    agency = access.staff_agency(request.user, agency, "holidays.manage")
    # National holidays belong to the platform admins; an agency removes only its own days.
    holiday = get_object_or_404(Holiday, pk=holiday_id, agency=agency)
    services.holiday_remove(actor=request.user, holiday=holiday)
    messages.success(request, _("ลบวันหยุดแล้ว"))
    return redirect("staff:holidays", agency=agency.slug)


@require_GET
def audit_heads(request):
    """The latest signed checkpoint of the audit log's chain heads, for anyone to keep a copy of."""
    checkpoint, _note = checkpoints.latest_checkpoint()
    slugs = {f"agency:{pk}": slug for pk, slug in Agency.objects.values_list("pk", "slug")}
    chains = {h["chain"]: slugs.get(h["chain"], "") for h in checkpoint["heads"]} if checkpoint else {}
    response = JsonResponse(
        {
            "about": "Heads of the audit log's hash chains, signed (HMAC-SHA256) when written. Keep copies: "
            "an entry that differs later from a head here was rewritten.",
            "latest": checkpoint,  # exactly as signed
            "agencies": chains,  # which agency each chain is
        },
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


# --- two-step sign-in ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def twofactor_verify(request):
    """The second step: a code from the authenticator app, or a recovery code."""
    from django_otp import login as otp_login
    from django_otp import user_has_device

    from . import twofactor

    if not user_has_device(request.user, confirmed=True):
        return redirect("staff:twofactor_setup")
    error = ""
    if request.method == "POST":
        device = twofactor.verify(request.user, request.POST.get("code", ""))
        if device is not None:
            otp_login(request, device)
            return redirect(_safe_next(request) or "staff:home")
        error = _("รหัสไม่ถูกต้องหรือหมดเวลาแล้ว ลองรหัสใหม่จากแอป หรือใช้รหัสกู้คืน")
    status = 422 if error else 200
    return render(request, "staff/twofactor_verify.html", {"error": error}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def twofactor_setup(request):
    """Turn two-step sign-in on: scan the QR code, confirm with a code; the recovery codes are shown once."""
    import segno
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from . import twofactor

    error = ""
    if request.method == "POST":
        device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
        codes = (
            twofactor.enrolment_confirm(request.user, device, request.POST.get("code", ""))
            if device
            else None
        )
        if codes is not None:
            from django_otp import login as otp_login

            otp_login(request, device)
            request.session["otp_enrolled"] = True
            return render(request, "staff/twofactor_codes.html", {"codes": codes})
        error = _("รหัสไม่ถูกต้อง ลองรหัสที่แอปแสดงอยู่ตอนนี้")
    else:
        device = twofactor.enrolment_start(request.user)
    device = device or twofactor.enrolment_start(request.user)
    qr = segno.make(device.config_url, error="m").png_data_uri(scale=5, border=2)
    context = {"qr": qr, "secret": device.config_url.split("secret=", 1)[1].split("&", 1)[0], "error": error}
    return render(request, "staff/twofactor_setup.html", context, status=422 if error else 200)


def _safe_next(request) -> str:
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.GET.get("next", "")
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else ""
