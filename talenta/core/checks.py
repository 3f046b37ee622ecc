"""System check: the configured rule set loads and validates (``talenta check``, run at start-up)."""

from django.conf import settings
from django.core import checks

from talenta.core.rulesets import active_ruleset
from talenta.engine.rules import RuleSetError


@checks.register()
def ruleset_valid(app_configs, **kwargs):
    try:
        active_ruleset()
    except RuleSetError as exc:
        return [checks.Error(f"Rule set {settings.TALENTA_RULESET!r} is invalid: {exc}", id="talenta.E001")]
    return []
