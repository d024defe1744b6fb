"""Passages that read like duties but are not tasks, each rule with the reason shown to the reviewer.

The labelling rules exclude preambles, statements of responsibility or
attitude, general compliance, principles, conditionals, encouragements, calls
to carry out "this plan", promulgation and enforcement clauses, goals, and
lists of cited documents. Every rule is one pattern over the folded duty text
(diacritics removed), so it reads the way the drafters write; the first rule that matches
gives the reason.
"""

from __future__ import annotations

import re

from dieuhanh.vn.fold import fold

_DOC = r"(?:cong van|ke hoach|quyet dinh|thong bao|nghi quyet|chi thi|van ban|chi dao|y kien|luat|nghi dinh|thong tu|chuong trinh|cong dien|ket luan|de an)"

# (pattern over the folded duty, reason shown to the reviewer), tried in this order.
_RULE_TEXTS: tuple[tuple[str, str], ...] = (
    (
        rf"^(?:can cu|thuc hien|trien khai thuc hien|theo|nham|de|tiep theo) {_DOC}\b(?! nay\b)",
        "Đoạn căn cứ, mở đầu.",
    ),
    (r"^can cu (?:luat|nghi dinh|quyet dinh|thong tu|nghi quyet)", "Đoạn căn cứ pháp lý."),
    (
        rf"^(?:can cu (?:vao )?(?:chuc nang|nhiem vu|noi dung)[^;.]{{0,40}}?,?\s*)?(?:chu dong |nghiem tuc |khan truong )?(?:to chuc |trien khai )?"
        rf"(?:trien khai |to chuc )?thuc hien (?:nghiem tuc |hieu qua )?(?:cac noi dung )?{_DOC}(?! so)(?! \d)",
        "Lời kêu gọi chung triển khai văn bản này.",
    ),
    (
        rf"^(?![^.;]{{0,60}}?(?:kinh phi|ngan sach|du toan|nguon von|theo doi, don doc))"
        rf"[^.;]{{0,60}}?(?:trien khai|to chuc|thuc hien) (?:thuc hien )?(?:kip thoi,? )?(?:[a-z ]{{0,20}})?{_DOC} nay\b[^;]{{0,60}}"
        # "…; kịp thời báo cáo UBND tỉnh (qua Sở X) để xem xét, chỉ đạo giải quyết./.": the problems
        # that may arise, not a report with a content or a date of its own.
        rf"(?:;\s*(?:kip thoi )?bao cao [^;]{{0,120}}? de (?:xem xet|chi dao|giai quyet|xu ly)[^;]{{0,40}})?$",
        "Lời kêu gọi chung triển khai văn bản này.",
    ),
    (
        r"^(?:to chuc )?(?:trien khai|thuc hien)(?: va (?:to chuc )?thuc hien)? (?:co hieu qua |nghiem tuc |tot )?"
        r"(?:cac )?(?:noi dung|nhiem vu|yeu cau) (?:neu |de ra )?(?:o )?tren\b[^;.]{0,60}(?:\.|$)",
        "Lời kêu gọi chung thực hiện các nội dung trên.",
    ),
    # "(Đề nghị các đơn vị) khẩn trương triển khai thực hiện./.", "quan tâm, chỉ đạo triển khai thực
    # hiện có hiệu quả các nội dung trên": a closing call with nothing of its own to do.
    (
        r"^(?:(?:khan truong|nghiem tuc|quan tam|chi dao|chu dong|kip thoi|tap trung|phoi hop),? )*"
        r"(?:to chuc )?(?:trien khai|thuc hien)(?:,? (?:thuc hien|trien khai))?"
        r"(?: (?:co hieu qua|hieu qua|nghiem tuc|day du|kip thoi|tot|dong bo),?)*"
        r"(?: (?:cac |nhung )?(?:noi dung|nhiem vu|yeu cau)(?: (?:neu|de ra))?(?: o)? tren)?\W*$",
        "Lời kêu gọi chung thực hiện.",
    ),
    (r"^(?:nang cao|quan triet) trach nhiem (?:cua )?nguoi dung dau", "Nêu trách nhiệm, thái độ."),
    (
        r"^(?:[^.;]{0,300}?)chiu trach nhiem (?:truoc|toan dien|ca nhan|giai trinh)",
        "Nêu trách nhiệm, không phải việc cụ thể.",
    ),
    (r"^chiu trach nhiem (?:ve|thi hanh)", "Nêu trách nhiệm, không phải việc cụ thể."),
    (
        r"^(?:quyet tam|nhan thuc ro|nang cao nhan thuc,? quyet tam|huy dong toi da nguon luc,? quyet tam)",
        "Nêu quyết tâm, thái độ.",
    ),
    (r"^(?:tap the [^.;]{0,150}?)?nhan thuc ro", "Nêu nhận thức, thái độ."),
    (
        r"^(?:thuc hien|chap hanh) nghiem (?:tuc )?(?:cac |viec )?(?:quy dinh|chi dao|che do quan ly|luat)",
        "Yêu cầu tuân thủ chung.",
    ),
    (r"^nghiem tuc thuc hien (?:dung )?(?:cac )?quy dinh", "Yêu cầu tuân thủ chung."),
    (r"^thuc hien (?:dung |day du )?(?:cac )?quy dinh (?:ve|cua|phap luat)", "Yêu cầu tuân thủ chung."),
    (
        r"^co trach nhiem (?:to chuc,? )?thuc hien (?:hieu qua )?(?:va )?chap hanh",
        "Yêu cầu tuân thủ chung.",
    ),
    (r"^(?:tuan thu|chap hanh|nghiem cam|thuc hien day du quyen)", "Yêu cầu tuân thủ chung."),
    (
        r"^[^.;]{0,200}?co trach nhiem (?:to chuc,? )?(?:thuc hien (?:hieu qua )?(?:va )?)?(?:tuan thu|chap hanh|thuc hien nghiem)",
        "Yêu cầu tuân thủ chung.",
    ),
    (
        r"^(?:trong qua trinh [^;.]{0,80}?,\s*)?uu tien (?:mua sam|su dung|lua chon|bo tri)",
        "Nguyên tắc, định hướng.",
    ),
    (r"^thuc hien (?:theo )?nguyen tac", "Nguyên tắc, định hướng."),
    (r"^viec [^.;]{0,80}? phai (?:bao dam|dam bao)", "Nguyên tắc, định hướng."),
    (r"^lua chon (?:tu van|nha thau)[^.;]{0,40}co du nang luc", "Tiêu chí lựa chọn, nguyên tắc."),
    (r"^tap trung thao go", "Lời hô hào tháo gỡ khó khăn chung."),
    (r"^(?:truong hop|neu|trong truong hop|khi (?:co|phat hien|xay ra))\b", "Yêu cầu có điều kiện."),
    (
        r"^trong qua trinh [^,;.]{0,80}?,? (?:neu|truong hop)\b",
        "Yêu cầu có điều kiện.",
    ),
    (r"\(neu co nhu cau\)", "Yêu cầu có điều kiện."),
    (r"^khuyen khich\b", "Khuyến khích, không phải nhiệm vụ."),
    # "Thi đua thực hiện tốt …": a theme of an emulation campaign, with no product to check.
    (r"^thi dua\b", "Nội dung thi đua, không phải nhiệm vụ."),
    (
        r"^han che\b[^.;]{0,80}\b(?:nguoi dan|nhan dan|ho gia dinh|to chuc, ca nhan)",
        "Hạn chế đối với người dân, không phải nhiệm vụ.",
    ),
    (r"^tren day la\b", "Câu kết của văn bản."),
    (r"^(?:ban hanh kem theo|phe duyet kem theo)", "Điều khoản ban hành, phê duyệt."),
    (r"(?:quyet dinh|ke hoach|chi thi) (?:nay )?co hieu luc", "Điều khoản hiệu lực."),
    (r"chiu trach nhiem thi hanh", "Điều khoản thi hành."),
    (r"^(?:phan dau|ty le|muc tieu)\b", "Mục tiêu, chỉ tiêu."),
    (r"^\d+(?:[.,]\d+)?\s*%", "Mục tiêu, chỉ tiêu."),
    (r"^day la\b", "Câu nêu tầm quan trọng, không phải nhiệm vụ."),
    (
        r"^(?:phoi hop voi [^.;]{0,80}? )?(?:to chuc )?(?:trien khai )?thuc hien (?:ke hoach|chi thi|nhiem vu)"
        r"(?: nay)? theo (?:dung )?(?:quy dinh|chuc nang)[^;]{0,80}$",
        "Lời kêu gọi chung triển khai văn bản này.",
    ),
    (r"^(?:tuy nhien|ben canh do|qua do|nhin chung)\b", "Đánh giá tình hình, không phải nhiệm vụ."),
    (
        r"^[^.;]{0,100}? de (?:lanh dao, chi dao|biet|bao cao|b/c|phoi hop)\W*$",
        "Dòng nơi nhận, không phải nhiệm vụ.",
    ),
    (
        rf"^(?:tren co so|can cu) [^.;]{{0,120}}?{_DOC} nay,? (?:to chuc )?(?:trien khai )?thuc hien",
        "Lời kêu gọi chung triển khai văn bản này.",
    ),
    (r"^buoc \d", "Mô tả bước của quy trình."),
    # "(Căn cứ Kế hoạch này, các sở …) nghiên cứu triển khai thực hiện, đảm bảo phù hợp với chức năng …".
    (
        r"^(?:chu dong )?(?:nghien cuu,? )?(?:to chuc )?trien khai(?:,? thuc hien)?,? (?:dam bao|bao dam) phu hop\b",
        "Lời kêu gọi chung triển khai văn bản này.",
    ),
    # "… căn cứ nội dung Quyết định để triển khai thực hiện nghiêm túc, đầy đủ, …".
    (
        rf"^can cu (?:vao )?(?:noi dung )?(?:cua )?{_DOC}(?: nay)?,? (?:de )?(?:to chuc )?(?:trien khai )?"
        r"(?:thuc hien )?(?:nghiem tuc|day du|kip thoi|hieu qua)\b[^;]{0,120}$",
        "Lời kêu gọi chung triển khai văn bản này.",
    ),
    (
        r"^(?:can cu (?:vao )?chuc nang,? nhiem vu[^;.]{0,30}?,\s*)?(?:khan truong |chu dong )?"
        r"(?:phoi hop (?:voi )?[^.;]{0,80}? )?(?:to chuc )?trien khai(?: thuc hien)? "
        r"(?:ke hoach|chi thi|cong van|cong dien|thong bao)(?: nay)?\b[^;]{0,60}(?:;[^;]{0,120})?$",
        "Lời kêu gọi chung triển khai văn bản này.",
    ),
    (r"^sau khi nghe\b", "Câu dẫn của thông báo kết luận."),
    (r"^quyet dinh (?!cac |nhung )\w", "Mô tả thẩm quyền, không phải nhiệm vụ."),
    (
        r"^(?:duoc|co) quyen\b|^duoc (?:phan cap|giao quyen|uy quyen)\b",
        "Mô tả thẩm quyền, không phải nhiệm vụ.",
    ),
    (r"co trach nhiem thi hanh", "Điều khoản thi hành."),
    # "… và các tổ chức, cá nhân có liên quan căn cứ Quyết định (này) thi hành/thực hiện./."
    (rf"\bcan cu (?:vao )?{_DOC}(?: nay)?,? (?:de )?(?:thi hanh|thuc hien)\W*$", "Điều khoản thi hành."),
    (r"^(?:tai|theo) (?:diem|khoan|dieu|muc) \w", "Trích dẫn quy định pháp luật."),
    (
        r"^quyet dinh (?:cac |nhung )?(?:van de|noi dung|viec) thuoc",
        "Mô tả thẩm quyền, không phải nhiệm vụ.",
    ),
    (
        # "Ban hành văn bản hướng dẫn/chỉ đạo …" is a unit's duty, not the issuer promulgating this text.
        r"^ban hanh (?:ke hoach|chi thi|quyet dinh|cong van|van ban(?! (?:chi dao|huong dan))|quy che|chuong trinh)",
        "Câu nêu việc ban hành văn bản này.",
    ),
    (r"^thong bao (?:de|cho|ket luan)", "Câu kết của thông báo."),
    (r"^xin (?:tran trong )?thong bao\b", "Câu kết của thông báo."),
    # "Bộ Tài chính có ý kiến như sau:" answers; "có ý kiến thẩm định/bằng văn bản về dự thảo …" is
    # a duty to give an opinion.
    (
        r"^(?:co y kien(?: chi dao)?(?: nhu sau\b| de\b|\s*:|\W*$)|(?:tra loi|thong bao ket qua|"
        r"xin (?:bao cao|tra loi|giai trinh))\b)",
        "Ý kiến trả lời của cơ quan ban hành, không giao việc.",
    ),
    (r"^(?:(?:sang|chieu|toi) )?ngay \d[^.;]{0,200}? da \w", "Đoạn tường thuật sự việc đã diễn ra."),
    (
        r"^(?:cung (?:du|tham du|co mat)|tham du (?:buoi|cuoc|hoi)[^.;]{0,40}? co)\b",
        "Thành phần dự họp, không phải nhiệm vụ.",
    ),
    # A time span up to now, then "đã" + verb in the same clause: a report of what was done.
    (
        r"^[^.;]{0,250}?\b(?:thoi gian qua|den nay|vua qua|nam qua)\b[^.;]{0,250}? da \w",
        "Kết quả đã thực hiện.",
    ),
    (r"^(?:xin )?tran trong (?:thong bao|cam on)\b", "Câu kết của văn bản."),
    (r"^xin (?:trao doi|chan thanh cam on|cam on)\b", "Câu kết của văn bản."),
    # "(ii) Thủ tục gia hạn hộ chiếu …": the name of a procedure in a list, not a duty.
    (r"^(?:cac )?thu tuc\b", "Tên thủ tục hành chính, không phải nhiệm vụ."),
    (
        r"^(?:kip thoi |chu dong )?phan anh (?:cac |nhung )?(?:kho khan|vuong mac)",
        "Yêu cầu có điều kiện.",
    ),
    (r"^kinh (?:bao cao|trinh|gui)\b", "Câu kết của văn bản."),
    (r"^gui kem\b", "Câu giới thiệu tài liệu gửi kèm."),
    (
        r"^ngay \d{1,2}/\d{1,2}(?:/\d{4})?,? [^;]{0,80}? co (?:bao cao|van ban|cong van|to trinh)\b",
        "Đoạn tường thuật sự việc đã diễn ra.",
    ),
    (r"^(?:moi )?(?:thong tin )?(?:chi tiet )?(?:xin )?lien he\b", "Thông tin liên hệ, không phải nhiệm vụ."),
    (r"^ve (?:van de|noi dung) nay,? [^.;]{0,80}? da \w", "Kết quả đã thực hiện."),
    (
        r"^(?:to chuc )?(?:trien khai )?thuc hien (?:cac |tot )?nhiem vu duoc giao",
        "Lời kêu gọi chung thực hiện nhiệm vụ được giao.",
    ),
    (
        r"^(?:to chuc )?(?:trien khai )?thuc hien (?:cac )?nhiem vu (?:tai|theo) (?:phu luc|ke hoach)\W*(?:kem theo)?\W*$",
        "Lời dẫn tới phụ lục, không phải nhiệm vụ.",
    ),
    (
        r"^chu dong phoi hop [^.;]{0,150}? de (?:to chuc )?(?:trien khai )?(?:thuc hien)?\W*$",
        "Lời kêu gọi chung phối hợp triển khai.",
    ),
    (
        r"^(?:chu dong )?phoi hop (?:chat che )?(?:voi )?(?:(?!giai quyet|xu ly|thao go)[^.;]){0,80}? "
        r"trong qua trinh (?:to chuc )?(?:trien khai )?thuc hien\b(?! nhiem vu| viec| cac viec)",
        "Lời kêu gọi chung phối hợp triển khai.",
    ),
    (r"\(dat \d", "Kết quả đã đạt."),
    (
        r"^[^:;]{1,60}: (?:khong (?:cao|thap) hon |tang |giam |muc )?\d[\d.,]* ?(?:dong|trieu|ty|%)",
        "Dòng số liệu, không phải nhiệm vụ.",
    ),
    (r"^(?:tong so|tong gia tri|so luong|danh sach|danh muc)\b", "Nội dung báo cáo hoặc danh mục."),
    # "Ban Quản lý có tư cách pháp nhân, có con dấu …": the status of a body being set up.
    (
        r"^(?:la don vi [^.;]{0,60}?, )?co (?:tu cach phap nhan|con dau|tai khoan|chuc nang)\b",
        "Mô tả vị trí, chức năng, không phải nhiệm vụ.",
    ),
    # "…: chọn cử tối đa 05 người": a quota for each body, not a duty with a product.
    # "…: Không quá 05 cá nhân", "Mỗi đoàn xét chọn 01 cá nhân/01 đoàn": an award or delegate quota.
    (
        r"^(?:[^.;:]{0,100}:\s*)?(?:moi \w+(?: \w+)? )?(?:(?:xet )?chon |de nghi )?(?:cu )?"
        r"(?:(?:toi da|khong qua|toi thieu) \d+ (?:ca nhan|tap the|nguoi)\b"
        r"|\d+ (?:ca nhan|tap the|nguoi)\b[^.;]{0,30}[.;]?$)",
        "Định mức số lượng, không phải nhiệm vụ.",
    ),
)
# "đã" + verb: something already done ("đã tập trung lãnh đạo"), not "đã được phê duyệt".
_PAST = re.compile(
    r"^[^.;]{0,80}?\bđã (?:(?!được\b|có\b)\w|có (?:[Vv]ăn bản|[Cc]ông văn|[Qq]uyết định|[Tt]ờ trình|ý kiến)\b)"
)
_NUMERIC_WORD = re.compile(r"\S*\d\S*")
# A verb of duty before "đã" makes it a participle of the object ("thu hồi giấy phép đã cấp",
# "theo Quy chế đã ban hành"), not a past result.
_DUTY_VERB = re.compile(
    r"\b(?:[Rr]à soát|[Tt]hu hồi|[Tt]riển khai|[Tt]hực hiện|[Tt]ổ chức|[Kk]iểm tra|[Hh]ướng dẫn|[Cc]ập nhật|"
    r"[Tt]ổng hợp|[Bb]áo cáo|[Xx]ử lý|[Hh]oàn thiện|[Ss]ửa đổi|[Đđ]ôn đốc|[Tt]heo dõi|[Cc]ông khai)\b"
)


def _duty_before(text: str) -> bool:
    return _DUTY_VERB.search(text) is not None


def _mostly_figures(key: str, words: int) -> bool:
    """Whether more than half of the ``words`` words of ``key`` hold a digit."""
    return len(_NUMERIC_WORD.findall(key)) * 2 > words


# A list entry naming a document ("Nghị định số 214/2025/NĐ-CP …"); on the raw text: "số" ≠ "Sở".
_CITED_DOCUMENT = re.compile(
    r"(?:Các |Ý kiến(?: chỉ đạo)? [^.;:]{0,60}? (?:tại|theo) )?"
    r"(?:Luật|Bộ luật|Nghị định|Thông tư(?: liên tịch)?|Quyết định|Chỉ thị|Nghị quyết|Kế hoạch|Công văn|"
    r"Thông báo|Công điện|Văn bản|Chương trình|Đề án)[^.;]{0,60}?\bsố\b"
)
_EXHORTATION = re.compile(r"nghiem tuc (?:trien khai,? )?(?:thuc hien|trien khai)")


_RULES = tuple((re.compile(pattern), reason) for pattern, reason in _RULE_TEXTS)


def not_task_reason(duty: str) -> str | None:
    """Why the duty text (subject removed) is not a task, or None when it may be one."""
    key = fold(duty[:400]).lstrip(" :,-")
    past = _PAST.search(duty[:120])
    if past and not _duty_before(duty[: past.end()]):
        return "Kết quả đã thực hiện."
    if _CITED_DOCUMENT.match(duty):
        return "Danh mục văn bản được dẫn."
    if duty.lstrip(" :,-").startswith(("“", '"', "...", "…")):
        return "Trích dẫn văn bản, không phải nhiệm vụ."
    for rule, reason in _RULES:
        if rule.search(key):
            return reason
    # ``key`` is folded: its words are separated by single spaces, with none at either end.
    words = key.count(" ") + 1 if key else 0
    if _mostly_figures(key, words):
        return "Dòng số liệu, không phải nhiệm vụ."
    if words < 4:
        return "Quá ngắn để là một nhiệm vụ."
    if _EXHORTATION.search(key) and (words < 25 or key.endswith("./.")):
        return "Lời yêu cầu chung nghiêm túc thực hiện."
    return None
