"""Forms of the talent pages."""

from django import forms
from django.utils.translation import gettext_lazy

from talenta.org.models import User
from talenta.org.selectors import organisation_search_options

from . import reviews


class MemberChoice(forms.ModelMultipleChoiceField):
    """Review members by name, role and organisation (not by login)."""

    def label_from_instance(self, obj):
        name = obj.get_full_name() or obj.username
        where = obj.organisation.name if obj.organisation_id else ""
        return f"{name} · {obj.get_role_display()}" + (f" · {where}" if where else "")


class ReviewForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)
    org = forms.CharField(
        label=gettext_lazy("Organisation"),
        max_length=40,
        widget=forms.TextInput(attrs={"list": "org-options", "placeholder": gettext_lazy("Type a name")}),
    )
    members = MemberChoice(
        label=gettext_lazy("Members"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = reviews.review_member_candidates(actor).select_related("organisation")
        # the organisations of the scope, picked by name from a searchable list (issue 23); the value is the code
        self.org_options = organisation_search_options(
            actor=actor, kinds=("nasional", "provinsi", "kabupaten", "kota", "opd")
        )
