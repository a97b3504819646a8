"""Admin for the study material: search, filters, inlines, autocomplete, site links."""

from django.contrib import admin, messages
from django.db.models import Count
from django.utils.html import format_html

from quizapp.bank.regeneration import request_regeneration
from quizapp.library.models import Concept, Fact, Mention, Passage, Source


def site_link(url: str, label: str = "View on site"):
    return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', url, label)


class RegeneratesBank(admin.ModelAdmin):
    """An admin's change reaches the questions: saving or deleting here queues a
    regeneration of the bank for the task worker, in the admin's own transaction (the
    bank page shows what it changed). Hooked here rather than on signals or save(), so
    loadcontent and tests that write rows choose for themselves."""

    def save_related(self, request, form, formsets, change):
        # The task is written in the admin's transaction: the worker finds it only once
        # everything this save writes (inlines, rebuilt mentions) is committed with it.
        super().save_related(request, form, formsets, change)
        if form.has_changed() or any(formset.has_changed() for formset in formsets):
            self._regenerate(request, form.instance, "changed" if change else "added")

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        self._regenerate(request, obj, "deleted")

    def delete_queryset(self, request, queryset):
        names = ", ".join(f"“{obj}”" for obj in queryset[:5])
        count = len(queryset)
        super().delete_queryset(request, queryset)
        label = self.opts.verbose_name if count == 1 else self.opts.verbose_name_plural
        self._queue(request, f"{count} {label} deleted in the admin ({names}{'…' * (count > 5)})")

    def _regenerate(self, request, obj, what: str) -> None:
        self._queue(request, f"{self.opts.verbose_name.capitalize()} “{obj}” {what} in the admin")

    def _queue(self, request, reason: str) -> None:
        request_regeneration(f"{reason} by {request.user}", user=request.user)
        messages.info(
            request, "The question bank is being regenerated; the bank page shows what changed."
        )


class PassageInline(admin.StackedInline):
    model = Passage
    extra = 0
    fields = ["ordinal", "text"]


class FoldingAdmin(RegeneratesBank):
    """Keeps the folded search copy and the mentions in step with edits made here."""

    def save_model(self, request, obj, form, change):
        obj.refold()
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        # After inlines are saved, so the rebuilt mentions are the last word.
        super().save_related(request, form, formsets, change)
        rebuild_mentions(form.instance if isinstance(form.instance, Passage) else None)


def rebuild_mentions(passage: Passage | None = None) -> None:
    """An edited passage, or a renamed concept (then every passage), is scanned again."""
    finder = Concept.objects.mention_finder()
    slugs = dict(Concept.objects.values_list("slug", "pk"))
    for each in [passage] if passage else Passage.objects.all():
        each.rebuild_mentions(finder, slugs)


@admin.register(Source)
class SourceAdmin(RegeneratesBank):
    list_display = ["title", "kind", "order", "outlet", "published", "passage_count"]
    ordering = ["order", "title"]
    list_filter = ["kind", "outlet"]
    search_fields = ["title", "slug", "original_title", "outlet", "author"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [PassageInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_passages=Count("passages"))

    @admin.display(description="Passages", ordering="n_passages")
    def passage_count(self, obj: Source) -> int:
        return obj.n_passages

    def save_formset(self, request, form, formset, change):
        passages = formset.save(commit=False)
        for passage in passages:
            passage.refold()
            passage.save()
            rebuild_mentions(passage)
        for passage in formset.deleted_objects:
            passage.delete()


@admin.register(Passage)
class PassageAdmin(FoldingAdmin):
    list_display = ["__str__", "source", "ordinal", "opening"]
    list_filter = ["source__kind", "source"]
    search_fields = ["text", "source__title", "source__slug"]
    list_select_related = ["source"]
    readonly_fields = ["link"]

    @admin.display(description="Opening words")
    def opening(self, obj: Passage) -> str:
        return obj.text[:90] + ("…" if len(obj.text) > 90 else "")

    @admin.display(description="On the site")
    def link(self, obj: Passage):
        return site_link(obj.get_absolute_url()) if obj.pk else "—"


class MentionInline(admin.TabularInline):
    """Read-only: mentions are found from names and aliases whenever they change."""

    model = Mention
    extra = 0
    can_delete = False
    fields = ["passage", "start", "end", "mentioned_text", "link"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="Text")
    def mentioned_text(self, obj: Mention) -> str:
        return obj.span_text if obj.pk else ""

    @admin.display(description="On the site")
    def link(self, obj: Mention):
        return site_link(obj.get_absolute_url(), "Open") if obj.pk else "—"


class FactInline(admin.TabularInline):
    model = Fact.concepts.through
    extra = 0
    autocomplete_fields = ["fact"]
    verbose_name = verbose_name_plural = "Facts about this concept"


@admin.register(Concept)
class ConceptAdmin(FoldingAdmin):
    list_display = ["name", "kind", "slug", "mention_count"]
    ordering = ["name"]
    list_filter = ["kind"]
    search_fields = ["name", "slug", "folded", "definition"]
    autocomplete_fields = ["related"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MentionInline, FactInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_mentions=Count("mentions"))

    @admin.display(description="Mentions", ordering="n_mentions")
    def mention_count(self, obj: Concept) -> int:
        return obj.n_mentions


@admin.register(Fact)
class FactAdmin(RegeneratesBank):
    list_display = ["statement", "answer", "answer_kind", "passage", "link"]
    list_filter = ["answer_kind", "passage__source"]
    search_fields = ["statement", "answer", "slug", "question"]
    autocomplete_fields = ["concepts", "answer_concept", "said_by", "passage"]
    list_select_related = ["passage__source"]
    readonly_fields = ["span_preview", "link"]

    @admin.display(description="Cited span")
    def span_preview(self, obj: Fact) -> str:
        return obj.span_text if obj.pk else ""

    @admin.display(description="Passage on the site")
    def link(self, obj: Fact):
        return site_link(obj.get_absolute_url(), "Open passage") if obj.pk else "—"


@admin.register(Mention)
class MentionAdmin(RegeneratesBank):
    list_display = ["concept", "passage", "start", "end"]
    list_filter = ["concept__kind", "passage__source"]
    search_fields = ["concept__name", "passage__text"]
    autocomplete_fields = ["concept", "passage"]
    list_select_related = ["concept", "passage__source"]
