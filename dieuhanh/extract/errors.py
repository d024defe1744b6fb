"""The one error type extraction raises: its message is Vietnamese and meant for the user."""


class ExtractError(Exception):
    """Input that cannot be read or understood. `str(exc)` is a one-line Vietnamese message."""
