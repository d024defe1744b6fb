"""Print the header fields the extractor reads from many documents, one row each, to review by eye.

    .venv/bin/python scripts/header_table.py DIR_OR_FILES... [--skip u006,u008] [--index index.tsv]
        [--fields type,number,date,issuer,signer,subject] [--empty]

Each row: file, then the fields asked for (default: type, number, date, issuer, signer, subject,
recipients count, secrecy/urgency). With ``--index`` (a tsv with columns file, kind, source_url,
as the crawled corpus has), a last column flags a type that differs from the page's kind and a
number whose digits are not in the source URL: the quickest things to look at first. ``--empty``
prints only rows where one of the main fields is empty. The last lines count the empty fields.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dieuhanh.extract.errors import ExtractError  # noqa: E402
from dieuhanh.extract.header import Header, parse_header  # noqa: E402
from dieuhanh.extract.load import load_path  # noqa: E402

MAIN_FIELDS = ("type", "number", "date", "issuer", "signer", "subject")


def fields_of(h: Header) -> dict[str, str]:
    return {
        "type": h.doc_type,
        "number": h.number or "",
        "date": h.date.strftime("%d/%m/%Y") if h.date else "",
        "issuer": h.issuer or "",
        "signer": h.signer or "",
        "subject": (h.subject or "")[:70],
        "recipients": str(len(h.recipients)),
        "stamps": "/".join(x for x in (h.confidentiality, h.urgency) if x != "thường"),
    }


def flags(row: dict[str, str], kind: str | None, url: str | None) -> str:
    out = []
    if kind and kind != row["type"]:
        out.append(f"kind={kind}")
    digits = row["number"].split("/")[0].split("-")[0]
    if url and digits and f"-{digits}-" not in url and f"-{digits.lstrip('0')}-" not in url:
        out.append("number∉url")
    return " ".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--skip", default="", help="file stems not to read, comma-separated")
    ap.add_argument("--index", help="tsv with columns file, kind, source_url")
    ap.add_argument("--fields", default=",".join([*MAIN_FIELDS, "recipients", "stamps"]))
    ap.add_argument("--empty", action="store_true", help="only rows with an empty main field")
    args = ap.parse_args()
    skip = {s for s in args.skip.split(",") if s}
    files = []
    for p in map(Path, args.paths):
        files += sorted(p.glob("*.txt")) if p.is_dir() else [p]
    index = {}
    if args.index:
        with open(args.index, encoding="utf-8") as f:
            index = {r["file"]: r for r in csv.DictReader(f, delimiter="\t")}
    wanted = args.fields.split(",")
    empty: Counter[str] = Counter()
    read = 0
    for path in files:
        if path.stem in skip:
            continue
        try:
            row = fields_of(parse_header(load_path(path, ocr=None).text))
        except ExtractError as exc:
            print(f"{path.stem}\tLỖI: {exc}")
            continue
        read += 1
        missing = [f for f in MAIN_FIELDS if not row[f]]
        empty.update(missing)
        if args.empty and not missing:
            continue
        meta = index.get(path.name, {})
        cells = [path.stem, *(row[f] for f in wanted), flags(row, meta.get("kind"), meta.get("source_url"))]
        print("\t".join(cells))
    print(f"# {read} documents; empty: " + ", ".join(f"{f} {empty[f]}" for f in MAIN_FIELDS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
