"""Forms of the talent pages."""

from django import forms
from django.utils.translation import gettext_lazy

from talenta.org.models import User

from . import reviews


class ReviewForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)
    org = forms.CharField(label=gettext_lazy("Organisation code"), max_length=40)
    members = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Members"), queryset=User.objects.none(), required=False
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = reviews.review_member_candidates(actor)
