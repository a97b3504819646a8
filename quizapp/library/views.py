"""Reader pages: home, sources, concepts and search."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from quizapp.htmx import fragment_wanted
from quizapp.library.highlight import Link, parse_highlight, render_passage
from quizapp.library.models import Concept, Mention, Passage, Source
from quizapp.library.search import search_concepts, search_passages


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The welcome page: what to read, and a way in by search."""
    # Meta.ordering does not apply to GROUP BY queries, so order explicitly.
    sources = Source.objects.annotate(n_passages=Count("passages")).order_by("order", "title")
    kinds = Concept.objects.values("kind").annotate(n=Count("id")).order_by("kind")
    return render(request, "library/home.html", {"sources": sources, "kinds": kinds})


@require_GET
def source_list(request: HttpRequest) -> HttpResponse:
    """Every reading, in study order."""
    # distinct: the join through facts would otherwise multiply the passage count.
    sources = Source.objects.annotate(
        n_passages=Count("passages", distinct=True), n_facts=Count("passages__facts")
    ).order_by("order", "title")
    return render(request, "library/source_list.html", {"sources": sources})


@require_GET
def source_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A reading with every passage at #p<n>, its mentions linked, a cited span marked."""
    source = get_object_or_404(Source, slug=slug)
    mentions = Mention.objects.select_related("concept").order_by("start")
    passages = source.passages.prefetch_related(Prefetch("mentions", queryset=mentions))
    highlight = parse_highlight(request.GET.get("hl"))
    rendered = []
    for passage in passages:
        marks = []
        if highlight and highlight[0] == passage.ordinal:
            marks = [highlight[1:]]
        links = [
            Link(m.start, m.end, m.concept.get_absolute_url(), m.concept.name)
            for m in passage.mentions.all()
        ]
        rendered.append(
            {"passage": passage, "html": render_passage(passage.text, marks, links), "hl": marks}
        )
    return render(request, "library/source_detail.html", {"source": source, "passages": rendered})


@require_GET
def concept_list(request: HttpRequest) -> HttpResponse:
    """Concepts grouped by kind, optionally one kind only."""
    kind = request.GET.get("kind", "")
    concepts = Concept.objects.annotate(n_mentions=Count("mentions"))
    if kind in Concept.Kind.values:
        concepts = concepts.filter(kind=kind)
    groups = defaultdict(list)
    for concept in concepts.order_by("kind", "name"):
        groups[concept.get_kind_display()].append(concept)
    return render(
        request,
        "library/concept_list.html",
        {"groups": dict(groups), "kind": kind, "kinds": Concept.Kind.choices},
    )


@require_GET
def concept_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A concept, its related concepts and every passage naming it, highlighted."""
    concept = get_object_or_404(Concept, slug=slug)
    spans = defaultdict(list)
    for mention in concept.mentions.all():
        spans[mention.passage_id].append((mention.start, mention.end))
    passages = Passage.objects.filter(pk__in=spans).select_related("source")
    excerpts = [
        {
            "passage": p,
            "html": render_passage(p.text, spans[p.pk]),
            "url": p.span_url(*spans[p.pk][0]),
        }
        for p in passages.order_by("source__order", "ordinal")
    ]
    facts = concept.facts.select_related("passage__source").order_by("passage__source__order")
    return render(
        request,
        "library/concept_detail.html",
        {
            "concept": concept,
            "related": concept.related.order_by("name"),
            "excerpts": excerpts,
            "facts": facts,
        },
    )


@require_GET
@vary_on_headers("HX-Request")
def search(request: HttpRequest) -> HttpResponse:
    """Search concepts and passages; htmx gets only the results."""
    query = request.GET.get("q", "").strip()[:200]
    hits = search_passages(query)
    context = {
        "query": query,
        "concepts": search_concepts(query),
        "passages": [
            {"passage": h.passage, "html": render_passage(h.passage.text, h.marks)} for h in hits
        ],
    }
    template = "library/search.html#results" if fragment_wanted(request) else "library/search.html"
    return render(request, template, context)
