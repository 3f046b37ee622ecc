"""The planner as background work for the web page: the task is defined with the run's other steps in
``services``; it is named here too for the worker."""

from .services import run_plan_task

__all__ = ["run_plan_task"]
