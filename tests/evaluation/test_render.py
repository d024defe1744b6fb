"""The per-person sheet opens in LibreOffice: converted to PDF (and PNG with poppler) for a person to
look at; REPORT_RENDER_DIR keeps the files."""

import os
import shutil
import subprocess

import pytest

from tests.evaluation.test_views import client_of, june, sheet_of, url  # noqa: F401  (june: fixture)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed"),
]


def test_libreoffice_renders_the_sheet(client, june, tmp_path):  # noqa: F811
    out_dir = os.environ.get("REPORT_RENDER_DIR") or str(tmp_path)
    c = client_of(client, june, "hoa")
    path = os.path.join(out_dir, "phieu-danh-gia.docx")
    with open(path, "wb") as fh:
        fh.write(c.get(url("sheet_file", sheet_of(june, "hoa").pk, "docx")).content)
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo"]
        + ["--convert-to", "pdf", "--outdir", out_dir, path],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = os.path.join(out_dir, "phieu-danh-gia.pdf")
    assert os.path.getsize(pdf) > 10_000
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "60", pdf, os.path.join(out_dir, "phieu")], check=True)
