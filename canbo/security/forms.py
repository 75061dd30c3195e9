from django import forms
from django.utils.translation import gettext_lazy as _


class TotpCodeForm(forms.Form):
    """The 6-digit code of an authenticator app (spaces allowed, as apps show "123 456")."""

    code = forms.CharField(
        label=_("Mã xác thực"),
        max_length=12,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
                "pattern": r"[0-9 ]*",
            }
        ),
    )

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].replace(" ", "")
        if not (code.isdigit() and code.isascii() and len(code) == 6):
            raise forms.ValidationError(_("Mã xác thực gồm 6 chữ số, xem trên ứng dụng xác thực."))
        return code
