"""The upload form for term lists and GIFT files."""

from __future__ import annotations

from pathlib import Path

from django import forms

from quizapp.exchange.list_import import FORMATS, MAX_BYTES


class ImportForm(forms.Form):
    format = forms.ChoiceField(choices=list(FORMATS.items()), label="Format")
    title = forms.CharField(
        max_length=200,
        required=False,
        label="Set title",
        help_text="Names the new reading; importing again under the same title updates it. "
        "Empty: the file's name.",
    )
    file = forms.FileField(label="File", help_text="UTF-8 text, at most 1 MB.")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # Checked before reading, so a huge upload is never loaded into memory.
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                f"The file is larger than 1 MB ({upload.size:,} bytes).", code="too_big"
            )
        return upload

    def set_title(self) -> str:
        title = " ".join(self.cleaned_data["title"].split())
        return title or Path(self.cleaned_data["file"].name).stem.replace("_", " ")[:200]
