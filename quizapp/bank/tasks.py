"""The bank's background work, run by the task worker (``manage.py db_worker``)."""

from django.tasks import task

from quizapp.bank.regeneration import run_regeneration


@task()
def regenerate_bank(run_id: int) -> dict[str, int]:
    """Regenerate the whole bank for a queued Regeneration and record what changed."""
    return run_regeneration(run_id)
