from pathlib import Path

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

ALLOWED_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".txt"}


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File (.xlsx or .csv)"))
    atomic = forms.BooleanField(label=_("All or nothing: write nothing if any row is wrong"), required=False)
    create_units = forms.BooleanField(
        label=_("Create the units that UNOR NAMA names and Talenta does not have yet (SIASN files)"), required=False
    )
    strict = forms.BooleanField(
        label=_("Strict: refuse the file if it has a column that is not recognised"), required=False
    )

    def clean_file(self):
        f = self.cleaned_data["file"]
        if Path(f.name).suffix.lower() not in ALLOWED_SUFFIXES:
            raise forms.ValidationError(_("Upload an .xlsx or .csv file."))
        if f.size > settings.TALENTA_MAX_UPLOAD_MB * 1024 * 1024:
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB.") % {"mb": settings.TALENTA_MAX_UPLOAD_MB}
            )
        return f
