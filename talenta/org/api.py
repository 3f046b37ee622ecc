"""Organisation endpoints of the JSON API (scoped to the caller)."""

from ninja import Router, Schema

from . import selectors

router = Router(tags=["organisations"])


class OrgChildOut(Schema):
    code: str
    name: str
    kind: str
    employees: int


class OrgOut(Schema):
    code: str
    name: str
    kind: str
    parent: str | None
    employees: int
    children: list[OrgChildOut]


@router.get("/organisations/{code}", response=OrgOut)
def get_organisation(request, code: str):
    org = selectors.organisation_get(actor=request.user, code=code)
    _ancestors, children, total = selectors.organisation_children(actor=request.user, org=org)
    return {
        "code": org.code,
        "name": org.name,
        "kind": org.kind,
        "parent": org.parent.code if org.parent_id else None,
        "employees": total,
        "children": [
            {
                "code": c.organisation.code,
                "name": c.organisation.name,
                "kind": c.organisation.kind,
                "employees": c.employees,
            }
            for c in children
        ],
    }
