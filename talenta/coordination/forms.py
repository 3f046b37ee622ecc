from django import forms
from django.utils.translation import gettext_lazy as _

from .models import PracticeTheme


class PracticeForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    organisation = forms.CharField(label=_("Region or agency code"), max_length=40)
    theme = forms.ChoiceField(label=_("Theme"), choices=PracticeTheme.choices)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 6}))
    results = forms.CharField(label=_("Results"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    file = forms.FileField(label=_("Attachment (PDF, image, Word, Excel, PowerPoint; at most 10 MB)"), required=False)
