"""Background work of the analytics: rebuilding the per-employee facts when a new year or rule set begins."""

from django.conf import settings
from django_tasks import task

from talenta.engine.rules import load_ruleset

from . import facts


@task()
def rebuild_facts(year: int) -> int:
    """Build the facts for ``year`` unless another request already did; return the employees written."""
    rules = load_ruleset(settings.TALENTA_RULESET)
    if facts.current(year, rules):
        return 0
    return facts.build(year, rules)
