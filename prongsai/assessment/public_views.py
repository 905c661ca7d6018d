"""The survey pages: staff answer the IIT with an invitation code, service users the EIT on their phone.

No account, no cookie of ours beyond CSRF, nothing of the request passed to a service (the middleware has
already replaced the address and removed the browser and referer); the throttle keeps a short-lived keyed hash
in the cache only. Pages are ``no-store``: a shared computer at the counter keeps no one's answers."""

from __future__ import annotations

import functools

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from prongsai.agencies import access, throttle
from prongsai.agencies.forms import form_add_errors

from . import selectors, services
from .forms import SurveyForm

IIT_LIMIT = 20  # IIT submissions (right or wrong codes) per client per 10 minutes
EIT_LIMIT = 10  # EIT answers per client per hour


def _no_store(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        return response

    return wrapper


def _survey(request, agency, round_code, kind):
    agency = access.public_agency(agency)
    round = selectors.open_round(agency, round_code)
    context = {"agency": agency, "round": round, "kind": kind, "instrument": round.instrument}
    if not round.is_open:
        return render(request, "assessment/survey_closed.html", context, status=410)
    form = SurveyForm(request.POST or None, instrument=round.instrument, kind=kind, agency=agency)
    status = 200
    if request.method == "POST":
        scope, limit, window = (
            ("assessment-iit", IIT_LIMIT, 600) if kind == "iit" else ("assessment-eit", EIT_LIMIT, 3600)
        )
        if not throttle.hit(request, scope, limit=limit, window=window):
            form.is_valid()
            form.add_error(None, _("มีการส่งคำตอบจากเครื่องนี้มากเกินไป โปรดรอสักครู่แล้วส่งอีกครั้ง"))
            status = 429
        elif form.is_valid():
            try:
                if kind == "iit":
                    services.iit_answer(
                        round=round,
                        code=form.cleaned_data["code"],
                        department=form.cleaned_data["department"],
                        answers=form.answers(),
                    )
                else:
                    services.eit_answer(round=round, answers=form.answers())
            except ValidationError as exc:
                form_add_errors(form, exc)
                status = 422
            else:
                return render(request, "assessment/survey_thanks.html", context)
        else:
            status = 422
    context["form"] = form
    return render(request, "assessment/survey.html", context, status=status)


@_no_store
@require_http_methods(["GET", "POST"])
def iit(request, agency, round):
    return _survey(request, agency, round, "iit")


@_no_store
@require_http_methods(["GET", "POST"])
def eit(request, agency, round):
    return _survey(request, agency, round, "eit")
