"""Work in progress between the steps of an import."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ArticleDraft(models.Model):
    """An uploaded article's passages, kept on the server between upload and confirmation,
    so the review step never has to trust text sent back by the browser."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="article_drafts"
    )
    title = models.CharField(max_length=300)
    url = models.URLField(max_length=500, blank=True)
    text = models.TextField(help_text="The passages, one per paragraph, blank-line separated.")
    # Proposing takes seconds on a long article: done once at upload, not on every GET and
    # POST of the review page (issue 19).
    proposal = models.JSONField(
        default=dict, blank=True, help_text="The proposed concepts and facts, as proposed."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def passages(self) -> list[str]:
        return [p for p in self.text.split("\n\n") if p.strip()]
