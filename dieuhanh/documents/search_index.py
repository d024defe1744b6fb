"""The folded words of each document for the registry's search: its số/ký hiệu, type, subject, issuer."""

from django.db import models

from dieuhanh.core.search import SearchIndex, search_key


class DocumentSearch(SearchIndex):
    document = models.OneToOneField(
        "documents.Document", on_delete=models.CASCADE, primary_key=True, related_name="search_index"
    )

    class Meta:
        verbose_name = "chỉ mục tìm kiếm văn bản"


def document_key(number: str, symbol: str, doc_type: str, subject: str, issuer: str) -> str:
    """Number and symbol first and side by side, so "165/KH-UBND" is one phrase of the index."""
    return search_key(number, symbol, doc_type, subject, issuer)


FIELDS = ("number", "symbol", "doc_type", "subject", "issuer")


def index_documents(documents) -> None:
    """(Re)write the index of `documents` (a queryset of Document), in two queries."""
    values = documents.values_list("pk", *FIELDS)
    rows = [DocumentSearch(document_id=pk, folded=document_key(*rest)) for pk, *rest in values]
    DocumentSearch.objects.bulk_create(
        rows, batch_size=2000, update_conflicts=True, unique_fields=["document"], update_fields=["folded"]
    )


def _document_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields is not None and not set(FIELDS) & set(update_fields)):
        return
    index_documents(sender.objects.filter(pk=instance.pk))


def connect_signals():
    from django.db.models.signals import post_save

    from dieuhanh.documents.models import Document

    post_save.connect(_document_saved, sender=Document, dispatch_uid="document_search_index")
