"""Errors of the API: JSON `{"code": ..., "message": ...}` with a stable code, a Vietnamese message
and the HTTP status that goes with it. Nothing reaches the client as a traceback."""

from django.conf import settings
from django.core.exceptions import BadRequest, RequestDataTooBig
from django.http import Http404
from ninja.errors import AuthenticationError, HttpError, ValidationError

from dieuhanh.tasks.services.errors import EvidenceRequired, NotAllowed, ServiceError


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def not_found(what: str) -> ApiError:
    """Something that does not exist or is not visible: the same answer, so existence is not revealed."""
    return ApiError(404, "not_found", f"Không tìm thấy {what}, hoặc bạn không có quyền xem.")


def invalid(message: str) -> ApiError:
    return ApiError(400, "invalid", message)


# Pydantic's error types, as a Vietnamese reader is told about them.
REASONS = {
    "missing": "thiếu giá trị",
    "int_parsing": "cần một số nguyên",
    "int_type": "cần một số nguyên",
    "bool_parsing": "cần true hoặc false",
    "bool_type": "cần true hoặc false",
    "date_parsing": "cần ngày dạng YYYY-MM-DD",
    "date_from_datetime_parsing": "cần ngày dạng YYYY-MM-DD",
    "date_type": "cần ngày dạng YYYY-MM-DD",
    "string_type": "cần một chuỗi ký tự",
    "string_too_long": "quá dài",
    "greater_than_equal": "quá nhỏ",
    "less_than_equal": "quá lớn",
    "literal_error": "không thuộc các giá trị cho phép",
    "list_type": "cần một danh sách",
    "json_invalid": "JSON không hợp lệ",
    "model_attributes_type": "cần một đối tượng JSON",
    "dict_type": "cần một đối tượng JSON",
    "extra_forbidden": "không được hỗ trợ",
}


def _validation_message(errors: list[dict]) -> str:
    parts = []
    for error in errors:
        where = ".".join(str(x) for x in error.get("loc", ())[1:]) or "nội dung"
        parts.append(f"{where}: {REASONS.get(error.get('type'), 'giá trị không hợp lệ')}")
    return "Tham số không hợp lệ — " + "; ".join(parts) + "."


def _validation_error(errors: list[dict]) -> tuple[int, str, str]:
    """A path whose id is out of range names nothing: the 404 of an id that does not exist (the
    route's converter already took only digits). Anything else the caller sent is a 400."""
    if errors and all(tuple(e.get("loc", ()))[:1] == ("path",) for e in errors):
        return 404, "not_found", "Không tìm thấy, hoặc bạn không có quyền xem."
    return 400, "invalid", _validation_message(errors)


# What django-ninja raises itself (a body that is not JSON, ...), by status.
HTTP_ERRORS = {
    400: ("invalid", "Nội dung yêu cầu không đọc được (cần JSON hợp lệ)."),
    403: ("forbidden", "Bạn không có quyền thực hiện thao tác này."),
    404: ("not_found", "Không tìm thấy, hoặc bạn không có quyền xem."),
    405: ("method_not_allowed", "Phương thức HTTP này không dùng được ở địa chỉ này."),
}


def install(api) -> None:
    def respond(request, status, code, message):
        return api.create_response(request, {"code": code, "message": message}, status=status)

    api.add_exception_handler(ApiError, lambda r, e: respond(r, e.status, e.code, e.message))
    api.add_exception_handler(
        AuthenticationError,
        lambda r, e: respond(
            r, 401, "unauthorized", "Cần mã truy cập hợp lệ: tiêu đề “Authorization: Bearer <mã>”."
        ),
    )
    api.add_exception_handler(ValidationError, lambda r, e: respond(r, *_validation_error(e.errors)))
    api.add_exception_handler(
        Http404, lambda r, e: respond(r, 404, "not_found", "Không tìm thấy, hoặc bạn không có quyền xem.")
    )
    # A request too big to read (core/uploads.py), refused before its files are read.
    api.add_exception_handler(BadRequest, lambda r, e: respond(r, 400, "invalid", str(e)))
    api.add_exception_handler(
        RequestDataTooBig,
        lambda r, e: respond(
            r,
            400,
            "invalid",
            f"Nội dung yêu cầu quá lớn (giới hạn {settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)} MB).",
        ),
    )
    api.add_exception_handler(NotAllowed, lambda r, e: respond(r, 403, "forbidden", str(e)))
    api.add_exception_handler(ServiceError, lambda r, e: respond(r, 400, "refused", str(e)))
    api.add_exception_handler(EvidenceRequired, lambda r, e: respond(r, 400, "evidence_required", str(e)))
    api.add_exception_handler(
        HttpError,
        lambda r, e: respond(r, e.status_code, *HTTP_ERRORS.get(e.status_code, HTTP_ERRORS[400])),
    )
