"""The refusal of an import, review or confirm step; the message is Vietnamese, for the person."""

from dieuhanh.documents.services.registry import DocumentError


class DraftError(DocumentError):
    """A review or confirm step that cannot be done; `problems` are those that stopped it."""

    def __init__(self, message: str, problems: list | None = None):
        super().__init__(message)
        self.problems = problems or []
