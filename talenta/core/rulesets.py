"""The rule set this installation computes with (``TALENTA_RULESET``): one way to ask for it everywhere."""

from django.conf import settings

from talenta.engine.rules import RuleSet, load_ruleset


def active_ruleset() -> RuleSet:
    """The configured rule set, read and validated once per process (``engine.rules.load_ruleset`` caches)."""
    return load_ruleset(settings.TALENTA_RULESET)
