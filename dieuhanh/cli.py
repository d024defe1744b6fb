"""The `dieuhanh` command: one entry point over the management commands.

`dieuhanh extract` is pure extraction and runs without Django, so scoring a
document costs no database or settings; every other sub-command is a Django
management command (`dieuhanh seed-demo` = `manage.py seed_demo`).
"""

import os
import sys

# Sub-commands whose Django command has another name ("import" is a Python keyword).
ALIASES = {"import": "import_documents"}

OVERVIEW = """\
dieuhanh — theo dõi nhiệm vụ từ văn bản chỉ đạo

Cách dùng: dieuhanh LỆNH [tham số]   (dieuhanh LỆNH --help để xem chi tiết)

  extract FILE...      trích nhiệm vụ, thời hạn, đơn vị từ văn bản (txt, docx, pdf, doc)
  import FILE...       nhập văn bản vào sổ, tạo bản nháp nhiệm vụ để rà soát
  import-tasks FILE    nhập nhiệm vụ từ tệp Excel theo mẫu
  report               lập báo cáo định kỳ (.docx, .xlsx), xếp loại, xuất danh sách
  remind               gửi nhắc việc (đôn đốc) đến hạn một lần rồi thoát
  worker               chạy nền: nhắc việc và báo cáo theo lịch
  serve                chạy máy chủ web
  migrate              tạo/cập nhật cơ sở dữ liệu
  seed-demo            nạp dữ liệu minh họa (chạy lại không nhân đôi)
  createuser           tạo người dùng và gán vai trò
  token                tạo, liệt kê, thu hồi mã truy cập API (create|list|revoke)
  package              gói báo cáo xã gửi tỉnh: xuất, nhận, khóa (export|import|key|keys|trust|revoke)
  backup               sao lưu CSDL, tệp tải lên và khóa bí mật vào một tệp .tar.gz
  restore TỆP          khôi phục từ bản sao lưu (dừng máy chủ và worker trước)
  help                 danh sách đầy đủ các lệnh quản trị của Django
"""


def main(argv: list[str] | None = None) -> None:
    from dieuhanh import cli_vietnamese

    cli_vietnamese.install()
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help"):
        sys.stdout.write(OVERVIEW)
        sys.exit(0)
    if argv[0] == "extract":
        from dieuhanh.extract.cli import main as extract_main

        sys.exit(extract_main(argv[1:]))
    if not argv[0].startswith("-"):
        argv[0] = ALIASES.get(argv[0], argv[0].replace("-", "_"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dieuhanh.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["dieuhanh", *argv])
