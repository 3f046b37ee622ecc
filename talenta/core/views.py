from django.http import HttpResponse
from django.shortcuts import redirect

from .scoping import Scope


def home(request):
    """Admins land on their organisation, employees on their own profile."""
    scope = Scope.for_user(request.user)
    if scope.is_admin:
        return redirect("org-root")
    if request.user.employee_id:
        return redirect("employee-profile", nip=request.user.employee.nip)
    return redirect("logout")


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")
