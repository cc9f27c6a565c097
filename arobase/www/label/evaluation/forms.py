"""The evaluation questionnaire of the label."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from arobase.label.evaluation import rules as evaluation_rules


class EvaluationForm(forms.Form):
    suggestions = forms.CharField(
        label=_("Vos suggestions pour améliorer le label"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, question in evaluation_rules.QUESTIONS:
            self.fields[f"q_{key}"] = forms.TypedChoiceField(
                label=question,
                choices=[(n, str(n)) for n in evaluation_rules.SCALE],
                coerce=int,
                widget=forms.RadioSelect,
            )
        self.order_fields([f"q_{key}" for key, _q in evaluation_rules.QUESTIONS] + ["suggestions"])

    def ratings(self) -> dict[str, int]:
        return {key: self.cleaned_data[f"q_{key}"] for key, _q in evaluation_rules.QUESTIONS}
