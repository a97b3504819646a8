"""The review loop, decks, statistics and settings, for logged-in learners."""

from __future__ import annotations

import time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from quizapp.generation.matching import answer_matches
from quizapp.htmx import fragment_wanted
from quizapp.library.models import Source
from quizapp.quizzes.attempts import add_missed_cards_now_shown
from quizapp.quizzes.withheld import is_withheld
from quizapp.study import services, statistics
from quizapp.study.deck_counts import MAX_ASSIGNED_DECKS, progress_by_deck, progress_by_source
from quizapp.study.decks import EVERYTHING, Deck, assigned_decks, parse_deck
from quizapp.study.forms import Grade, StudySettingsForm, whole_number
from quizapp.study.models import Card, Review
from quizapp.study.queue import StudyQueue, add_new_cards
from quizapp.study.review_sql import card_for_display
from quizapp.study.scheduler import format_interval, preview_intervals
from quizapp.study.time_zone import remember_time_zone

MAX_DURATION_MS = 10 * 60 * 1000


def _deck_or_404(value: str | None, user) -> Deck:
    deck = parse_deck(value, user)
    if deck is None:
        raise Http404("No such deck.")
    return deck


def _card_id(value: str) -> int:
    """A card id from the query string; 0 (found nowhere) for anything else."""
    return whole_number(value) or 0


def _session_url(deck: Deck) -> str:
    return f"{reverse('study:session')}?deck={deck.value}"


def _card_context(
    request, deck: Deck, message: str = "", show: Card | None = None, settings=None
) -> dict:
    """Everything the card region shows: progress, the card's front or back, a message."""
    now = timezone.now()
    settings = settings or services.settings_for(request.user)
    queue = StudyQueue(request.user, deck, settings, now)
    card = show or queue.next_card()
    context = {
        "deck": deck,
        "card": card,
        "progress": queue.progress(),
        "message": message,
        "shown_at": int(time.time() * 1000),
    }
    if card is None:
        context["comes_back_at"] = queue.next_learning_due()
        return context
    if show is not None:
        typed = request.GET.get("typed", "").strip()[:300]
        intervals = preview_intervals(card, now, settings)
        context.update(
            back=True,
            typed=typed,
            typed_right=answer_matches(typed, card.item.accepted_answers) if typed else None,
            ratings=[
                (value, label, format_interval(intervals[value]))
                for value, label in Review.Rating.choices
            ],
            shown_at=request.GET.get("shown_at", context["shown_at"]),
        )
    return context


def _done(request, deck: Deck, message: str, settings=None) -> HttpResponse:
    """After an action: htmx gets the next card region; a plain post is redirected
    (post/redirect/get) and the message follows it through Django's messages."""
    if request.htmx:
        return _card_response(request, _card_context(request, deck, message, settings=settings))
    messages.info(request, message)
    return redirect(_session_url(deck))


def _card_response(request, context: dict) -> HttpResponse:
    fragment = fragment_wanted(request)
    template = "study/session.html#card" if fragment else "study/session.html"
    return render(request, template, {**context, "fragment": fragment})


@require_GET
@login_required
def study_home(request: HttpRequest) -> HttpResponse:
    """Choose what to study: everything or one reading, each with today's counts."""
    settings = services.settings_for(request.user)
    now = timezone.now()
    add_missed_cards_now_shown(request.user, now)
    add_new_cards(request.user, EVERYTHING, now)
    everything = StudyQueue(request.user, EVERYTHING, settings, now)
    rows = [(EVERYTHING, everything.progress())]
    # One query for the assigned decks and one grouped query for all the readings, so
    # the page's queries do not grow with the library or the quizzes set.
    assigned = assigned_decks(request.user, MAX_ASSIGNED_DECKS)
    rows += zip(assigned, progress_by_deck(everything, assigned), strict=True)
    by_source = progress_by_source(everything)
    nothing_due = everything.progress_of(0, 0, 0)
    for source in Source.objects.all():
        deck = Deck("source", source.slug, source.title)
        rows.append((deck, by_source.get(source.slug, nothing_due)))
    return render(request, "study/home.html", {"rows": rows})


@require_GET
@login_required
@vary_on_headers("HX-Request")
def session(request: HttpRequest) -> HttpResponse:
    """The current card's front, or with ?show=<card> its back; htmx gets the card region."""
    deck = _deck_or_404(request.GET.get("deck"), request.user)
    if not request.htmx:
        add_missed_cards_now_shown(request.user, timezone.now())
        add_new_cards(request.user, deck, timezone.now())
    show = _card_to_show(request) if request.GET.get("show") else None
    # A message from a plain (non-htmx) post arrives here after its redirect.
    message = " ".join(str(m) for m in messages.get_messages(request))
    return _card_response(request, _card_context(request, deck, message, show=show))


def _card_to_show(request) -> Card:
    """The learner's card named by ?show=, unless its item is withheld from them (its
    back holds the answer to a quiz they may still take)."""
    try:
        card = card_for_display(_card_id(request.GET["show"]), request.user.pk)
    except Card.DoesNotExist:
        raise Http404("No such card.") from None
    if is_withheld(card.item_id, request.user, timezone.now()):
        raise Http404("No such card.")
    return card


@require_POST
@login_required
def review(request: HttpRequest) -> HttpResponse:
    """Grade the card shown, then show the next one. A repeated submit records nothing."""
    try:
        grade = Grade.from_post(request.POST)
    except ValueError as problem:
        return HttpResponse(str(problem), status=400, content_type="text/plain")
    deck = _deck_or_404(grade.deck, request.user)
    duration = int(time.time() * 1000) - grade.shown_at
    try:
        outcome = services.card_grade(
            user=request.user,
            card_id=grade.card,
            rating=grade.rating,
            version=grade.version,
            now=timezone.now(),
            duration_ms=duration if 0 <= duration <= MAX_DURATION_MS else None,
        )
    except Card.DoesNotExist:
        raise Http404("No such card.") from None
    label = Review.Rating(grade.rating).label
    message = f"Graded {label}." if outcome.recorded else "That card was already graded."
    return _done(request, deck, message, outcome.settings)


@require_POST
@login_required
def undo(request: HttpRequest) -> HttpResponse:
    """Take back the last review and show that card again."""
    deck = _deck_or_404(request.POST.get("deck"), request.user)
    card = services.review_undo(user=request.user)
    if card is None or not request.htmx:
        return _done(request, deck, "Last review undone." if card else "Nothing to undo.")
    card = Card.objects.select_related("item__passage__source").get(pk=card.pk)
    context = _card_context(request, deck, "Last review undone.")
    context["card"] = card
    return _card_response(request, context)


@require_POST
@login_required
def suspend(request: HttpRequest, pk: int) -> HttpResponse:
    """Stop showing this card until it is unsuspended."""
    card = get_object_or_404(Card, pk=pk, user=request.user)
    deck = _deck_or_404(request.POST.get("deck"), request.user)
    services.card_suspend(card=card)
    return _done(request, deck, "Card suspended.")


@require_POST
@login_required
def bury(request: HttpRequest, pk: int) -> HttpResponse:
    """Hide this card until tomorrow's study day."""
    card = get_object_or_404(Card, pk=pk, user=request.user)
    deck = _deck_or_404(request.POST.get("deck"), request.user)
    services.card_bury(card=card, now=timezone.now(), settings=services.settings_for(request.user))
    return _done(request, deck, "Card buried until tomorrow.")


@require_GET
@login_required
def stats(request: HttpRequest) -> HttpResponse:
    """Reviews per day, the coming workload, retention, card states and mastery."""
    settings = services.settings_for(request.user)
    return render(
        request, "study/stats.html", statistics.for_user(request.user, settings, timezone.now())
    )


@require_http_methods(["GET", "POST"])
@login_required
def study_settings(request: HttpRequest) -> HttpResponse:
    """Desired retention, daily limits, time zone and the hour a study day starts."""
    settings = services.settings_for(request.user)
    form = StudySettingsForm(request.POST or None, instance=settings)
    if request.method == "POST" and form.is_valid():
        form.save()
        remember_time_zone(request, form.instance.time_zone)
        return redirect("study:settings_saved")
    return render(
        request, "study/settings.html", {"form": form}, status=400 if form.errors else 200
    )


@require_GET
@login_required
def settings_saved(request: HttpRequest) -> HttpResponse:
    """Confirmation after saving settings (post/redirect/get)."""
    form = StudySettingsForm(instance=services.settings_for(request.user))
    return render(request, "study/settings.html", {"form": form, "saved": True})
