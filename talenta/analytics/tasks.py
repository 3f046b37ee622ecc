"""Background work of the analytics: rebuilding the per-employee facts when a new year or rule set begins."""

from django_tasks import task

from talenta.core.rulesets import active_ruleset

from . import facts


@task()
def rebuild_facts(year: int) -> int:
    """Build the facts for ``year`` unless another request already did; return the employees written."""
    rules = active_ruleset()
    if facts.current(year, rules):
        return 0
    return facts.build(year, rules)
