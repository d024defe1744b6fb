"""Errors a task service raises; the message is Vietnamese and shown to the person as is."""


class ServiceError(Exception):
    """An action that cannot be done in the task's current state or with these values."""


class NotAllowed(ServiceError):
    """The person may not do this on this task."""


class EvidenceRequired(ServiceError):
    """A completion request without the evidence the task's policy asks for."""
