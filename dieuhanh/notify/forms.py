from django import forms

from dieuhanh.notify.events import WORKFLOW_KINDS, Delivery
from dieuhanh.notify.models import NotificationPreference

EVENT_FIELD = "event_{}"


class PreferenceForm(forms.ModelForm):
    """The channels and digest hour, and one choice per kind of workflow event."""

    digest_hour = forms.TypedChoiceField(
        label="Giờ nhận thư tổng hợp",
        coerce=int,
        choices=[(h, f"{h:02d}:00") for h in range(24)],
    )

    class Meta:
        model = NotificationPreference
        fields = ("email_enabled", "in_app_enabled", "digest_hour")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in WORKFLOW_KINDS:
            self.fields[EVENT_FIELD.format(kind.value)] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                initial=self.instance.delivery_for(kind),
                required=False,  # left out: everything, as before there was a choice
                error_messages={"invalid_choice": "Lựa chọn không hợp lệ."},
            )

    def channel_fields(self):
        return [self[name] for name in self.Meta.fields]

    def event_fields(self):
        return [self[EVENT_FIELD.format(kind.value)] for kind in WORKFLOW_KINDS]

    def save(self, commit=True):
        chosen = {kind.value: self.cleaned_data[EVENT_FIELD.format(kind.value)] for kind in WORKFLOW_KINDS}
        self.instance.event_choices = {k: v for k, v in chosen.items() if v and v != Delivery.ALL}
        return super().save(commit)
