"""Official outputs of a plan: the plan table (PDF, DOCX, XLSX) and the monthly result report (PDF, DOCX).

Not yet rendered: these addresses answer 404 after the same access checks the real exports will make.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404

from prongsai.agencies import access


def plan_export_public(request, agency, year, fmt):
    access.public_agency(agency)
    raise Http404


@login_required
def plan_export_staff(request, agency, year, fmt):
    access.staff_agency(request.user, agency, "plan.view")
    raise Http404


@login_required
def monthly_report_export(request, agency, year, month, fmt):
    access.staff_agency(request.user, agency, "plan.view")
    raise Http404
