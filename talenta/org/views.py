from django.shortcuts import redirect, render

from talenta.core.web import not_found_as_404

from . import selectors


@not_found_as_404
def org_root(request):
    return redirect("org-detail", code=selectors.organisation_root(actor=request.user).code)


@not_found_as_404
def org_detail(request, code: str):
    org = selectors.organisation_get(actor=request.user, code=code)
    ancestors, children, total = selectors.organisation_children(actor=request.user, org=org)
    return render(
        request, "org/detail.html", {"org": org, "ancestors": ancestors, "children": children, "total": total}
    )
