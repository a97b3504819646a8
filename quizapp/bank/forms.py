"""Forms for teachers working on the bank."""

from django import forms

from quizapp.bank.models import Item
from quizapp.generation.kinds import KIND_CHOICES
from quizapp.library.folding import fold
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
    """A teacher's wording; an empty field or the generator's own text means no override.

    For a multiple-choice item the teacher may also rewrite every option, one a line; the
    right answer must be one of them, as for the generator's own options.
    """

    MAX_OPTIONS = 12

    prompt = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, required=False
    )
    answer = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False
    )
    options = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        required=False,
        help_text="One option a line, the right answer among them.",
    )
    explanation = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=4000, required=False
    )

    def __init__(self, *args, item: Item, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item
        if not self.edits_options:
            del self.fields["options"]

    @property
    def edits_options(self) -> bool:
        kind = self.item.kind_info
        return kind.is_choice and not kind.fixed_options

    @classmethod
    def for_item(cls, item: Item, data=None) -> "ItemEditForm":
        initial = {
            "prompt": item.shown_prompt,
            "answer": item.shown_answer,
            "options": "\n".join(item.shown_options),
            "explanation": item.shown_explanation,
        }
        return cls(data=data, initial=initial, item=item)

    def clean_options(self) -> list[str]:
        lines = [" ".join(line.split()) for line in self.cleaned_data["options"].splitlines()]
        options = [line for line in lines if line]
        if not options:
            return list(self.item.options)  # blank: follow the generator
        if len({fold(o) for o in options}) != len(options):
            raise forms.ValidationError("Each option may appear only once.")
        if not 3 <= len(options) <= self.MAX_OPTIONS:
            raise forms.ValidationError(f"Give 3 to {self.MAX_OPTIONS} options, one a line.")
        if any(len(o) > 300 for o in options):
            raise forms.ValidationError("An option may be at most 300 characters long.")
        return options

    def clean(self):
        data = super().clean()
        options = data.get("options")
        if self.edits_options and options is not None and "answer" in data:
            right = data["answer"].strip() or self.item.answer
            if right not in options:
                self.add_error("options", f"The right answer “{right}” must be one of the options.")
        return data

    def apply(self, item: Item) -> None:
        """Blank, or the generator's own text, means: follow the generator."""
        for name in ("prompt", "answer", "explanation"):
            value = self.cleaned_data[name].strip()
            generated = getattr(item, name)
            setattr(item, f"teacher_{name}", "" if value in ("", generated) else value)
        if self.edits_options:
            options = self.cleaned_data["options"]
            item.teacher_options = [] if options == list(item.options) else options
