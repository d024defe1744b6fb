"""/healthz for load balancers and monitoring: answers only when the database answers."""

import logging

from django.db import DatabaseError, connection
from django.http import HttpResponse

logger = logging.getLogger(__name__)


def healthz(request):
    """200 "ok: database" after a query round trip; 503 when the database does not answer."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        logger.error("Kiểm tra sức khỏe: cơ sở dữ liệu không phản hồi: %s", exc)
        return HttpResponse(
            "error: database unavailable (cơ sở dữ liệu không phản hồi)\n",
            status=503,
            content_type="text/plain",
        )
    return HttpResponse(f"ok: database {connection.vendor} answered\n", content_type="text/plain")
