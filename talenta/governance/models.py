"""Job governance (tata kelola jabatan, RULES.md §10): the ABK tasks of each position and year, and the
draft/final state of an OPD's ABK for a year (a final ABK is locked)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from talenta.core.models import TimeStampedModel


class Period(models.TextChoices):
    """How often a task's volume is counted (the rule set gives each its times a year)."""

    YEAR = "tahun", _("a year")
    MONTH = "bulan", _("a month")
    WEEK = "minggu", _("a week")
    DAY = "hari", _("a working day")


class AbkTask(TimeStampedModel):
    """One task (uraian tugas) of a position's workload analysis for one year."""

    position = models.ForeignKey(
        "people.Position", on_delete=models.CASCADE, related_name="abk_tasks", verbose_name=_("position")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    task = models.CharField(_("task"), max_length=500)
    output_unit = models.CharField(_("output unit"), max_length=100)
    volume = models.DecimalField(_("volume"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)])
    period = models.CharField(_("period"), max_length=8, choices=Period.choices)
    norm_minutes = models.DecimalField(
        _("standard time (minutes)"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)]
    )

    class Meta:
        verbose_name = _("ABK task")
        verbose_name_plural = _("ABK tasks")
        ordering = ["position_id", "year", "id"]
        constraints = [models.UniqueConstraint(fields=["position", "year", "task"], name="abk_task_unique")]
        indexes = [models.Index(fields=["year", "position"], name="abk_task_year")]

    def __str__(self) -> str:
        return self.task


class AbkState(models.TextChoices):
    DRAFT = "draft", _("draft")
    FINAL = "final", _("final")


class AbkStatus(models.Model):
    """Whether an OPD's ABK of a year is still a draft or final (locked), and who set it when."""

    organisation = models.ForeignKey(
        "org.Organisation", on_delete=models.CASCADE, related_name="abk_statuses", verbose_name=_("OPD")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    state = models.CharField(_("state"), max_length=8, choices=AbkState.choices, default=AbkState.DRAFT)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)
    ruleset = models.CharField(_("rule set"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("ABK status")
        verbose_name_plural = _("ABK statuses")
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="abk_status_unique")]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}: {self.state}"
