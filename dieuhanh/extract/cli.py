"""`dieuhanh extract`: print what a directive asks of whom, as text or JSON.

Kept light to import (no Django): the scorer starts one process per document.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, replace

from dieuhanh.extract.errors import ExtractError


class _VietnameseParser(argparse.ArgumentParser):
    """argparse with a Vietnamese one-line error and exit code 2."""

    def error(self, message: str) -> None:  # noqa: D401 - argparse API
        self.exit(2, f"Lỗi tham số: {message}. Xem: dieuhanh extract --help\n")


def _parser() -> argparse.ArgumentParser:
    p = _VietnameseParser(
        prog="dieuhanh extract",
        description="Trích nhiệm vụ từ văn bản chỉ đạo (txt, docx, pdf).",
        add_help=False,
    )
    p.add_argument("files", nargs="+", metavar="TỆP", help="văn bản cần trích")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="in một đối tượng JSON")
    fmt.add_argument("--jsonl", action="store_true", help="in mỗi văn bản một dòng JSON")
    p.add_argument("--directory", metavar="units.json", help="danh mục đơn vị (JSON) để đối chiếu tên")
    p.add_argument("-h", "--help", action="help", help="hiện hướng dẫn này")
    return p


def _load_directory(path: str):
    from dieuhanh.extract.units import UnitDirectory

    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except OSError as exc:
        raise ExtractError(f"Không đọc được danh mục đơn vị “{path}”: {exc.strerror or exc}.") from exc
    except ValueError as exc:
        raise ExtractError(f"Danh mục đơn vị “{path}” không phải JSON hợp lệ.") from exc
    entries = data.get("units", data) if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise ExtractError(f"Danh mục đơn vị “{path}” phải là một danh sách đơn vị.")
    return UnitDirectory.from_entries(entries)


def _with_pages(data: dict, loaded) -> dict:
    """The JSON of an extraction plus how the text was read: "ocr" is true when some of it was
    recognised from scanned pages; "pages" gives each PDF page's span and how it was read."""
    return {**data, "ocr": loaded.ocr, "pages": [asdict(page) for page in loaded.pages]}


def main(argv: list[str]) -> int:
    """Run the command; return the exit code (0 ok, 2 unreadable input or bad arguments)."""
    args = _parser().parse_args(argv)
    if args.json and len(args.files) > 1:
        sys.stderr.write("Lỗi tham số: --json chỉ nhận một tệp; dùng --jsonl cho nhiều tệp.\n")
        return 2
    from dieuhanh.extract.load import load_path
    from dieuhanh.extract.output import to_json_dict, to_text
    from dieuhanh.extract.pipeline import extract

    out = sys.stdout
    if hasattr(out, "reconfigure"):
        out.reconfigure(encoding="utf-8")
    try:
        directory = _load_directory(args.directory) if args.directory else None
        for n, path in enumerate(args.files):
            loaded = load_path(path)
            result = extract(loaded.text, directory)
            result = replace(result, warnings=(*loaded.warnings, *result.warnings))
            if args.json or args.jsonl:
                out.write(json.dumps(_with_pages(to_json_dict(result), loaded), ensure_ascii=False))
                out.write("\n")
            else:
                if n:
                    out.write("\n" + "=" * 60 + "\n")
                out.write(to_text(result) + "\n")
            out.flush()
    except ExtractError as exc:
        sys.stderr.write(f"{exc}\n")
        return 2
    return 0
