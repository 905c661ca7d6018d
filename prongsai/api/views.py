from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from . import services
from .models import ApiToken


class TokenForm(forms.Form):
    name = forms.CharField(label=_("ชื่อโทเคน (ใช้ทำอะไร)"), max_length=100)


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request):
    form = TokenForm(request.POST or None)
    new_secret = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            _token, new_secret = services.api_token_create(user=request.user, name=form.cleaned_data["name"])
            form = TokenForm()
        else:
            status = 422
    tokens = ApiToken.objects.filter(user=request.user)
    context = {"tokens": tokens, "form": form, "new_secret": new_secret}
    return render(request, "staff/tokens.html", context, status=status)


@login_required
@require_POST
def token_revoke(request, token_id):
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    services.api_token_revoke(user=request.user, token=token)
    return redirect("tokens:list")
