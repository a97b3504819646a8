"""Teachers browse, preview, edit, approve and hide the bank's items."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from quizapp.accounts.roles import teacher_required
from quizapp.bank.forms import BankFilterForm, ItemEditForm
from quizapp.bank.models import Item, Regeneration
from quizapp.bank.pinning import keep_for_quizzes
from quizapp.htmx import fragment_wanted

PAGE_SIZE = 40


@require_GET
@teacher_required
@vary_on_headers("HX-Request")
def bank_list(request: HttpRequest) -> HttpResponse:
    """The bank, filtered by reading, concept, kind and status, and searched."""
    form = BankFilterForm(request.GET or None)
    items = Item.objects.in_bank().select_related("passage__source")
    items = form.filter(items) if form.is_valid() else items.filter(retired_at__isnull=True)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "run": Regeneration.objects.first(),
    }
    template = "bank/list.html#results" if fragment_wanted(request) else "bank/list.html"
    return render(request, template, context)


@require_GET
@teacher_required
def regeneration_latest(request: HttpRequest) -> HttpResponse:
    """The last regeneration's outcome, polled by the bank page while it runs."""
    return render(request, "bank/list.html#regeneration", {"run": Regeneration.objects.first()})


@require_GET
@teacher_required
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An item as a student will see it, with its source span and an edit form."""
    item = get_object_or_404(Item.objects.select_related("passage__source"), pk=pk)
    return render(request, "bank/item.html", {"item": item, "form": ItemEditForm.for_item(item)})


@require_POST
@teacher_required
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Save a teacher's wording; the generator will not overwrite it."""
    # A kept copy is what some quiz was answered against: it never changes.
    item = get_object_or_404(Item.objects.in_bank().select_related("passage__source"), pk=pk)
    form = ItemEditForm.for_item(item, data=request.POST)
    saved, kept = form.is_valid(), 0
    if saved:
        kept = _save_edit(request, item, form)
        form = ItemEditForm.for_item(item)
    if kept and not request.htmx:
        messages.info(request, _kept_message(kept))
    if not request.htmx:
        return (
            redirect("bank:item", pk=item.pk)
            if saved
            else render(request, "bank/item.html", {"item": item, "form": form}, status=400)
        )
    context = {"item": item, "form": form, "saved": saved, "kept": _kept_message(kept)}
    return render(request, "bank/item.html#editor", context, status=200 if saved else 400)


@transaction.atomic
def _save_edit(request: HttpRequest, item: Item, form: ItemEditForm) -> int:
    """Save the new wording; the questions that must keep the old one (other teachers'
    quizzes, attempted quizzes) first move to a kept copy. Returns how many moved."""
    wording = ("teacher_prompt", "teacher_answer", "teacher_explanation", "teacher_options")
    before = [getattr(item, name) for name in wording]
    form.apply(item)
    changed = before != [getattr(item, name) for name in wording]
    kept = keep_for_quizzes(item, editor=request.user) if changed else 0
    item.edited_by, item.edited_at = request.user, timezone.now()
    item.save()
    return kept


def _kept_message(kept: int) -> str:
    if not kept:
        return ""
    questions = "question keeps" if kept == 1 else "questions keep"
    return (
        f"{kept} {questions} the earlier wording: other teachers' quizzes and quizzes "
        "students have attempted never change under them."
    )


@require_POST
@teacher_required
def item_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve, unapprove, hide or unhide an item; htmx gets the updated row back."""
    item = get_object_or_404(Item.objects.in_bank().select_related("passage__source"), pk=pk)
    action = request.POST.get("action", "")
    if action not in Item.STATUS_ACTIONS:
        return HttpResponse("Unknown action.", status=400)
    item.apply_action(action)
    item.save(update_fields=["status", "status_before_hiding", "updated_at"])
    if request.htmx:
        return render(request, "bank/list.html#row", {"item": item})
    return redirect("bank:item", pk=item.pk)
