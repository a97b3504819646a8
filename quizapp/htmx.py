"""When a view should answer an htmx request with a fragment rather than the page."""

from django.http import HttpRequest


def fragment_wanted(request: HttpRequest) -> bool:
    """htmx asked for a swap. A history restore (Back after the cache is gone) also comes
    with HX-Request, but replaces the whole body, so it needs the full page."""
    return bool(request.htmx) and not request.htmx.history_restore_request
