"""A zip bomb uploaded as a .docx gets the usual one-line refusal, and the server stays under 300 MB.

The upload runs in a child process whose address space is capped at 2 GB, so a
server without the guard fails this test with a MemoryError instead of taking
the shared machine's memory.
"""

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.pure

PARAGRAPH = (
    b"<w:p><w:r><w:t>Ph\xc3\xb2ng V\xc4\x83n h\xc3\xb3a th\xe1\xbb\xb1c hi\xe1\xbb\x87n.</w:t></w:r></w:p>"
)


def write_bomb(path: Path, inflated_mb: int) -> None:
    """A real .docx (python-docx's template) whose document.xml inflates to `inflated_mb` MB.

    Written in a stream: the test itself never holds the inflated text.
    """
    template = io.BytesIO()
    docx.Document().save(template)
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in source.infolist():
            if item.filename != "word/document.xml":
                bomb.writestr(item, source.read(item))
        with bomb.open("word/document.xml", "w", force_zip64=True) as xml:
            xml.write(
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            )
            chunk = PARAGRAPH * (1024 * 1024 // len(PARAGRAPH))
            for _ in range(inflated_mb):
                xml.write(chunk)
            xml.write(b"</w:body></w:document>")


UPLOAD = """
import json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.test import Client
from dieuhanh.org.constants import Role, UnitKind
from dieuhanh.org.models import Membership, Unit, User
commune = Unit.objects.create(kind=UnitKind.COMMUNE, name="Ủy ban nhân dân xã Thử", code="xa-thu")
tracker = User.objects.create_user("chuyenvien", full_name="Chuyên viên")
Membership.objects.create(user=tracker, unit=commune, role=Role.TRACKER)
client = Client(SERVER_NAME="localhost")
client.force_login(tracker)
def peak_kb():  # VmHWM, not ru_maxrss: Linux carries the parent's peak into ru_maxrss across exec
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
before = peak_kb()
with open(sys.argv[1], "rb") as f:
    response = client.post("/van-ban/nhap/", {"organisation": commune.pk, "uploads": [f]}, follow=True)
after = peak_kb()
from dieuhanh.documents.models import Document
print(json.dumps({"status": response.status_code, "body": response.content.decode(),
                  "peak_mb": (after - before) / 1024, "documents": Document.objects.count()}))
"""


def test_a_zip_bomb_docx_is_refused_in_one_line_under_300_mb(tmp_path):
    bomb = tmp_path / "ke-hoach.docx"
    write_bomb(bomb, inflated_mb=1024)
    assert bomb.stat().st_size < 20 * 1024 * 1024
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(DIEUHANH_DATA_DIR=str(tmp_path / "data"), DJANGO_SETTINGS_MODULE="dieuhanh.settings")
    result = subprocess.run(
        [sys.executable, "-c", UPLOAD, str(bomb)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["status"] == 200  # back on the upload page, the refusal among its messages
    assert 'class="msg-error">Tệp “ke-hoach.docx”:' in outcome["body"]
    assert "Traceback" not in outcome["body"]
    assert outcome["documents"] == 0
    assert outcome["peak_mb"] < 300, f"peak {outcome['peak_mb']:.0f} MB"
