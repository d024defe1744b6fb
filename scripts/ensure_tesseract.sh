#!/bin/sh
# Make sure Tesseract and its Vietnamese model are installed: scanned PDFs are read by OCR.
# Installs Debian's tesseract-ocr and tesseract-ocr-vie with apt-get when we are root;
# otherwise stops with a clear message.
set -eu

has_vietnamese() {
    command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx vie
}

if has_vietnamese; then
    exit 0
fi

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "== Cài Tesseract OCR tiếng Việt để đọc PDF bản scan (apt-get install tesseract-ocr tesseract-ocr-vie) =="
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=300 update -q
    apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends tesseract-ocr tesseract-ocr-vie
    if has_vietnamese; then
        exit 0
    fi
    echo "LỖI: đã cài gói tesseract-ocr, tesseract-ocr-vie nhưng tesseract chưa có mô hình tiếng Việt (vie)." >&2
    exit 1
fi

cat >&2 <<MSG
LỖI: chưa có Tesseract với mô hình tiếng Việt, cần để đọc PDF bản scan (OCR).
Error: tesseract with its Vietnamese model (vie) is missing and this user cannot install it.
Cài bằng quyền root / install it as root:
    sudo apt-get install -y tesseract-ocr tesseract-ocr-vie
MSG
exit 1
