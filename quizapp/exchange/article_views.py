"""The teacher's article import: upload, review the proposals, confirm."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_http_methods
from django_htmx.http import HttpResponseClientRedirect

from quizapp.accounts.roles import teacher_required
from quizapp.exchange.article_forms import (
    ArticleUploadForm,
    CandidateForm,
    FactChoiceForm,
    candidate_formset,
)
from quizapp.exchange.article_import import import_article
from quizapp.exchange.article_text import MAX_BYTES, MAX_TEXT, ArticleError
from quizapp.exchange.candidates import Proposal, propose
from quizapp.exchange.models import ArticleDraft
from quizapp.htmx import fragment_wanted

DRAFT_LIFETIME = dt.timedelta(days=2)
PREFIX = "concept"


def _draft_for(user, pk: int) -> ArticleDraft:
    """A teacher sees only their own drafts; anyone else's id is a 404."""
    return get_object_or_404(ArticleDraft, pk=pk, owner=user)


@require_http_methods(["GET", "POST"])
@teacher_required
def article_upload(request: HttpRequest) -> HttpResponse:
    """Step 1: a file or pasted text, with a title and an optional address."""
    form = ArticleUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        ArticleDraft.objects.filter(
            owner=request.user, created_at__lt=timezone.now() - DRAFT_LIFETIME
        ).delete()
        passages = form.cleaned_data["passages"]
        draft = ArticleDraft.objects.create(
            owner=request.user,
            title=form.cleaned_data["title"],
            url=form.cleaned_data["url"],
            text="\n\n".join(passages),
            proposal=propose(passages).as_json(),
        )
        return redirect("exchange:article_review", pk=draft.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "max_bytes": MAX_BYTES, "max_text": f"{MAX_TEXT:,}"}
    return render(request, "exchange/article_upload.html", context, status=status)


def _proposal_of(draft: ArticleDraft) -> Proposal:
    """The proposal stored at upload; a draft saved before proposals were stored gets
    its proposal once, here, and keeps it."""
    if not draft.proposal:
        draft.proposal = propose(draft.passages).as_json()
        draft.save(update_fields=["proposal"])
    return Proposal.from_json(draft.proposal)


@require_http_methods(["GET", "POST"])
@teacher_required
def article_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Step 2 and 3: tick, edit and confirm the proposals; confirming saves everything."""
    draft = _draft_for(request.user, pk)
    passages = draft.passages
    proposal = _proposal_of(draft)
    Formset = candidate_formset(len(proposal.concepts))
    if request.method == "GET":
        initial = [CandidateForm.initial_for(c) for c in proposal.concepts]
        formset = Formset(initial=initial, prefix=PREFIX)
        facts_form = FactChoiceForm(
            initial={"facts": list(range(len(proposal.facts)))}, facts=proposal.facts
        )
        return _review(request, draft, passages, formset, facts_form)
    action = request.POST.get("action", "import")
    formset = Formset(request.POST, prefix=PREFIX)
    facts_form = FactChoiceForm(request.POST, facts=proposal.facts)
    if action in ("all", "none"):
        return _review(request, draft, passages, *_tick_all(formset, proposal, action == "all"))
    if not (formset.is_valid() and facts_form.is_valid()):
        return _review(request, draft, passages, formset, facts_form, status=400)
    chosen = [f.candidate() for f in formset.forms if f.cleaned_data.get("include")]
    facts = [proposal.facts[i] for i in facts_form.cleaned_data["facts"]]
    try:
        report = import_article(
            title=draft.title, url=draft.url, passages=passages, concepts=chosen, facts=facts
        )
    except ArticleError as error:
        return _review(request, draft, passages, formset, facts_form, status=400, error=error)
    draft.delete()
    messages.success(
        request,
        format_html(
            "Imported “{}”: {} new concepts, {} facts and {} items, waiting for review in "
            '<a href="{}?source={}&amp;status=generated">the question bank</a>.',
            report.source.title,
            len(report.concepts),
            report.facts,
            report.items,
            reverse("bank:list"),
            report.source.slug,
        ),
    )
    url = report.source.get_absolute_url()
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def _tick_all(formset, proposal, include: bool):
    """The posted edits kept, every box ticked or cleared (works without JavaScript)."""
    initial = []
    for form, candidate in zip(formset.forms, proposal.concepts, strict=False):
        values = CandidateForm.initial_for(candidate)
        for name in ("name", "kind", "aliases", "definition"):
            posted = form[name].value()
            if isinstance(posted, str):
                values[name] = posted
        values["include"] = include
        initial.append(values)
    facts = list(range(len(proposal.facts))) if include else []
    return (
        type(formset)(initial=initial, prefix=PREFIX),
        FactChoiceForm(initial={"facts": facts}, facts=proposal.facts),
    )


def _review(request, draft, passages, formset, facts_form, status=200, error=None):
    context = {
        "draft": draft,
        "passages": passages,
        "formset": formset,
        "facts_form": facts_form,
        "error": error,
    }
    template = "exchange/article_review.html"
    if fragment_wanted(request):
        template += "#review"
    return render(request, template, context, status=status)
