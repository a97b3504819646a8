from __future__ import annotations

from django import forms

from quizapp.classroom.models import JOIN_CODE_LENGTH, Classroom


class ClassroomForm(forms.ModelForm):
    class Meta:
        model = Classroom
        fields = ["name"]
        labels = {"name": "Class name"}


class JoinForm(forms.Form):
    code = forms.CharField(
        max_length=20,
        label="Join code",
        help_text="The code your teacher gave you, for example K7M2Q9XA.",
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split()).upper()
        if len(code) != JOIN_CODE_LENGTH:
            raise forms.ValidationError(f"A join code has {JOIN_CODE_LENGTH} letters and digits.")
        if not Classroom.objects.filter(join_code=code).exists():
            raise forms.ValidationError("No class has that code. Check it with your teacher.")
        return code
