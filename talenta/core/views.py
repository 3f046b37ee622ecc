from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from . import jobs
from .scoping import Scope


def home(request):
    """Admins land on their organisation, employees on their own profile."""
    scope = Scope.for_user(request.user)
    if scope.is_admin:
        return redirect("org-root")
    if request.user.employee_id:
        return redirect("employee-profile", nip=request.user.employee.nip)
    raise PermissionDenied(_("Your login is not linked to an organisation or an employee yet."))


def healthz(request):
    """For the load balancer and the monitoring: 200 while the database answers (503 otherwise), with the
    background workers' last heartbeat (README, "Serving it for real")."""
    ok, body = jobs.health()
    return JsonResponse(body, status=200 if ok else 503)
