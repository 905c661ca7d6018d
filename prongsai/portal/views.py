from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from prongsai.agencies import access
from prongsai.agencies.models import Agency


@require_GET
def deployment_home(request):
    agencies = list(Agency.objects.active())
    if len(agencies) == 1:
        return redirect("portal:agency_home", agency=agencies[0].slug)
    return render(request, "portal/deployment_home.html", {"agencies": agencies})


@require_GET
def agency_home(request, agency: str):
    agency_obj = access.public_agency(agency)
    departments = agency_obj.departments.filter(is_active=True)
    return render(request, "portal/agency_home.html", {"agency": agency_obj, "departments": departments})
