"""Without SMTP, e-mail is a file under data/mail/ and one readable line (issue 14, item 12)."""

import email

from django.core import mail

from dieuhanh.core.mail import FolderEmailBackend
from dieuhanh.site.management.commands.serve import served_url


def test_each_message_is_an_eml_file_and_one_line(settings, tmp_path, capsys):
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    message = mail.EmailMessage(
        "[dieuhanh] Nhắc việc: 3 nhiệm vụ quá hạn", "Kính gửi đồng chí …", to=["canbo@demo.dieuhanh.vn"]
    )
    assert FolderEmailBackend().send_messages([message]) == 1
    [path] = (tmp_path / "mail").glob("*.eml")
    parsed = email.message_from_bytes(path.read_bytes())
    assert parsed["To"] == "canbo@demo.dieuhanh.vn"
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    assert "canbo@demo.dieuhanh.vn" in out and "Nhắc việc: 3 nhiệm vụ quá hạn" in out and str(path) in out
    assert "MIME-Version" not in out and "Content-Type" not in out


def test_the_default_backend_without_smtp_writes_files():
    from dieuhanh import settings as defaults

    if not defaults.EMAIL_HOST:
        assert defaults.EMAIL_BACKEND == "dieuhanh.core.mail.FolderEmailBackend"
        assert defaults.EMAIL_FILE_PATH == defaults.DATA_DIR / "mail"


def test_links_use_the_address_actually_served():
    assert served_url("127.0.0.1", 8731) == "http://127.0.0.1:8731"
    assert served_url("0.0.0.0", 9000) == "http://127.0.0.1:9000"
    assert served_url("::1", 9000) == "http://[::1]:9000"
