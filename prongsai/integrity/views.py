"""Back office of the integrity channels (mounted at staff/<agency>/integrity/).

Every view starts with an access function (``prongsai.agencies.access`` for the role, ``.access`` here for
the record) and then calls one service or selector. Opening a corruption complaint, showing who filed it,
downloading its evidence and exporting its referral letter each write an access-log row (in the service).
"""

from __future__ import annotations

from datetime import datetime, time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from prongsai.agencies import access
from prongsai.agencies.forms import form_add_errors
from prongsai.documents.responses import file_response

from . import access as integrity_access
from . import exports, selectors, services, workflow
from .forms import (
    ChannelSettingsForm,
    FeedbackAnswerForm,
    FeedbackRouteForm,
    MessageForm,
    MoveForm,
    QuestionAnswerForm,
    QuestionPublishForm,
    RecordComplaintForm,
    ReferralExportForm,
    ReferralForm,
)
from .models import Complaint, Feedback, Question
from .public_views import sensitive

IDENTITY_LABELS = {
    "name": _lazy("ชื่อ-นามสกุล"),
    "phone": _lazy("โทรศัพท์"),
    "email": _lazy("อีเมล"),
    "address": _lazy("ที่อยู่"),
}


def _no_store(response):
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def home(request, agency):
    agency = access.staff_agency(request.user, agency)
    capabilities = access.capabilities_in(request.user, agency)
    if not capabilities & {
        "complaints.handle", "complaints.overview", "complaints.access_log", "feedback.handle",
        "questions.answer", "integrity.settings", "risks.view", "announcements.view",
    }:  # fmt: skip
        raise PermissionDenied
    renewals = []
    if "announcements.manage" in capabilities:
        from prongsai.thai.fiscal import fiscal_year

        from .register import renewals_due

        renewals = renewals_due(agency, fiscal_year(timezone.localdate()))
    context = {"agency": agency, "capabilities": capabilities, "renewals": renewals}
    return render(request, "integrity/staff/home.html", context)


# --- corruption complaints -------------------------------------------------------------------------------------


@login_required
@require_GET
def complaint_queue(request, agency):
    agency = access.staff_agency(request.user, agency, "complaints.handle")
    state = request.GET.get("state") or None
    if state not in (None, *Complaint.State.values):
        state = None
    visible = integrity_access.complaints_for_handler(request.user, agency)
    context = {
        "agency": agency,
        "cases": selectors.complaint_queue(visible, agency, state=state),
        "counts": selectors.state_counts(visible),
        "states": Complaint.State.choices,
        "state": state,
    }
    return _no_store(render(request, "integrity/staff/complaint_queue.html", context))


@login_required
@require_GET
def complaint_overview(request, agency):
    """For the director: how many cases, in which state, how many overdue; nothing of their content."""
    agency = access.staff_agency(request.user, agency, "complaints.overview")
    qs = Complaint.objects.for_agency(agency)
    cases = selectors.complaint_queue(qs, agency)
    context = {
        "agency": agency,
        "cases": cases,
        "counts": selectors.state_counts(qs),
        "overdue": sum(c.overdue for c in cases),
        "states": Complaint.State.choices,
    }
    return render(request, "integrity/staff/complaint_overview.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def complaint_record(request, agency):
    agency = access.staff_agency(request.user, agency, "complaints.handle")
    form = RecordComplaintForm(request.POST or None, agency=agency)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                received_at = timezone.make_aware(datetime.combine(data["received_on"], time(9, 0)))
                complaint, _code, _passphrase = services.complaint_submit(
                    agency=agency,
                    channel=data["channel"],
                    category=data["category"],
                    department=data["department"],
                    what=data["what"],
                    who=data["who"],
                    when=data["when"],
                    where=data["where"],
                    identity={"name": data["name"], "phone": data["contact"]},
                    actor=request.user,
                    received_at=received_at,
                    with_receipt=False,
                )
            except ValidationError as exc:
                form_add_errors(form, exc)
            else:
                messages.success(request, _("บันทึกเรื่องแล้ว"))
                return redirect("integrity:case", agency=agency.slug, ref=complaint.ref)
        status = 422
    return render(
        request, "integrity/staff/complaint_record.html", {"agency": agency, "form": form}, status=status
    )


def _case_page(request, agency, complaint, *, identity=None, status=200, **forms):
    case = services.complaint_open(actor=request.user, complaint=complaint)
    context = {
        "agency": agency,
        "complaint": complaint,
        "case": case,
        "identity": None
        if identity is None
        else [(IDENTITY_LABELS.get(k, k), v) for k, v in identity.items()],
        "timeline": selectors.timeline(complaint),
        "referrals": list(complaint.referrals.all()),
        "accesses": selectors.complaint_accesses(complaint)[:50],
        "deadline": selectors.with_deadlines([complaint], workflow.COMPLAINT_DEADLINES, agency)[0],
        "move_form": forms.get("move_form") or MoveForm(),
        "referral_form": forms.get("referral_form") or ReferralForm(),
        "export_form": ReferralExportForm(),
        "reply_form": forms.get("reply_form") or MessageForm(),
        "next_states": sorted(workflow.COMPLAINT_ALLOWED.get(complaint.state, ())),
    }
    return _no_store(render(request, "integrity/staff/complaint_case.html", context, status=status))


@login_required
@require_GET
def complaint_case(request, agency, ref):
    agency, complaint = integrity_access.complaint_for_handler(request.user, agency, ref)
    return _case_page(request, agency, complaint)


@login_required
@require_POST
def complaint_identity(request, agency, ref):
    agency, complaint = integrity_access.complaint_for_handler(request.user, agency, ref)
    identity = services.complaint_identity(actor=request.user, complaint=complaint)
    return _case_page(request, agency, complaint, identity=identity)


@login_required
@require_POST
def complaint_move(request, agency, ref):
    agency, complaint = integrity_access.complaint_for_handler(request.user, agency, ref)
    form = MoveForm(request.POST)
    if form.is_valid():
        try:
            services.complaint_move(
                actor=request.user,
                complaint=complaint,
                to_state=form.cleaned_data["to_state"],
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            form_add_errors(form, exc)
        else:
            messages.success(request, _("เปลี่ยนสถานะแล้ว"))
            return redirect("integrity:case", agency=agency.slug, ref=complaint.ref)
    complaint.refresh_from_db()
    return _case_page(request, agency, complaint, move_form=form, status=422)


@login_required
@require_POST
def complaint_refer(request, agency, ref):
    agency, complaint = integrity_access.complaint_for_handler(request.user, agency, ref)
    form = ReferralForm(request.POST)
    if form.is_valid():
        try:
            services.complaint_refer(actor=request.user, complaint=complaint, **form.cleaned_data)
        except ValidationError as exc:
            form_add_errors(form, exc)
        else:
            messages.success(request, _("บันทึกการส่งเรื่องแล้ว"))
            return redirect("integrity:case", agency=agency.slug, ref=complaint.ref)
    complaint.refresh_from_db()
    return _case_page(request, agency, complaint, referral_form=form, status=422)


@login_required
@require_POST
def complaint_reply(request, agency, ref):
    agency, complaint = integrity_access.complaint_for_handler(request.user, agency, ref)
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            services.complaint_reply(actor=request.user, complaint=complaint, body=form.cleaned_data["body"])
        except ValidationError as exc:
            form_add_errors(form, exc)
        else:
            messages.success(request, _("ส่งข้อความถึงผู้ร้องเรียนแล้ว"))
            return redirect("integrity:case", agency=agency.slug, ref=complaint.ref)
    return _case_page(request, agency, complaint, reply_form=form, status=422)


@login_required
@require_POST
def complaint_export(request, agency, ref):
    agency, complaint = integrity_access.complaint_for_handler(request.user, agency, ref)
    form = ReferralExportForm(request.POST)
    if not form.is_valid():
        return _case_page(request, agency, complaint, status=422)
    content = exports.referral_pdf(actor=request.user, complaint=complaint, body=form.cleaned_data["body"])
    return _no_store(file_response(content, filename=f"ส่งเรื่อง-{complaint.ref}.pdf", kind="pdf"))


@sensitive
@login_required
@require_GET
def complaint_evidence(request, agency, ref, token):
    agency, complaint = integrity_access.complaint_for_handler(request.user, agency, ref)
    try:
        name, kind, data = services.complaint_evidence_read(
            actor=request.user, complaint=complaint, token=token
        )
    except complaint.evidence.model.DoesNotExist:
        raise Http404 from None
    return file_response(data, filename=name, kind=kind)


@login_required
@require_GET
def access_log(request, agency):
    agency = access.staff_agency(request.user, agency, "complaints.access_log")
    page = Paginator(selectors.access_log(agency), 50).get_page(request.GET.get("page"))
    return render(request, "integrity/staff/access_log.html", {"agency": agency, "page": page})


# --- general complaints, suggestions, compliments ----------------------------------------------------------------


@login_required
@require_GET
def feedback_queue(request, agency):
    agency = access.staff_agency(request.user, agency, "feedback.handle")
    state = request.GET.get("state") or None
    if state not in (None, *Feedback.State.values):
        state = None
    items = selectors.feedback_queue(
        integrity_access.feedback_visible_to(request.user, agency), agency, state=state
    )
    context = {"agency": agency, "items": items, "states": Feedback.State.choices, "state": state}
    return render(request, "integrity/staff/feedback_queue.html", context)


def _feedback_page(request, agency, item, status=200, **forms):
    context = {
        "agency": agency,
        "view": services.feedback_open(actor=request.user, item=item),
        "item": item,
        "timeline": selectors.timeline(item),
        "can_route": integrity_access.can_route_feedback(request.user, agency),
        "route_form": forms.get("route_form")
        or FeedbackRouteForm(
            agency=agency, initial={"department": item.department, "about_staff": item.about_staff}
        ),
        "answer_form": forms.get("answer_form")
        or FeedbackAnswerForm(
            initial={
                "answer": item.answer,
                "public": item.answer_public,
                "public_summary": item.public_summary,
            }
        ),
    }
    return _no_store(render(request, "integrity/staff/feedback_detail.html", context, status=status))


@login_required
@require_GET
def feedback_detail(request, agency, code):
    agency, item = integrity_access.feedback_for_staff(request.user, agency, code)
    return _feedback_page(request, agency, item)


@login_required
@require_POST
def feedback_action(request, agency, code, action):
    agency, item = integrity_access.feedback_for_staff(request.user, agency, code)
    forms = {}
    try:
        if action == "route":
            if not integrity_access.can_route_feedback(request.user, agency):
                raise PermissionDenied
            form = forms["route_form"] = FeedbackRouteForm(request.POST, agency=agency)
            if form.is_valid():
                services.feedback_route(actor=request.user, item=item, **form.cleaned_data)
                messages.success(request, _("ส่งเรื่องถึงผู้รับผิดชอบแล้ว"))
                if not integrity_access.feedback_visible_to(request.user, agency).filter(pk=item.pk).exists():
                    return redirect("integrity:feedback", agency=agency.slug)
                return redirect("integrity:feedback_detail", agency=agency.slug, code=item.code)
        elif action == "start":
            services.feedback_start(actor=request.user, item=item)
            messages.success(request, _("เปลี่ยนสถานะแล้ว"))
            return redirect("integrity:feedback_detail", agency=agency.slug, code=item.code)
        elif action == "answer":
            form = forms["answer_form"] = FeedbackAnswerForm(request.POST)
            if form.is_valid():
                services.feedback_answer(actor=request.user, item=item, **form.cleaned_data)
                messages.success(request, _("บันทึกคำตอบแล้ว"))
                return redirect("integrity:feedback_detail", agency=agency.slug, code=item.code)
        elif action == "close":
            services.feedback_close(actor=request.user, item=item)
            messages.success(request, _("ปิดเรื่องแล้ว"))
            return redirect("integrity:feedback_detail", agency=agency.slug, code=item.code)
        else:
            raise Http404
    except ValidationError as exc:
        form = next(iter(forms.values()), None)
        if form is None:
            messages.error(request, " ".join(exc.messages))
            return redirect("integrity:feedback_detail", agency=agency.slug, code=item.code)
        form_add_errors(form, exc)
    item.refresh_from_db()
    return _feedback_page(request, agency, item, status=422, **forms)


# --- questions -----------------------------------------------------------------------------------------------------


@login_required
@require_GET
def question_queue(request, agency):
    agency = access.staff_agency(request.user, agency, "questions.answer")
    state = request.GET.get("state") or None
    if state not in (None, *Question.State.values):
        state = None
    items = selectors.question_queue(
        integrity_access.questions_visible_to(request.user, agency), agency, state=state
    )
    context = {"agency": agency, "items": items, "states": Question.State.choices, "state": state}
    return render(request, "integrity/staff/question_queue.html", context)


def _question_page(request, agency, question, status=200, **forms):
    context = {
        "agency": agency,
        "question": question,
        "timeline": selectors.timeline(question),
        "can_publish": access.has_capability(request.user, agency, "questions.publish"),
        "answer_form": forms.get("answer_form") or QuestionAnswerForm(initial={"answer": question.answer}),
        "publish_form": forms.get("publish_form")
        or QuestionPublishForm(initial={"public_text": question.public_text or question.text}),
    }
    return render(request, "integrity/staff/question_detail.html", context, status=status)


@login_required
@require_GET
def question_detail(request, agency, code):
    agency, question = integrity_access.question_for_staff(request.user, agency, code)
    return _question_page(request, agency, question)


@login_required
@require_POST
def question_action(request, agency, code, action):
    agency, question = integrity_access.question_for_staff(request.user, agency, code)
    forms = {}
    try:
        if action == "answer":
            form = forms["answer_form"] = QuestionAnswerForm(request.POST)
            if form.is_valid():
                services.question_answer(
                    actor=request.user, question=question, answer=form.cleaned_data["answer"]
                )
                messages.success(request, _("บันทึกคำตอบแล้ว"))
                return redirect("integrity:question_detail", agency=agency.slug, code=question.code)
        elif action in ("publish", "unpublish"):
            access.require_capability(request.user, agency, "questions.publish")
            if action == "publish":
                form = forms["publish_form"] = QuestionPublishForm(request.POST)
                if form.is_valid():
                    services.question_publish(
                        actor=request.user, question=question, public_text=form.cleaned_data["public_text"]
                    )
                    messages.success(request, _("เผยแพร่แล้ว"))
                    return redirect("integrity:question_detail", agency=agency.slug, code=question.code)
            else:
                services.question_unpublish(actor=request.user, question=question)
                messages.success(request, _("หยุดเผยแพร่แล้ว"))
                return redirect("integrity:question_detail", agency=agency.slug, code=question.code)
        elif action == "decline":
            services.question_decline(
                actor=request.user, question=question, note=request.POST.get("note", "")[:500]
            )
            messages.success(request, _("บันทึกแล้ว"))
            return redirect("integrity:question_detail", agency=agency.slug, code=question.code)
        else:
            raise Http404
    except ValidationError as exc:
        form = next(iter(forms.values()), None)
        if form is None:
            messages.error(request, " ".join(exc.messages))
            return redirect("integrity:question_detail", agency=agency.slug, code=question.code)
        form_add_errors(form, exc)
    question.refresh_from_db()
    return _question_page(request, agency, question, status=422, **forms)


# --- settings ------------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def channel_settings(request, agency):
    agency = access.staff_agency(request.user, agency, "integrity.settings")
    current = selectors.channel_settings(agency)
    form = ChannelSettingsForm(request.POST or None, instance=current)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in services.SETTINGS_FIELDS}
            services.channel_settings_save(actor=request.user, agency=agency, **fields)
            messages.success(request, _("บันทึกแล้ว"))
            return redirect("integrity:settings", agency=agency.slug)
        status = 422
    return render(request, "integrity/staff/settings.html", {"agency": agency, "form": form}, status=status)
