"""Admin for learners' cards, reviews and settings (support and data questions)."""

from django.contrib import admin

from quizapp.study.models import Card, Review, StudySettings


@admin.register(Card)
class CardAdmin(admin.ModelAdmin):
    list_display = ["user", "item", "state", "due", "reps", "lapses", "suspended"]
    list_filter = ["state", "suspended"]
    search_fields = ["user__username", "item__key"]
    list_select_related = ["user", "item"]
    raw_id_fields = ["user", "item"]


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["user", "card", "rating", "reviewed_at", "state_before", "state_after"]
    list_filter = ["rating", "state_before"]
    search_fields = ["user__username"]
    list_select_related = ["user"]
    raw_id_fields = ["user", "card"]
    date_hierarchy = "reviewed_at"


@admin.register(StudySettings)
class StudySettingsAdmin(admin.ModelAdmin):
    list_display = ["user", "desired_retention", "new_per_day", "reviews_per_day", "time_zone"]
    search_fields = ["user__username"]
