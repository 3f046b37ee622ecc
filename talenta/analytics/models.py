"""Per-employee facts: each employee and their histories in one fixed-width record, kept current by
database triggers. See ``talenta/analytics/facts.py`` for how they are built, refreshed and read."""

from django.db import models


class EmployeeFacts(models.Model):
    """One employee's record (``population.history_dtype`` of ``FactsState.words``, as bytes)."""

    employee = models.OneToOneField("people.Employee", on_delete=models.CASCADE, primary_key=True, related_name="+")
    record = models.BinaryField()

    def __str__(self) -> str:
        return f"facts of employee {self.employee_id}"


class FactsDirty(models.Model):
    """Employees whose facts are out of date (written by triggers on the employee and history tables)."""

    employee_id = models.IntegerField(primary_key=True)

    def __str__(self) -> str:
        return f"employee {self.employee_id} changed"


class FactsDirtyRange(models.Model):
    """Employees inserted together, as one range of ids (PostgreSQL's insert trigger on the employee table:
    one row per statement instead of one per employee, ~1 s less server work per 100,000 imported,
    bench/README.md). ``facts.refresh`` turns the ranges into ``FactsDirty`` rows before it reads them; a
    range may span ids other transactions inserted meanwhile, which are then refreshed once too many."""

    lo = models.IntegerField()
    hi = models.IntegerField()

    def __str__(self) -> str:
        return f"employees {self.lo}-{self.hi} inserted"


class FactsState(models.Model):
    """The one row saying for which reference year and rule set the facts were built, and how many words of
    packed assessment levels each record holds (competency ids up to 21 x words)."""

    year = models.PositiveSmallIntegerField()
    ruleset = models.CharField(max_length=60)
    words = models.PositiveSmallIntegerField()
    layout = models.CharField(max_length=64)  # of the record (a digest of its fields): code may change it
    built_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"facts {self.year} {self.ruleset}"
