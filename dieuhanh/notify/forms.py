from django import forms

from dieuhanh.notify.models import NotificationPreference


class PreferenceForm(forms.ModelForm):
    digest_hour = forms.TypedChoiceField(
        label="Giờ nhận thư tổng hợp",
        coerce=int,
        choices=[(h, f"{h:02d}:00") for h in range(24)],
    )

    class Meta:
        model = NotificationPreference
        fields = ("email_enabled", "in_app_enabled", "digest_hour")
