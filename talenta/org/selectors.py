"""Reads of the organisation tree, always through the actor's scope."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext as _

from talenta.core.errors import NotFound
from talenta.core.scoping import Scope
from talenta.people.models import Employee

from .models import Organisation, User


def organisation_root(*, actor) -> Organisation:
    """The top node of the actor's scope."""
    scope = Scope.for_user(actor)
    if scope.path is None:
        raise NotFound(_("No organisation in your scope."))
    code = [c for c in scope.path.split("/") if c][-1]
    return Organisation.objects.select_related("parent").get(code=code)


def organisation_by_code(code: str) -> Organisation:
    """Any organisation by its code (the system's own reads: the CLI without --user); not found otherwise."""
    org = Organisation.objects.select_related("parent").filter(code=code).first()
    if org is None:
        raise NotFound(_("Organisation %(code)s not found.") % {"code": code})
    return org


def active_user(username: str) -> User:
    """An active login by its username (the CLI's --user); not found otherwise."""
    user = User.objects.select_related("organisation", "employee").filter(username=username, is_active=True).first()
    if user is None:
        raise NotFound(_("No active user %(name)r.") % {"name": username})
    return user


def organisation_get(*, actor, code: str) -> Organisation:
    """One organisation of the actor's scope; anything else is not found."""
    scope = Scope.for_user(actor)
    org = scope.filter_organisations(Organisation.objects.select_related("parent")).filter(code=code).first()
    if org is None:
        raise NotFound(_("Organisation %(code)s not found.") % {"code": code})
    return org


@dataclass(frozen=True)
class OrgNode:
    """A child in the browser: the organisation and the employees in its subtree."""

    organisation: Organisation
    employees: int


def organisation_children(*, actor, org: Organisation) -> tuple[list[Organisation], list[OrgNode], int]:
    """Ancestors within scope (breadcrumbs), children with subtree employee counts, and the total.

    Three queries whatever the size of the tree: the children, one grouped count over the subtree's
    employees by unit path, and the breadcrumb ancestors.
    """
    scope = Scope.for_user(actor)
    children = list(org.children.order_by("code"))
    counts = (
        Employee.objects.filter(org_path__startswith=org.path)
        .values("org_path")
        .annotate(n=Count("id"))
        .values_list("org_path", "n")
    )
    per_child: Counter[str] = Counter()
    total = 0
    for path, n in counts:
        total += n
        if child := org.child_code(path):
            per_child[child] += n
    nodes = [OrgNode(child, per_child.get(child.code, 0)) for child in children]
    codes = org.ancestors_and_self()[:-1]
    ancestors = [
        a for a in Organisation.objects.filter(code__in=codes).order_by("depth") if scope.contains_path(a.path)
    ]
    return ancestors, nodes, total


MAX_OPTIONS = 500
MAX_SEARCH_OPTIONS = 3000


def _labelled(orgs: list[Organisation]) -> list[Organisation]:
    """Each with ``label``: its name, and for a unit the OPD (or government) it belongs to, so no option is
    a bare "Sekretariat" (issue 23)."""
    for o in orgs:
        o.label = o.display_name
    return orgs


def organisation_options(*, actor, kinds: tuple[str, ...] = ("opd", "unit")) -> list[Organisation] | None:
    """OPDs and units of the scope for a drop-down, or None when there are too many to list (a national or
    provincial scope): the page then offers :func:`organisation_search_options` instead."""
    scope = Scope.for_user(actor)
    qs = scope.filter_organisations(Organisation.objects.filter(kind__in=kinds)).order_by("path")
    options = list(qs.select_related("parent").only("code", "name", "kind", "parent__name")[: MAX_OPTIONS + 1])
    return None if len(options) > MAX_OPTIONS else _labelled(options)


def organisation_search_options(*, actor, kinds: tuple[str, ...] = ("provinsi", "kabupaten", "kota", "opd")):
    """The governments and OPDs of the scope (at most ``MAX_SEARCH_OPTIONS``), for a searchable list (an
    ``<input list>`` with a ``<datalist>``): picked by name, sent as the code."""
    scope = Scope.for_user(actor)
    qs = scope.filter_organisations(Organisation.objects.filter(kind__in=kinds)).order_by("path")
    return _labelled(
        list(qs.select_related("parent").only("code", "name", "kind", "parent__name")[:MAX_SEARCH_OPTIONS])
    )


def opd_codes_under(org: Organisation) -> dict[str, int]:
    """The OPDs of a subtree, code -> id (one query)."""
    return dict(Organisation.objects.filter(path__startswith=org.path, kind="opd").values_list("code", "id"))


def opd_on_path(path: str, opd_codes, default: str | None = None) -> str:
    """The OPD an employee of ``path`` belongs to: the first OPD code on it, else ``default`` (else the
    last node of the path, the unit itself)."""
    parts = [p for p in path.split("/") if p]
    return next((code for code in parts if code in opd_codes), default if default is not None else parts[-1])


def organisation_labels(codes) -> dict[str, str]:
    """code -> name of each organisation, a unit's with the OPD it belongs to (a page's rows; one query)."""
    orgs = (
        Organisation.objects.filter(code__in=set(codes))
        .select_related("parent")
        .only("code", "name", "kind", "parent__name")
    )
    return {o.code: o.label for o in _labelled(list(orgs))}
