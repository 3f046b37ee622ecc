"""Pure computations of Talenta: rule sets, identifiers, measures, the planner.

Nothing in this package imports Django: functions take plain values or arrays and return immutable
results, so the same code serves one employee on a profile page and a whole country in a roll-up.
"""
