"""Delivery channels: email digests, in-app notifications and organisation webhooks.

Which channels a person gets is decided here once, as query conditions, so
the set-based delivery steps and the per-person digest agree.
"""

from django.db.models import Q

from dieuhanh.notify.constants import DEFAULT_DIGEST_HOUR


def wants_email(prefix: str = "person__") -> Q:
    """People with an address who did not turn email off (no preference row means the defaults)."""
    pref = f"{prefix}notification_preference"
    return ~Q(**{f"{prefix}email": ""}) & (
        Q(**{f"{pref}__isnull": True}) | Q(**{f"{pref}__email_enabled": True})
    )


def wants_in_app(prefix: str = "person__") -> Q:
    """In-app is on unless turned off — and always on for whoever gets no email, so nobody goes unreminded."""
    pref = f"{prefix}notification_preference"
    return (
        Q(**{f"{pref}__isnull": True})
        | Q(**{f"{pref}__in_app_enabled": True})
        | Q(**{f"{pref}__email_enabled": False})
        | Q(**{f"{prefix}email": ""})
    )


def digest_time_reached(hour: int, prefix: str = "person__") -> Q:
    """People whose chosen digest hour has come today."""
    pref = f"{prefix}notification_preference"
    default_ok = Q(**{f"{pref}__isnull": True}) if hour >= DEFAULT_DIGEST_HOUR else Q(pk__in=[])
    return default_ok | Q(**{f"{pref}__digest_hour__lte": hour})
