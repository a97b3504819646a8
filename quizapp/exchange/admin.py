"""Admin for import drafts, so staff can see and clear abandoned ones."""

from django.contrib import admin

from quizapp.exchange.models import ArticleDraft


@admin.register(ArticleDraft)
class ArticleDraftAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "created_at"]
    list_select_related = ["owner"]
    readonly_fields = ["owner", "created_at"]
