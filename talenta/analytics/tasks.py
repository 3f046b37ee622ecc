"""Background work of the analytics: rebuilding the per-employee facts when a new year or rule set begins."""

from django.db import transaction
from django_tasks import task

from talenta.core.rulesets import active_ruleset
from talenta.engine.rules import RuleSet

from . import facts
from .models import FactsState


@task()
def rebuild_facts(year: int) -> int:
    """Build the facts for ``year`` unless another request already did; return the employees written."""
    rules = active_ruleset()
    if facts.current(year, rules):
        return 0
    return facts.build(year, rules)


_asked: set[tuple] = set()


def ask_rebuild(year: int, rules: RuleSet, s: FactsState) -> None:
    """Facts were built (state ``s``) but for another year, rule set or code version: rebuild this year's in
    the background (once per process; the task does nothing if another process's request came first)."""
    key = (year, rules.version, facts.layout(), s.built_at)
    if key in _asked:
        return
    _asked.add(key)
    transaction.on_commit(lambda: rebuild_facts.enqueue(year))
