from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ActionStatus, PracticeTheme, ResponsibleLevel


class PracticeForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    organisation = forms.CharField(
        label=_("Region or agency"),
        max_length=40,
        widget=forms.TextInput(attrs={"list": "org-options", "placeholder": _("Type a name")}),
    )
    theme = forms.ChoiceField(label=_("Theme"), choices=PracticeTheme.choices)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 6}))
    results = forms.CharField(label=_("Results"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    file = forms.FileField(label=_("Attachment (PDF, image, Word, Excel, PowerPoint; at most 10 MB)"), required=False)


class RecommendationForm(forms.Form):
    meeting = forms.CharField(label=_("Meeting"), max_length=255, initial="Rakornas BPSDM 2025, Balikpapan")
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    number = forms.IntegerField(label=_("Number"), min_value=1)
    text = forms.CharField(label=_("Recommendation"), widget=forms.Textarea(attrs={"rows": 3}))
    theme = forms.ChoiceField(label=_("Theme"), choices=PracticeTheme.choices)
    level = forms.ChoiceField(label=_("Responsible level"), choices=ResponsibleLevel.choices)
    due_date = forms.DateField(label=_("Due date"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}))


class ActionForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    owner = forms.CharField(label=_("Owner"), max_length=255, required=False)
    due_date = forms.DateField(label=_("Due date"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}))
    evidence = forms.CharField(label=_("Evidence"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
