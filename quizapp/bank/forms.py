"""Forms for teachers working on the bank."""

from django import forms

from quizapp.bank.models import Item
from quizapp.generation.kinds import KIND_CHOICES
from quizapp.library.models import Concept, Source


class BankFilterForm(forms.Form):
    q = forms.CharField(required=False, label="Search", max_length=200)
    source = forms.ModelChoiceField(
        Source.objects.all(), required=False, to_field_name="slug", empty_label="All readings"
    )
    concept = forms.ModelChoiceField(
        Concept.objects.all(), required=False, to_field_name="slug", empty_label="All concepts"
    )
    kind = forms.ChoiceField(choices=[("", "All kinds"), *KIND_CHOICES], required=False)
    status = forms.ChoiceField(
        choices=[("", "Any status"), *Item.Status.choices, ("retired", "Retired")], required=False
    )

    def filter(self, items):
        data = self.cleaned_data
        if data.get("q"):
            items = items.search(data["q"])
        if data.get("source"):
            items = items.filter(passage__source=data["source"])
        if data.get("concept"):
            items = items.filter(concepts=data["concept"])
        if data.get("kind"):
            items = items.filter(kind=data["kind"])
        status = data.get("status")
        if status == "retired":
            return items.filter(retired_at__isnull=False)
        items = items.filter(retired_at__isnull=True)
        return items.filter(status=status) if status else items


class ItemEditForm(forms.Form):
    """A teacher's wording; an empty field or the generator's own text means no override."""

    prompt = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, required=False
    )
    answer = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False
    )
    explanation = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=4000, required=False
    )

    @classmethod
    def for_item(cls, item: Item, data=None) -> "ItemEditForm":
        initial = {
            "prompt": item.shown_prompt,
            "answer": item.shown_answer,
            "explanation": item.shown_explanation,
        }
        return cls(data=data, initial=initial)

    def apply(self, item: Item) -> None:
        """Blank, or the generator's own text, means: follow the generator."""
        for name in ("prompt", "answer", "explanation"):
            value = self.cleaned_data[name].strip()
            generated = getattr(item, name)
            setattr(item, f"teacher_{name}", "" if value in ("", generated) else value)
