"""System check: the configured rule set loads and validates (``talenta check``, run at start-up)."""

from django.conf import settings
from django.core import checks

from talenta.engine.rules import RuleSetError, load_ruleset


@checks.register()
def ruleset_valid(app_configs, **kwargs):
    try:
        load_ruleset(settings.TALENTA_RULESET)
    except RuleSetError as exc:
        return [checks.Error(f"Rule set {settings.TALENTA_RULESET!r} is invalid: {exc}", id="talenta.E001")]
    return []
