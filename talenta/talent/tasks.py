"""Opening a talent review (the engine over the whole subtree) as background work for the web page: the
task is defined with the review's other steps in ``reviews``; it is named here too for the worker."""

from .reviews import prepare_review_task

__all__ = ["prepare_review_task"]
