"""Forms of the article importer: the upload, and the review of each proposal."""

from __future__ import annotations

from django import forms
from django.forms import formset_factory

from quizapp.exchange.article_import import check_concept, source_slug
from quizapp.exchange.article_text import MAX_BYTES, ArticleError, article_passages, read_article
from quizapp.exchange.candidates import Candidate
from quizapp.library.models import Concept


class ArticleUploadForm(forms.Form):
    title = forms.CharField(max_length=300)
    url = forms.URLField(label="Web address (optional)", required=False, max_length=500)
    file = forms.FileField(
        label="Article file (.txt, .md or .html, UTF-8)",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.md,.markdown,.html,.htm"}),
    )
    text = forms.CharField(
        label="Or paste the text", required=False, max_length=MAX_BYTES, widget=forms.Textarea
    )

    def clean_title(self) -> str:
        title = self.cleaned_data["title"].strip()
        try:
            source_slug(title)
        except ArticleError as error:
            raise forms.ValidationError(str(error)) from None
        return title

    def clean(self) -> dict:
        data = super().clean()
        upload, text = data.get("file"), (data.get("text") or "").strip()
        if bool(upload) == bool(text):
            raise forms.ValidationError("Upload a file or paste the text (one of the two).")
        try:
            if upload:
                if upload.size > MAX_BYTES:
                    raise ArticleError(f"The file is larger than the {MAX_BYTES:,}-byte limit.")
                data["passages"] = read_article(upload.read(), upload.name, data.get("title", ""))
            else:
                data["passages"] = article_passages(text, "text", data.get("title", ""))
        except ArticleError as error:
            raise forms.ValidationError(str(error)) from None
        return data


class CandidateForm(forms.Form):
    include = forms.BooleanField(required=False)
    name = forms.CharField(max_length=200)
    kind = forms.ChoiceField(choices=Concept.Kind.choices)
    aliases = forms.CharField(
        required=False, max_length=500, help_text="Other names, separated by semicolons."
    )
    definition = forms.CharField(max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self) -> dict:
        data = super().clean()
        if data.get("include") and not self.errors:
            for problem in check_concept(self.candidate()):
                self.add_error("definition", problem)
        return data

    def candidate(self) -> Candidate:
        data = self.cleaned_data
        aliases = [a.strip() for a in data.get("aliases", "").split(";") if a.strip()]
        return Candidate(
            name=data["name"].strip(),
            kind=data["kind"],
            aliases=aliases,
            definition=data["definition"].strip(),
        )

    @staticmethod
    def initial_for(candidate: Candidate) -> dict:
        return {
            "include": True,
            "name": candidate.name,
            "kind": candidate.kind,
            "aliases": "; ".join(candidate.aliases),
            "definition": candidate.definition,
        }


def candidate_formset(count: int):
    """A formset of exactly ``count`` forms: the server decides how many proposals exist."""
    return formset_factory(
        CandidateForm,
        extra=0,
        min_num=count,
        max_num=count,
        absolute_max=max(count, 1),
        validate_min=True,
        validate_max=True,
    )


class FactChoiceForm(forms.Form):
    facts = forms.TypedMultipleChoiceField(
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Facts: dates, numbers, listed points and reported claims",
    )

    def __init__(self, *args, facts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facts"].choices = [(i, f.label) for i, f in enumerate(facts)]
