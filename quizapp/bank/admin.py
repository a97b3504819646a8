"""Admin for the question bank: filter by kind, status and reading; link to the source span."""

from django.contrib import admin

from quizapp.bank.models import Item
from quizapp.bank.pinning import WORDING_FIELDS, keep_for_quizzes
from quizapp.library.admin import site_link


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = ["key", "kind", "status", "short_prompt", "retired_at", "source"]
    list_filter = ["kind", "status", "passage__source"]
    search_fields = ["key", "prompt", "answer", "teacher_prompt"]
    list_select_related = ["passage__source"]
    autocomplete_fields = ["passage", "fact", "concepts"]
    readonly_fields = ["key", "retired_at", "edited_by", "edited_at", "source"]

    def save_model(self, request, obj, form, change):
        # As for a teacher's edit in the bank: other owners' and attempted quizzes keep
        # the wording they had (bank/pinning.py).
        if change and WORDING_FIELDS & set(form.changed_data):
            keep_for_quizzes(obj, editor=request.user)
        super().save_model(request, obj, form, change)

    def get_queryset(self, request):
        # Kept copies are what quizzes were answered against; they are not edited.
        return super().get_queryset(request).in_bank()

    @admin.display(description="Prompt")
    def short_prompt(self, obj: Item) -> str:
        return obj.shown_prompt[:80]

    @admin.display(description="Source")
    def source(self, obj: Item):
        return site_link(obj.get_source_url(), "Open passage") if obj.passage_id else "—"
