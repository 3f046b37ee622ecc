"""Background imports for the web: the worker's task is defined with the batch's other steps in
``services`` (Zulip's actions: one owner of every transition); it is named here too for the worker."""

from .services import run_import

__all__ = ["run_import"]
