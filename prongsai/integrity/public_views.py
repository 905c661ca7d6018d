"""Public pages: report corruption, follow a report up with its receipt, give feedback, ask a question, read
the channels and the statistics.

Pages a complainant uses are sent with ``Cache-Control: no-store`` (a receipt must not stay in a shared
computer's cache). The site's ``Referrer-Policy: same-origin`` already keeps these addresses from other
sites; ``no-referrer`` would make browsers send ``Origin: null`` with the forms, which CSRF protection
rightly refuses. No view passes anything of the request (address,
browser, referer) to a service; the throttle keeps only a short-lived keyed hash in the cache.
"""

from __future__ import annotations

import functools

from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from prongsai.agencies import access, throttle
from prongsai.agencies.codes import normalise
from prongsai.agencies.forms import form_add_errors
from prongsai.documents.responses import file_response, stored_file_response
from prongsai.thai.fiscal import fiscal_year

from . import exports, proof, selectors, services, statistics
from .forms import (
    ComplaintForm,
    EvidenceForm,
    FeedbackForm,
    MessageForm,
    QuestionForm,
    ReportLoginForm,
    TrackForm,
)
from .models import Announcement, AnnouncementPhoto, Complaint, RiskReport

SUBMIT_LIMIT = 10  # complaints per client per hour, with the proof of work done
NO_PROOF_LIMIT = 2  # without JavaScript: the same form, a much smaller allowance
REPORT_LOGIN_LIMIT = 10  # receipt attempts per client per 10 minutes
PUBLIC_FORM_LIMIT = 10  # feedback and questions per client per hour
LOOKUP_LIMIT = 30  # tracking-code lookups per client per 10 minutes
REPORT_SESSION_SECONDS = 30 * 60
_REPORT_SALT = "prongsai.integrity.report"


def sensitive(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        return response

    return wrapper


def _years(agency) -> list[int]:
    now = timezone.localdate()
    first = (
        Complaint.objects.for_agency(agency)
        .order_by("received_at")
        .values_list("received_at", flat=True)
        .first()
    )
    start = fiscal_year(timezone.localdate(first)) if first else fiscal_year(now)
    return list(range(fiscal_year(now), start - 1, -1))


# --- channels and statistics ---------------------------------------------------------------------------------


@require_GET
def complaints_page(request, agency):
    agency = access.public_agency(agency)
    years = _years(agency)
    context = {
        "agency": agency,
        "settings": selectors.channel_settings(agency),
        "years": years,
        "stats": statistics.year_statistics(agency, years[0]),
    }
    return render(request, "integrity/complaints.html", context)


def _year_stats(agency, year: int):
    if year < 2500 or year > fiscal_year(timezone.localdate()):
        raise Http404
    stats = statistics.year_statistics(agency, year)
    if stats is None:
        raise Http404
    return stats


@require_GET
def statistics_page(request, agency, year):
    agency = access.public_agency(agency)
    stats = _year_stats(agency, year)
    table = statistics.statistics_table(stats)
    context = {
        "agency": agency,
        "stats": stats,
        "table": table,
        "header_rows": table.header_rows(),
        "body": table.body(),
        "formats": exports.STATISTICS_FORMATS,
    }
    return render(request, "integrity/statistics.html", context)


@require_GET
def statistics_download(request, agency, year, fmt):
    agency = access.public_agency(agency)
    if fmt not in exports.STATISTICS_FORMATS:
        raise Http404
    stats = _year_stats(agency, year)
    content = exports.statistics_file(stats, fmt)
    return file_response(content, filename=f"สถิติเรื่องร้องเรียนการทุจริต-{agency.slug}-{year}.{fmt}", kind=fmt)


# --- filing a corruption complaint ---------------------------------------------------------------------------


def _complaint_form_page(request, agency, form, status=200):
    # A fresh challenge on every rendering: a refused or corrected form is sent with new work.
    form.data = form.data.copy() if form.is_bound else form.data
    challenge = proof.issue()
    if form.is_bound:
        form.data["challenge"], form.data["nonce"] = challenge, ""
    else:
        form.initial["challenge"] = challenge
    context = {"agency": agency, "form": form, "proof_bits": proof.BITS}
    return render(request, "integrity/complaint_new.html", context, status=status)


@sensitive
@require_http_methods(["GET", "POST"])
def complaint_new(request, agency):
    agency = access.public_agency(agency)
    if request.method == "GET":
        return _complaint_form_page(request, agency, ComplaintForm(agency=agency))
    form = ComplaintForm(request.POST, request.FILES, agency=agency)
    if not throttle.hit(request, "integrity-complaint", limit=SUBMIT_LIMIT, window=3600):
        form.is_valid()
        form.add_error(None, _("มีการส่งเรื่องจากเครื่องนี้มากเกินไป โปรดรอสักครู่แล้วส่งอีกครั้ง"))
        return _complaint_form_page(request, agency, form, status=429)
    if not form.is_valid():
        return _complaint_form_page(request, agency, form, status=422)
    try:
        worked = proof.verify(form.cleaned_data["challenge"], form.cleaned_data["nonce"])
    except proof.ProofError as exc:
        form.add_error(None, exc.message)
        return _complaint_form_page(request, agency, form, status=422)
    if not worked and not throttle.hit(
        request, "integrity-complaint-noproof", limit=NO_PROOF_LIMIT, window=3600
    ):
        form.add_error(None, _("ส่งเรื่องโดยไม่เปิดใช้ JavaScript ได้จำกัดจำนวนครั้ง โปรดเปิดใช้ JavaScript หรือรอสักครู่"))
        return _complaint_form_page(request, agency, form, status=429)
    data = form.cleaned_data
    try:
        complaint, code, passphrase = services.complaint_submit(
            agency=agency,
            category=data["category"],
            department=data["department"],
            what=data["what"],
            who=data["who"],
            when=data["when"],
            where=data["where"],
            identity=form.identity(),
            files=data["files"],
        )
    except ValidationError as exc:
        form_add_errors(form, exc)
        return _complaint_form_page(request, agency, form, status=422)
    context = {"agency": agency, "complaint": complaint, "code": code, "passphrase": passphrase}
    return render(request, "integrity/receipt.html", context)


# --- following up with the receipt (/report/) ------------------------------------------------------------------


def _token(complaint: Complaint) -> str:
    return signing.dumps({"c": complaint.pk}, salt=_REPORT_SALT)


def _from_token(token: str) -> Complaint | None:
    try:
        payload = signing.loads(token or "", salt=_REPORT_SALT, max_age=REPORT_SESSION_SECONDS)
    except signing.BadSignature:
        return None
    return Complaint.objects.select_related("agency", "content").filter(pk=payload.get("c")).first()


def _report_page(request, complaint, *, message_form=None, evidence_form=None, notice="", status=200):
    context = {
        "complaint": complaint,
        "agency": complaint.agency,
        "view": services.report_view(complaint),
        "token": _token(complaint),
        "message_form": message_form or MessageForm(),
        "evidence_form": evidence_form or EvidenceForm(),
        "notice": notice,
    }
    return render(request, "integrity/report_case.html", context, status=status)


@sensitive
@require_http_methods(["GET", "POST"])
def report(request):
    """The complainant's way back in: no account and no cookie. After the receipt is checked, the page
    carries a signed token valid for 30 minutes in its forms; closing the page is logging out."""
    action = request.POST.get("action", "login")
    if request.method == "GET" or action == "login":
        form = ReportLoginForm(request.POST or None)
        status = 200
        if request.method == "POST":
            if not throttle.hit(request, "integrity-report", limit=REPORT_LOGIN_LIMIT, window=600):
                form.is_valid()
                form.add_error(None, _("ลองหลายครั้งเกินไป โปรดรอ 10 นาทีแล้วลองอีกครั้ง"))
                status = 429
            elif form.is_valid():
                complaint = services.report_login(
                    code=form.cleaned_data["code"], passphrase=form.cleaned_data["passphrase"]
                )
                if complaint is not None:
                    return _report_page(request, complaint)
                form.add_error(None, _("รหัสรับเรื่องหรือรหัสผ่านไม่ถูกต้อง"))
                status = 422
            else:
                status = 422
        return render(request, "integrity/report_login.html", {"form": form}, status=status)
    complaint = _from_token(request.POST.get("token", ""))
    if complaint is None:
        context = {"form": ReportLoginForm(), "notice": _("หมดเวลาการใช้งาน โปรดกรอกรหัสรับเรื่องและรหัสผ่านอีกครั้ง")}
        return render(request, "integrity/report_login.html", context, status=403)
    if action == "message":
        form = MessageForm(request.POST)
        if form.is_valid():
            try:
                services.report_message(complaint=complaint, body=form.cleaned_data["body"])
            except ValidationError as exc:
                form_add_errors(form, exc)
            else:
                return _report_page(request, complaint, notice=_("ส่งข้อความแล้ว"))
        return _report_page(request, complaint, message_form=form, status=422)
    if action == "evidence":
        form = EvidenceForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                n = services.report_evidence_add(complaint=complaint, files=form.cleaned_data["files"])
            except ValidationError as exc:
                form_add_errors(form, exc)
            else:
                return _report_page(request, complaint, notice=_("ส่งไฟล์หลักฐานแล้ว %(n)d ไฟล์") % {"n": n})
        return _report_page(request, complaint, evidence_form=form, status=422)
    return _report_page(request, complaint)


# --- general complaints, suggestions, compliments -----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def feedback(request, agency):
    agency = access.public_agency(agency)
    form = FeedbackForm(request.POST or None, agency=agency)
    status = 200
    if request.method == "POST":
        if not throttle.hit(request, "integrity-feedback", limit=PUBLIC_FORM_LIMIT, window=3600):
            form.is_valid()
            form.add_error(None, _("มีการส่งเรื่องจากเครื่องนี้มากเกินไป โปรดรอสักครู่แล้วส่งอีกครั้ง"))
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            try:
                item = services.feedback_submit(
                    agency=agency,
                    kind=data["kind"],
                    subject=data["subject"],
                    body=data["body"],
                    department=data["department"],
                    about_staff=data["about_staff"],
                    contact={"name": data["name"], "contact": data["contact"]},
                )
            except ValidationError as exc:
                form_add_errors(form, exc)
                status = 422
            else:
                response = render(
                    request, "integrity/received.html", {"agency": agency, "item": item, "what": "feedback"}
                )
                response["Cache-Control"] = "no-store"
                return response
        else:
            status = 422
    context = {
        "agency": agency,
        "form": form,
        "answers": selectors.public_feedback_answers(agency)[:50],
        "track_form": TrackForm(),
    }
    return render(request, "integrity/feedback.html", context, status=status)


@require_GET
def status(request, agency):
    """The status of a tracking code (feedback or question). An unknown code and one that cannot be a code
    get the same answer, so the page says nothing about which codes exist."""
    agency = access.public_agency(agency)
    form = TrackForm(request.GET or None)
    found, code_status = None, 200
    if form.is_bound:
        if not throttle.hit(request, "integrity-status", limit=LOOKUP_LIMIT, window=600):
            form.is_valid()
            form.add_error(None, _("ค้นหาหลายครั้งเกินไป โปรดรอสักครู่"))
            code_status = 429
        else:
            code = normalise(request.GET.get("code", ""))
            found = selectors.status_by_code(agency, code)
            if found is None:
                code_status = 404
    response = render(
        request,
        "integrity/status.html",
        {"agency": agency, "form": form, "found": found, "searched": form.is_bound},
        status=code_status,
    )
    return response


# --- questions -------------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def questions(request, agency):
    agency = access.public_agency(agency)
    form = QuestionForm(request.POST or None, agency=agency)
    status_code = 200
    if request.method == "POST":
        if not throttle.hit(request, "integrity-question", limit=PUBLIC_FORM_LIMIT, window=3600):
            form.is_valid()
            form.add_error(None, _("มีการส่งคำถามจากเครื่องนี้มากเกินไป โปรดรอสักครู่แล้วส่งอีกครั้ง"))
            status_code = 429
        elif form.is_valid():
            try:
                item = services.question_ask(
                    agency=agency, text=form.cleaned_data["text"], department=form.cleaned_data["department"]
                )
            except ValidationError as exc:
                form_add_errors(form, exc)
                status_code = 422
            else:
                response = render(
                    request, "integrity/received.html", {"agency": agency, "item": item, "what": "question"}
                )
                response["Cache-Control"] = "no-store"
                return response
        else:
            status_code = 422
    context = {
        "agency": agency,
        "form": form,
        "questions": selectors.published_questions(agency),
        "settings": selectors.channel_settings(agency),
        "track_form": TrackForm(),
    }
    return render(request, "integrity/questions.html", context, status=status_code)


# --- policy announcements and the risk register's reports --------------------------------------------------


def _published_announcement(agency_slug: str, code: str):
    agency = access.public_agency(agency_slug)
    item = (
        Announcement.objects.for_agency(agency).filter(code=code, state=Announcement.State.PUBLISHED).first()
    )
    if item is None:
        raise Http404
    return agency, item


@require_GET
def announcement(request, agency, code):
    agency, item = _published_announcement(agency, code)
    context = {"agency": agency, "item": item, "photos": list(item.photos.all())}
    return render(request, "integrity/announcement.html", context)


@require_GET
def announcement_signed(request, agency, code):
    agency, item = _published_announcement(agency, code)
    if not item.signed_pdf:
        raise Http404
    return stored_file_response(
        item.signed_pdf, content_type="application/pdf", filename=f"{item.title[:80]}.pdf"
    )


@require_GET
def announcement_photo(request, agency, code, photo):
    agency, item = _published_announcement(agency, code)
    found = AnnouncementPhoto.objects.filter(announcement=item, code=photo).first()
    if found is None:
        raise Http404
    return stored_file_response(found.image, content_type=found.content_type, inline=True)


@require_GET
def risk_report(request, agency, code, fmt):
    agency = access.public_agency(agency)
    report = RiskReport.objects.for_agency(agency).filter(code=code).first()
    if report is None or fmt not in ("pdf", "docx"):
        raise Http404
    kinds = {
        "pdf": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }
    name = f"{report.get_kind_display()} {report.fiscal_year}.{fmt}"
    return stored_file_response(getattr(report, fmt), content_type=kinds[fmt], filename=name)
