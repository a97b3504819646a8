"""Downloads of a deck as an Anki package, a Quizlet term list or Moodle GIFT."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from quizapp.exchange.exporting import FORMATS, build_export
from quizapp.study.decks import parse_deck


@require_GET
@login_required
def download(request: HttpRequest, fmt: str) -> HttpResponse:
    """The approved items of ``?deck=all|source:<slug>|concept:<slug>`` as a file."""
    if fmt not in FORMATS:
        raise Http404("No such export format.")
    deck = parse_deck(request.GET.get("deck"), request.user)
    if deck is None:
        raise Http404("No such deck.")
    delimiter = "comma" if request.GET.get("delimiter") == "comma" else "tab"
    # Absolute links, so a card opened in Anki leads back to its passage on this site.
    export = build_export(
        fmt,
        deck,
        delimiter=delimiter,
        base_url=request.build_absolute_uri("/"),
        learner=request.user,
    )
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = content_disposition_header(True, export.filename)
    return response
