"""Tasks as lists and exports show them: with their document, but not the document's body.

A document's full text and its extraction JSON run to hundreds of kilobytes; a list row
shows the document's number, subject and confidentiality only. Every page, export and
command that lists tasks with their document goes through `with_document`.
"""

DOCUMENT_BODY = ("text", "extraction")


def with_document(queryset, via: str = "document"):
    """`queryset` with the document joined (`via`: the path to it), its text and extraction left out."""
    return queryset.select_related(via).defer(*(f"{via}__{name}" for name in DOCUMENT_BODY))
