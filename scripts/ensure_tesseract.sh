#!/bin/sh
# Make sure Tesseract and its Vietnamese model are installed: scanned PDFs are read by OCR.
# Installs Debian's tesseract-ocr and tesseract-ocr-vie with apt-get when we are root;
# otherwise stops with a clear message. With --optional (make install, make run) a missing
# Tesseract is a warning: the rest of the system works, scanned PDFs are refused.
set -eu

OPTIONAL=0
LABEL="LỖI"
if [ "${1:-}" = "--optional" ]; then
    OPTIONAL=1
    LABEL="CẢNH BÁO"
fi

has_vietnamese() {
    command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx vie
}

if has_vietnamese; then
    exit 0
fi

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "== Cài Tesseract OCR tiếng Việt để đọc PDF bản scan (apt-get install tesseract-ocr tesseract-ocr-vie) =="
    export DEBIAN_FRONTEND=noninteractive
    if apt-get -o DPkg::Lock::Timeout=300 update -q \
        && apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends \
            tesseract-ocr tesseract-ocr-vie \
        && has_vietnamese; then
        exit 0
    fi
fi

cat >&2 <<MSG
$LABEL: chưa có Tesseract với mô hình tiếng Việt (vie), cần để nhận dạng chữ (OCR) trong PDF bản scan.
Error: tesseract with its Vietnamese model (vie) is missing and could not be installed.
Cài bằng quyền root / install it as root:
    sudo apt-get install -y tesseract-ocr tesseract-ocr-vie
MSG
if [ "$OPTIONAL" = "1" ]; then
    echo "Hệ thống vẫn chạy; chỉ các PDF bản scan sẽ bị từ chối cho đến khi cài Tesseract." >&2
    exit 0
fi
exit 1
