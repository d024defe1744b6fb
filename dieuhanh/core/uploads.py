"""A cap on the whole body of one request, checked before any file is read.

Django streams files above 2.5 MB to temporary files, so memory stays flat;
this handler keeps the disk safe too: a request whose Content-Length is over
settings.UPLOAD_MAX_REQUEST_BYTES is refused with a Vietnamese 400 before
its files are read.
"""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler

from dieuhanh.core.badinput import BadInput
from dieuhanh.core.sizes import megabytes, megabytes_limit


class RequestSizeLimitHandler(FileUploadHandler):
    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        limit = settings.UPLOAD_MAX_REQUEST_BYTES
        if content_length and content_length > limit:
            raise BadInput(
                f"Dữ liệu gửi lên ({megabytes(content_length)}) vượt giới hạn "
                f"{megabytes_limit(limit)} cho một lần gửi; hãy gửi bớt tệp."
            )

    def receive_data_chunk(self, raw_data, start):
        return raw_data

    def file_complete(self, file_size):
        return None
