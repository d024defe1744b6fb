#!/bin/sh
# Make sure Debian's chromium is at /usr/bin/chromium for the browser tests.
# Installs it with apt-get when we are root; otherwise stops with a clear message.
set -eu

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"

if [ -x "$CHROMIUM" ]; then
    exit 0
fi

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "== Cài chromium cho kiểm thử trình duyệt (apt-get install chromium) =="
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=300 update -q
    apt-get -o DPkg::Lock::Timeout=300 install -y -q chromium
    if [ -x "$CHROMIUM" ]; then
        exit 0
    fi
    echo "LỖI: đã cài gói chromium nhưng không thấy $CHROMIUM." >&2
    exit 1
fi

cat >&2 <<MSG
LỖI: không tìm thấy chromium tại $CHROMIUM, cần cho kiểm thử trình duyệt (tests/browser).
Error: chromium is missing at $CHROMIUM and this user cannot install it.
Cài bằng quyền root / install it as root:
    sudo apt-get install -y chromium
hoặc đặt CHROMIUM_PATH tới một chromium có sẵn / or set CHROMIUM_PATH to an existing chromium.
MSG
exit 1
