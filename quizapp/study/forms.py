"""Forms of the study pages; every posted value is validated before it is used."""

from django import forms

from quizapp.study.models import Review, StudySettings


class GradeForm(forms.Form):
    card = forms.IntegerField(min_value=1)
    version = forms.IntegerField(min_value=0)
    # A range, not a ChoiceField: the form's fields are deep-copied on every grade, and
    # copying the choices cost more than all the other fields together.
    rating = forms.IntegerField(min_value=Review.Rating.AGAIN, max_value=Review.Rating.EASY)
    deck = forms.CharField(max_length=200, required=False)
    shown_at = forms.IntegerField(min_value=0)


class StudySettingsForm(forms.ModelForm):
    class Meta:
        model = StudySettings
        fields = [
            "desired_retention",
            "new_per_day",
            "reviews_per_day",
            "time_zone",
            "day_starts_at",
        ]
        labels = {
            "desired_retention": "Desired retention (0.70 to 0.97)",
            "new_per_day": "New cards per day",
            "reviews_per_day": "Reviews per day",
            "day_starts_at": "A new study day starts at (hour, 0–23)",
        }
        widgets = {
            "desired_retention": forms.NumberInput(
                attrs={"step": "0.01", "min": "0.70", "max": "0.97"}
            )
        }
