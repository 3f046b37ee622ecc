"""The parameters of a development plan: one dataclass, its defaults written once and checked once, for the
page's form, ``talenta plan``, the worker and the services alike."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

from django.utils.translation import gettext as _

from talenta.core.errors import ApplicationError
from talenta.engine.planner import IDP_MODES


@dataclass(frozen=True)
class PlanParams:
    """What the planner is asked: the year, the budget (None: the organisation's anggaran), whether each OPD
    stays within its own pagu, the value of a PNS reaching 20 JP (``lam``), the limits per employee, the
    RKPD/RPJMD priorities and their weight, the time allowed, whether budget scenarios are wanted, and how the
    approved IDP items count (``idp``: ignore, weight or first; issue 22)."""

    year: int
    budget: float | None = None
    per_unit_budget: bool = False
    lam: float = 1.0
    max_programs: int = 3
    max_jp: float = 60.0
    time_limit: float = 60.0
    priorities: tuple[str, ...] = field(default_factory=tuple)
    priority_weight: float = 2.0
    scenarios: bool = False
    idp: str = "weight"  # approved IDP items: "ignore", "weight" (rule set [planner] idp_weight) or "first"
    # Whose pagu binds besides the total (issue 24): "" none, "opd" each OPD's (``per_unit_budget``, kept as an
    # alias), "government" each government's (a province's joint plan with its regencies and cities).
    budget_by: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "priorities", tuple(str(c).strip() for c in self.priorities if str(c).strip()))
        if self.per_unit_budget and not self.budget_by:
            object.__setattr__(self, "budget_by", "opd")
        if self.budget_by == "opd":
            object.__setattr__(self, "per_unit_budget", True)
        checks = (
            ("year", 2000 <= int(self.year) <= 2100, _("The year is 2000 to 2100.")),
            ("budget", self.budget is None or float(self.budget) >= 0, _("The budget cannot be negative.")),
            ("lam", float(self.lam) >= 0, _("The value of reaching 20 JP cannot be negative.")),
            ("max_programs", 1 <= int(self.max_programs) <= 10, _("Programmes per employee: 1 to 10.")),
            ("max_jp", 1 <= float(self.max_jp) <= 2000, _("Added JP per employee: 1 to 2000.")),
            ("time_limit", 1 <= float(self.time_limit) <= 1800, _("The time limit is 1 to 1800 seconds.")),
            ("priority_weight", 0 <= float(self.priority_weight) <= 100, _("The priority weight is 0 to 100.")),
            ("idp", self.idp in IDP_MODES, _("Approved IDP items are ignored, weighted or put first.")),
            ("budget_by", self.budget_by in ("", "opd", "government"), _("Budgets bind per OPD or per government.")),
        )
        for name, ok, message in checks:
            if not ok:
                raise ApplicationError(message, {"field": name})

    @classmethod
    def default(cls, name: str) -> Any:
        """A parameter's default (for the form's and the CLI's initial values)."""
        f = next(f for f in fields(cls) if f.name == name)
        return f.default

    def as_dict(self) -> dict[str, Any]:
        """As a run keeps them (JSON)."""
        out = asdict(self)
        out["priorities"] = list(self.priorities)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PlanParams:
        """From what a run kept (unknown keys, e.g. the language, are left out)."""
        names = {f.name for f in fields(cls)}
        return cls(**{k: (tuple(v) if k == "priorities" else v) for k, v in data.items() if k in names})
