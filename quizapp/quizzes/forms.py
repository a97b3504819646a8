from __future__ import annotations

from django import forms
from django.utils import timezone

from quizapp.classroom.models import Classroom
from quizapp.generation.kinds import KIND, QUIZ_KINDS
from quizapp.library.models import Concept, Source
from quizapp.quizzes.builder import Criteria
from quizapp.quizzes.models import Quiz

# Choosing among options comes first, recalling the answer after, as the difficulty reads.
BUILDER_KINDS = sorted(QUIZ_KINDS, key=lambda value: not KIND[value].easier)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def label_with_time_zone(form: forms.BaseForm, *names: str) -> None:
    """A datetime-local box says nothing of its zone: the label names the user's own,
    which the form reads the typed time in (study/time_zone.py activates it)."""
    zone = timezone.get_current_timezone_name()
    for name in names:
        field = form.fields[name]
        field.label = f"{field.label} ({zone})"


class BuilderForm(forms.Form):
    title = forms.CharField(max_length=200)
    sources = forms.ModelMultipleChoiceField(
        Source.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="None chosen: every reading.",
    )
    concepts = forms.ModelMultipleChoiceField(
        Concept.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text="None chosen: every concept. Hold Ctrl or Cmd to choose several.",
    )
    kinds = forms.MultipleChoiceField(
        choices=[(value, KIND[value].label) for value in BUILDER_KINDS],
        initial=list(QUIZ_KINDS),
        widget=forms.CheckboxSelectMultiple,
        label="Kinds of question",
    )
    count = forms.IntegerField(min_value=1, max_value=100, initial=10, label="Number of questions")
    difficulty = forms.ChoiceField(
        choices=[
            ("mixed", "Mixed"),
            ("easier", "Easier: choose the answer"),
            ("harder", "Harder: recall the answer"),
        ],
        initial="mixed",
        widget=forms.RadioSelect,
    )

    def criteria(self, seed: int) -> Criteria:
        data = self.cleaned_data
        return Criteria(
            sources=[s.slug for s in data["sources"]],
            concepts=[c.slug for c in data["concepts"]],
            kinds=list(data["kinds"]),
            count=data["count"],
            difficulty=data["difficulty"],
            seed=seed,
        )


class SettingsForm(forms.ModelForm):
    class Meta:
        model = Quiz
        fields = [
            "title",
            "description",
            "mode",
            "layout",
            "time_limit_minutes",
            "attempts_allowed",
            "shuffle_questions",
            "shuffle_options",
            "opens_at",
            "closes_at",
            "show_answers",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "mode": forms.RadioSelect,
            "layout": forms.RadioSelect,
            "opens_at": DateTimeInput(),
            "closes_at": DateTimeInput(),
        }
        labels = {"time_limit_minutes": "Time limit (minutes)"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        label_with_time_zone(self, "opens_at", "closes_at")

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", "The quiz must close after it opens.")
        return data


class AssignForm(forms.Form):
    classroom = forms.ModelChoiceField(Classroom.objects.none(), label="Class")
    due_at = forms.DateTimeField(required=False, widget=DateTimeInput(), label="Due")

    def __init__(self, *args, teacher, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["classroom"].queryset = Classroom.objects.taught_by(teacher)
        label_with_time_zone(self, "due_at")
