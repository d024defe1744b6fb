"""The subject (trích yếu): after "V/v" in a công văn, under the title line of other types
("KẾ HOẠCH" / "Chuyển đổi số ..."), or on the line after the number ("Về việc ...")."""

from __future__ import annotations

import re

from dieuhanh.extract.citations import squash
from dieuhanh.extract.header.model import Findings
from dieuhanh.extract.header.place_date import DATE_LINE
from dieuhanh.extract.header.recipients import KINH_GUI
from dieuhanh.extract.header.text import Line, continued_block, runs_on, upper_text
from dieuhanh.extract.header.vocabulary import ACRONYMS

VV = re.compile(r"^(?:V/v|V/V|v/v)\.?\s*:?\s*")
_BODY_OPENING = re.compile(r"^(?:Căn cứ|Thực hiện|Triển khai|[IVX]+\.|\d+\.)")


def read_vv(found: Findings, text: str, lines: list[Line], i: int, first: str) -> int:
    """The subject after "V/v" on line ``i``; returns the index of the line after it. A subject set
    in italics or bold runs to the line that closes the emphasis, capitals or not ("*V/v đẩy
    nhanh Dự án cao tốc" / "Bến Lức - Long Thành*"); a date line met on the way ends it."""
    parts, j = continued_block(lines, i, first)
    j = max(j, _emphasis_end(text, lines, i))
    parts = [first, *(line.text for line in lines[i + 1 : j])]
    subject = squash(" ".join(parts))
    dm = DATE_LINE.search(subject)
    if dm:
        subject = squash(subject[: dm.start()])
        j = next((k for k in range(i + 1, j) if DATE_LINE.search(lines[k].text)), j)
    found.set("subject", subject, f"Trích yếu sau «V/v»: «{subject}»")
    found.values["vv_layout"] = True
    return j


_EMPHASIS_LINES = 6  # an emphasised subject longer than this is a damaged markup


def _emphasis_end(text: str, lines: list[Line], i: int) -> int:
    """When line ``i`` opens an emphasis (``*`` or ``**``) that it does not close, the index of
    the line after the one that closes it; else ``i + 1``."""
    if len(re.findall(r"\*+", text[lines[i].start : lines[i].end])) % 2 == 0:
        return i + 1
    for k in range(i + 1, min(len(lines), i + 1 + _EMPHASIS_LINES)):
        if len(re.findall(r"\*+", text[lines[k].start : lines[k].end])) % 2 == 1:
            return k + 1
    return i + 1


def read_subject_under_number(found: Findings, lines: list[Line], i: int) -> int:
    """ "Về việc ..." on the line after the number; returns the index of the line after it."""
    parts, j = continued_block(lines, i, lines[i].text)
    subject = squash(" ".join(parts))
    found.set("subject", subject, f"Trích yếu dưới số, ký hiệu: «{subject}»")
    return j


def read_subject_after_title(found: Findings, lines: list[Line], i: int, first: str) -> int:
    """ "THÔNG BÁO Về việc ..." on line ``i``: the subject is the rest of it and the lines that go
    on with it; returns the index of the line after it."""
    parts, j = continued_block(lines, i, first)
    _set_title_subject(found, " ".join(parts), "Trích yếu cùng dòng với tên loại văn bản")
    found.values["subject_done"] = True
    return j


def read_title_subject(found: Findings, text: str, lines: list[Line], i: int) -> int:
    """The subject under a title line ("KẾ HOẠCH" / "Chuyển đổi số ...") from line ``i``: upper-case
    lines, or the lines of one bold run; returns the index of the line after it."""
    while i < len(lines) and not lines[i].text:
        i += 1
    parts: list[str] = []
    bold_subject = None
    while i < len(lines):
        t = lines[i].text
        raw = text[lines[i].start : lines[i].end].strip()
        if not t:
            k = i
            while k < len(lines) and not lines[k].text:
                k += 1
            if parts and k < len(lines) and _goes_on(parts[-1], lines[k].text):
                i = k
                continue
            break
        if parts and not runs_on(parts[-1], t):
            bold = raw.startswith("**")
            if "điện:" in t or (bold and bold_subject is False) or KINH_GUI.match(t):
                break
        if not parts:
            if _BODY_OPENING.match(t):
                break
            bold_subject = raw.startswith("**")
        if parts and not upper_text(t) and upper_text(parts[-1]):
            break
        parts.append(t)
        i += 1
    if parts:
        _set_title_subject(found, " ".join(parts), "Trích yếu dưới tên loại văn bản")
    found.values["subject_done"] = True
    return i


# Words that open the next part of a subject in capitals ("CỦA ĐỒNG CHÍ …" / "TẠI HỘI NGHỊ …").
_LINKS = ("TẠI", "VỀ", "CỦA", "TRÊN", "ĐẾN", "NĂM", "GIAI ĐOẠN", "CHO", "TRONG", "VÀ", "THEO", "VỚI")


def _goes_on(last: str, following: str) -> bool:
    """Whether the subject goes on past a blank line: the next line goes on in lower case, the
    last one stopped mid-phrase, or a subject in capitals goes on with a linking word."""
    return (
        following[:1].islower()
        or runs_on(last, following)
        or upper_text(last)
        and upper_text(following)
        and following.startswith(tuple(f"{w} " for w in _LINKS))
    )


def _set_title_subject(found: Findings, raw: str, how: str) -> None:
    raw = VV.sub("", squash(raw))  # "V/V TẬP TRUNG …" under a công điện's title
    if "subject" not in found.values and upper_text(raw):
        found.values["subject_in_capitals"] = True  # to be recased from the document's own words
    subject = sentence_case(raw)
    doc_type = found.get("doc_type")
    if isinstance(doc_type, str) and subject.lower().startswith("của "):
        subject = f"{doc_type} {subject[:1].lower()}{subject[1:]}"  # "KẾT LUẬN" / "CỦA BỘ CHÍNH TRỊ …"
    found.set("subject", subject, f"{how}: «{squash(raw)}»")


_ROMAN = re.compile(r"^[IVXLC]+\W*$")


def _kept(word: str) -> bool:
    """Numbers, codes, acronyms and roman numerals ("khóa XVI") keep their capitals."""
    return any(c.isdigit() for c in word) or word in ACRONYMS or bool(_ROMAN.match(word))


def sentence_case(raw: str) -> str:
    """An upper-case title subject in sentence case; numbers and codes keep their letters."""
    text = squash(raw)
    if not upper_text(text):
        return text
    words = [w if _kept(w) else w.lower() for w in text.split()]
    text = " ".join(words)
    return text[:1].upper() + text[1:]
