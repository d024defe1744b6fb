"""The error an evaluation service raises; its message is Vietnamese and shown to the person as is."""


class EvaluationError(Exception):
    """An action that cannot be done on this sheet, in its step, by this person or with these values."""
