from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django_otp import login as otp_login

from talenta.core.errors import ApplicationError
from talenta.core.web import form_error, not_found_as_404

from . import accounts, selectors
from .forms import LoginForm, OwnPasswordForm, TokenForm


@not_found_as_404
def org_root(request):
    return redirect("org-detail", code=selectors.organisation_root(actor=request.user).code)


@not_found_as_404
def org_detail(request, code: str):
    org = selectors.organisation_get(actor=request.user, code=code)
    ancestors, children, total = selectors.organisation_children(actor=request.user, org=org)
    return render(
        request,
        "org/detail.html",
        {
            "org": org,
            "ancestors": ancestors,
            "children": children,
            "total": total,
        },
    )


class TalentaLoginView(auth_views.LoginView):
    """The login: password, then the authenticator's code where two-factor login is on (django-otp);
    failures are throttled and locked out by django-axes."""

    template_name = "talenta/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        if form.otp_device is not None:
            otp_login(self.request, form.otp_device)
        return response


def account(request):
    """One's own login: change the password; turn two-factor login on or off."""
    user = request.user
    password_form = OwnPasswordForm(user)
    token_form = TokenForm()
    action = request.POST.get("action", "")
    if request.method == "POST":
        if action == "password":
            password_form = OwnPasswordForm(user, request.POST)
            if password_form.is_valid():
                accounts.password_change(user=user, new_password=password_form.cleaned_data["new_password1"])
                update_session_auth_hash(request, user)
                messages.success(request, _("Your password has been changed."))
                return redirect("account")
        elif action == "totp_begin":
            accounts.totp_begin(user=user)
            return redirect("account")
        elif action in ("totp_confirm", "totp_remove"):
            token_form = TokenForm(request.POST)
            if token_form.is_valid():
                try:
                    if action == "totp_confirm":
                        device = accounts.totp_confirm(user=user, token=token_form.cleaned_data["token"])
                        otp_login(request, device)
                        messages.success(request, _("Two-factor login is on."))
                    else:
                        accounts.totp_remove(user=user, token=token_form.cleaned_data["token"])
                        messages.success(request, _("Two-factor login is off."))
                    return redirect("account")
                except ApplicationError as exc:
                    form_error(token_form, exc)
        else:
            return HttpResponseBadRequest(_("Unknown action."))
    device = accounts.totp_device(user)
    pending = None if device else accounts.totp_pending(user)
    return render(
        request,
        "org/account.html",
        {
            "password_form": password_form,
            "token_form": token_form,
            "device": device,
            "pending": pending,
            "qr": accounts.qr_svg(pending) if pending else "",
            "manual_key": accounts.manual_key(pending) if pending else "",
            "required": accounts.requires_second_factor(user),
        },
    )
