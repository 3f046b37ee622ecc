"""Opening a talent review (the engine over the whole subtree) as background work for the web page."""

from django_tasks import task

from .models import ReviewSession
from .reviews import review_prepare


@task()
def prepare_review_task(session_id: int) -> int:
    try:
        return review_prepare(session_id)
    except Exception as exc:  # shown on the session page; the session stays in "preparing"
        ReviewSession.objects.filter(pk=session_id).update(error=str(exc)[:2000])
        raise
