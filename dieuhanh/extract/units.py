"""Unit names in directive text, and resolving them against a directory of known units.

A Vietnamese public body is named by a head word (Sở, Phòng, Ban, Bộ, UBND,
Công an, Trung tâm ...) followed by its field or place, written with each
word's first syllable capitalised ("Sở Văn hóa, Thể thao và Du lịch") or in
plain lower case for collectives ("các cơ quan, đơn vị thuộc UBND xã"). A
name ends where the duty starts: at a lower-case verb ("chủ trì", "rà soát",
"tổng hợp"), a colon, or the next unit of a list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from dieuhanh.extract.normalize import LOWER, UPPER
from dieuhanh.vn.fold import fold_key

# Heads that name a unit whatever follows them.
_FREE_HEADS = (
    "Ủy ban nhân dân",
    "Uỷ ban nhân dân",
    "Ủy ban Nhân dân",
    "UBND",
    "HĐND",
    "Hội đồng nhân dân",
    "Ủy ban Mặt trận Tổ quốc",
    "Ủy ban Mặt trận tổ quốc",
    "Uỷ ban Mặt trận Tổ quốc",
    "Ủy ban MTTQ",
    "Uỷ ban MTTQ",
    "MTTQ",
    "Mặt trận Tổ quốc",
    "Công an",
    "Đảng ủy",
    "Đảng uỷ",
    "Thanh tra",
    "Bảo hiểm xã hội",
    "Kho bạc",
    "Tổ công nghệ số",
    "Tổ chuyển đổi số",
    "Tổ công tác",
    "Đoàn Thanh niên",
    "Đoàn thanh niên",
    "Phó Thủ tướng",
    "Doanh nghiệp",
    "Hội đồng",
    "Báo và Phát thanh",
    "Báo và Phát thanh, Truyền hình",
    "Ban quản lý",
    "Ban chỉ đạo",
    "Ban thường vụ",
    "Ban tổ chức",
    # Heads written in lower case after their first word.
    "Đài truyền thanh",
    "Đài phát thanh",
    "Trạm y tế",
    "Trung tâm y tế",
    "Tiểu ban",
    "Tổ dân phố",
    "Hợp tác xã",
    # Courts and procuracies are named by level in lower case ("Tòa án nhân dân tối cao").
    "Tòa án nhân dân",
    "Toà án nhân dân",
    "Viện kiểm sát nhân dân",
    "Viện Kiểm sát nhân dân",
)
# Heads that need a capitalised word (or an abbreviation) after them: "Ban Quản lý", not "Ban hành".
_CAP_HEADS = (
    "Văn phòng",
    "Trung tâm",
    "Chi cục",
    "Tổng cục",
    "Học viện",
    "Đại học",  # "Đại học Quốc gia Hà Nội", "Đại học Huế"
    "Hiệp hội",
    "Liên minh",
    "Liên đoàn",
    "Ngân hàng",
    "Tổng công ty",
    "Tập đoàn",
    "Công ty",
    "Trạm",
    "Trường",
    "Sở",
    "Phòng",
    "Ban",
    "Bộ",
    "Cục",
    "Vụ",
    "Viện",
    "Hội",
    "Đoàn",
    "Đài",
    "Báo",
    "Quỹ",
    "Đội",
    "Thôn",
    "Tòa án",
    "Thông tấn xã",
    "Viện kiểm sát",
    "Kiểm toán",
    "Ủy ban",  # "Ủy ban Kinh tế và Tài chính của Quốc hội", "Ủy ban Trung ương Mặt trận Tổ quốc"
    "Uỷ ban",
)
# Lower-case nouns that make "các X" a collective unit.
_COLLECTIVE_NOUNS = (
    "sở",
    "bộ",
    "ban",
    "ngành",
    "cơ quan",
    "đơn vị",
    "phòng",
    "địa phương",
    "doanh nghiệp",
    "tổ chức",
    "trường",
    "bộ phận",
    "công chức",
    "cơ sở",
    "thôn",
    "xã",
    "phường",
    "hội",
    "đoàn thể",
    "thành viên",
    "ngân hàng",
    "tỉnh",
    "huyện",
    "trung tâm",
    "chủ đầu tư",
    "tổng công ty",
    "công ty",
    "lực lượng",
    "viện",
    "cục",
    "vụ",
    "hiệp hội",
    "nhà cung cấp",
    "trưởng thôn",
    "tổ trưởng",
    "chủ rừng",
    "cấp ủy",
    "cấp uỷ",
    "hợp tác xã",
    "trạm y tế",
    "trung tâm y tế",
    "cơ sở y tế",
    "nhà trường",
    "tổ dân phố",
    "đài truyền thanh",
    "văn phòng",
    "Bộ",
    "Sở",
    "Ban",
    "Cục",
    "Vụ",
    "Tổng công ty",
    "Ngân hàng",
    "tập đoàn",
    "Tập đoàn",
)


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_HEAD = re.compile(
    rf"(?:(?:[Cc]ác|[Cc]ác cơ quan,?)\s+)?(?:(?P<free>{_alternation(_FREE_HEADS)})"
    rf"|(?P<cap>{_alternation(_CAP_HEADS)})(?=\s+(?:[{UPPER}]|&))"
    rf"|(?P<coll>(?<![A-Za-zÀ-ỹđĐ])(?:[Cc]ác|[Mm]ọi)\s+(?:{_alternation(_COLLECTIVE_NOUNS)})))"
    rf"(?![{LOWER}])"
)
_NOT_UNIT_AFTER_HEAD = re.compile(
    r"(?:Ban hành|Báo cáo|Tổ chức|Hội nghị|Hội thảo|Hội thi|Vụ việc|Đội ngũ|Bộ tiêu chí|Bộ chỉ số|"
    r"Bộ công cụ|Bộ câu hỏi|Bộ máy|Bộ luật|Bộ mẫu|Bộ dữ liệu|Bộ thủ tục|Phòng chống|Phòng, chống|"
    r"Phòng ngừa|Trường hợp|Công ty cổ phần hóa)"
)
_TITLE_WORDS = [
    "Giám đốc",
    "giám đốc",
    "Chủ tịch",
    "chủ tịch",
    "Thủ trưởng",
    "thủ trưởng",
    "Bộ trưởng",
    "bộ trưởng",
    "Hiệu trưởng",
    "hiệu trưởng",
    "Chánh Văn phòng",
    "Chánh văn phòng",
    "Chánh Thanh tra",
    "Người đứng đầu",
    "người đứng đầu",
    "Tổng Giám đốc",
    "Lãnh đạo",
    "lãnh đạo",
    "Cục trưởng",
    "Vụ trưởng",
    "Viện trưởng",
    "Tổng cục trưởng",
    "Trưởng phòng",
    "trưởng phòng",
    "Trưởng ban",
    "Trưởng",
    "trưởng",
    "Bí thư",
    "Thống đốc",
]
_TITLES = re.compile(
    r"(?:(?:các|Các)\s+)?(?:đồng chí\s+|Đồng chí\s+)?(?:(?:Phó|phó)\s+)?"
    rf"(?:{'|'.join(_TITLE_WORDS)})\s+"
)
# Lower-case words and phrases that end a unit name: the duty starts here.
_STOP_PHRASES = """
chủ trì|phối hợp|tập trung|tiếp tục|thực hiện|triển khai|rà soát|hướng dẫn|có|chịu|khẩn trương|nghiên cứu|
xây dựng|theo dõi|tham mưu|báo cáo|hoàn thành|chỉ đạo|căn cứ|bố trí|đẩy mạnh|tăng cường|kiểm tra|cung cấp|
gửi|phụ trách|là|được|nâng cao|quán triệt|thẩm định|tổng hợp|ban hành|kịp thời|cần|phải|giải quyết|chủ động|
đôn đốc|phát động|tiếp thu|xem xét|xử lý|khắc phục|hỗ trợ|bảo đảm|đảm bảo|huy động|tuyên truyền|làm|ký kết|ký số|cử|
lập|trình|đề xuất|tích cực|nghiêm túc|quan tâm|sớm|thường xuyên|định kỳ|tiến hành|vận hành|cập nhật|thu thập|
biên tập|sửa đổi|hoàn thiện|phát huy|duy trì|ứng dụng|đánh giá|thống nhất|tham gia|kết nối|mở|chi trả|
để|nhằm|theo|trong|về|khi|nếu|đã|đang|sẽ|không|cho|đối với|tại|với|từ|đến|trước|sau|ngay|kể từ|chậm nhất|
chỉ|tích hợp|số hóa|khai thác|sử dụng|giao(?! dịch)|đề nghị|yêu cầu|chuẩn bị|tiếp nhận|phê duyệt|công bố|
điều hành|giám sát|vận động|thông báo|trả lời|ưu tiên|lựa chọn|tháo gỡ|phổ biến|mời|phân công|
quyết định|gồm|bao gồm|như|hoặc|cùng|khảo sát|đào tạo|bồi dưỡng|tập huấn|xác định|kiện toàn|thành lập|
tổ chức thực hiện|tổ chức triển khai|tổ chức|nghiêm|quyết liệt|trực tiếp|làm việc|giúp|thay mặt|biểu dương|
thẩm tra|xin|nhận|đăng ký|lấy|đưa|chuyển|dành|tăng|giảm|hạn chế|khuyến khích|kính|
đổi mới|lãnh đạo|đẩy nhanh|nắm bắt|bám sát|trân trọng|cụ thể hóa|cụ thể hoá|trên cơ sở|
đi kiểm tra|đi làm việc|đi công tác|
"""
_STOP_LIST = sorted({p.strip() for p in _STOP_PHRASES.split("|") if p.strip()}, key=len, reverse=True)
_STOP = re.compile("(?:" + "|".join(_STOP_LIST) + f")(?![{LOWER}])")
_LEVEL_HEADS = (
    "Công an",
    "Thanh tra",
    "Ủy ban nhân dân",
    "Uỷ ban nhân dân",
    "UBND",
    "HĐND",
    "Hội đồng nhân dân",
    "Đảng ủy",
    "Đảng uỷ",
)
_LEVEL_WORDS = frozenset(
    [
        "xã",
        "phường",
        "tỉnh",
        "huyện",
        "thành",
        "phố",
        "quận",
        "thị",
        "trấn",
        "đặc",
        "khu",
        "các",
        "cấp",
        "trực",
        "thuộc",
        "trung",
        "ương",
        "hội",  # "Đảng ủy Quốc hội"
        "phủ",  # "Đảng ủy Chính phủ"
        "vực",  # "các tỉnh khu vực Trung Bộ"
    ]
)
_KEEP_LOWER = frozenset(["các", "và", "thuộc", "trực", "của", "trên", "địa", "bàn", "cấp"])
_JOINERS = ("và", "-", "–", "&")
# "Các trưởng thôn, tổ trưởng tổ dân phố": heads of villages act for them; not a title to drop.
_VILLAGE_HEAD = re.compile(r"(?:[Cc]ác )?(?:trưởng|Trưởng) (?:thôn|bản|ấp|khu phố)\b")
_COLLECTIVE_CONT = re.compile(
    r"(?:[Tt]ổng [Cc]ông ty|[Tt]ập đoàn|[Dd]oanh nghiệp|tổ trưởng|trưởng thôn|tổ dân phố|ban|ngành|đơn vị|xã|phường|đặc khu|thị trấn|thành phố|cơ quan|địa phương|tổ chức|doanh nghiệp|"
    r"đoàn thể|hội|lĩnh vực|huyện|quận|trung tâm|trường|tỉnh [uủ]ỷ|thành [uủ]ỷ|tỉnh ủy|thành ủy)\b"
)
_SOFT_HEADS = ("UBND", "HĐND", "Ủy ban nhân dân", "Uỷ ban nhân dân", "Hội đồng nhân dân")
_CLASS_LIST = re.compile(
    r"(?P<cls>[Cc]ác (?P<head>Bộ|Sở|Cục|Vụ|Ban|bộ|sở|cục|vụ)"
    r"|(?P<committee>Ủy ban nhân dân|Uỷ ban nhân dân|UBND) các (?P<level>tỉnh|thành phố|xã|phường))"
    rf"(?P<scope>\s+(?:[{UPPER}][^:;.]{{0,30}}?\s+)?(?:các|của|thuộc|nêu|trên|liên quan|sau)\b[^:;.]{{0,40}}?)?\s*:\s*"
)
# "Bí thư tỉnh ủy và Chủ tịch Ủy ban nhân dân các tỉnh: …" addresses the party committees first,
# then the People's Committees (titles dropped).
_SECRETARY_AND_CHAIR = re.compile(
    r"(?:[Đđ]ồng chí )?Bí thư(?:,? (?:[Tt]ỉnh|[Tt]hành) ủy)*\s*(?:,|;|và|, và)\s*Chủ tịch (?=Ủy ban nhân dân|Uỷ ban nhân dân|UBND)"
)
_PEOPLES_COMMITTEE = re.compile(r"(?:Ủy ban nhân dân|Uỷ ban nhân dân|UBND)\s+")
_MAX_TOKENS = 16
# The fields of a name listed with commas up to "và": "Văn hóa, Nghệ thuật, Thể thao và Du lịch".
_FIELD = rf"[{UPPER}][^\s,;:.()]*(?: [{LOWER}][^\s,;:.()]*){{0,2}}"
_FIELD_LIST = re.compile(rf"(?:{_FIELD}, )*{_FIELD} và [{UPPER}]")
# Collectives of named companies, whose names may follow one another after commas.
_COMPANIES = re.compile(r"(?:[Cc]ác )?(?:[Tt]ập đoàn|[Tt]ổng công ty|[Cc]ông ty)\b")

# The first two characters of every match of _HEAD, _TITLES and _STOP: all their words and
# phrases have two literal characters or more, so a position whose first two characters are not
# in the set cannot match, and a set lookup costs far less than trying a long alternation.
_HEAD_STARTS = frozenset(w[:2] for w in (*_FREE_HEADS, *_CAP_HEADS, "Các", "các", "Mọi", "mọi"))
_TITLE_STARTS = frozenset(w[:2] for w in ("các", "Các", "đồng chí", "Đồng chí", "Phó", "phó", *_TITLE_WORDS))
_STOP_STARTS = frozenset(p[:2] for p in _STOP_LIST)
assert all(
    len(w) >= 2 and re.escape(w[:2]) == w[:2] for w in (*_FREE_HEADS, *_CAP_HEADS, *_TITLE_WORDS, *_STOP_LIST)
)


@dataclass(frozen=True)
class UnitMatch:
    """A unit name as written (titles dropped) and where it sits in the text."""

    name: str
    start: int
    end: int


def _match_head(text: str, pos: int) -> re.Match | None:
    if text[pos : pos + 2] not in _HEAD_STARTS:
        return None
    m = _HEAD.match(text, pos)
    if not m or _NOT_UNIT_AFTER_HEAD.match(text, pos):
        return None
    return m


# The subject rules ask for the unit at the same place of a passage several times (the passage,
# then each of its parts, then its lead-in); a small cache catches those repeats within a
# passage and stays small (a UnitMatch is immutable).
@lru_cache(maxsize=256)
def unit_at(text: str, pos: int = 0) -> UnitMatch | None:
    """The unit name starting exactly at ``pos`` (after any title), or None."""
    ministries = _MINISTERS.match(text, pos)
    if ministries:
        return _ministries(ministries)
    if (
        text[pos : pos + 2] in _TITLE_STARTS
        and (t := _TITLES.match(text, pos))
        and not _VILLAGE_HEAD.match(text, pos)
    ):
        pos = t.end()
    m = _match_head(text, pos)
    if not m:
        return None
    head = m.group()
    collective = bool(m.group("coll")) or head.lower().startswith("các") or head.startswith(_SOFT_HEADS)
    # "Công an xã", "UBND các tỉnh, thành phố trực thuộc trung ương": only a level or place follows.
    level_only = head.split(" ", 1)[-1].startswith(_LEVEL_HEADS) or head.startswith(_LEVEL_HEADS)
    end = m.end()
    i = end
    tokens = lower = 0
    n = len(text)
    while tokens < _MAX_TOKENS and i < n:
        if text[i] == ",":
            nxt = i + 1
            while nxt < n and text[nxt] == " ":
                nxt += 1
            if (
                collective
                and _COLLECTIVE_CONT.match(text, nxt)
                or (
                    text[nxt : nxt + 1].isupper()
                    and not _match_head(text, nxt)
                    # "Cục Văn hóa, Nghệ thuật và Triển lãm"; "các Tập đoàn VNPT, Viettel, Mobifone"
                    and (_FIELD_LIST.match(text, nxt) or _COMPANIES.match(head))
                )
            ):
                i = nxt
            else:
                break
        elif text[i] == " ":
            i += 1
        else:
            break
        k = _WORD.match(text, i).end()  # the word runs to the next character of _WORD_END
        word = text[i:k]
        if not word:
            break
        if word in ("-", "–", "&"):
            if _TITLES.match(text, k + 1):
                break  # "Bộ Tài chính - Phó Trưởng ban Thường trực …": the unit's head, not the unit
            end = k
            i = k
            continue
        if word == "và":
            nxt = k + 1
            if head.startswith("Văn phòng") and text.startswith(_SOFT_HEADS, nxt):
                end = k
                i = k
                continue
            if _match_head(text, nxt):
                break
            if not text[nxt : nxt + 1].isupper() and not (
                lower <= 4 and _lower_and(text, i, nxt, level_only)
            ):
                break
            end = k
            i = k
            continue
        if word == "các":
            collective = True
        first = word[0]
        inner = tokens == 0 and first.isupper() and _match_head(text, i)
        if inner and inner.group("free"):
            # "Văn phòng Ban chỉ đạo …", "Văn phòng Hội đồng nhân dân …": a body inside the name.
            end = i = inner.end()
            tokens += 1
            continue
        if first.isupper() or first.isdigit() or "&" in word:
            if (
                tokens
                and text[i : i + 2] in _HEAD_STARTS
                and not _joined(text, i, word)
                and _match_head(text, i)
            ):
                break
        elif text[i : i + 2] in _STOP_STARTS and _STOP.match(text, i):
            break
        elif first.islower():
            lower += 1
            # "UBND các xã/phường", "các tỉnh/ thành phố": levels joined by a slash.
            if lower > 10 or (level_only and not all(p in _LEVEL_WORDS for p in word.split("/") if p)):
                break
        else:
            break
        end = k
        i = k
        tokens += 1
    name = text[m.start() : end].strip(" ,;:-–")
    if not name or _BARE_VERB_HEAD.match(text, m.start()):
        return None
    return UnitMatch(name, m.start(), m.start() + len(name))


# "Thanh tra, kiểm tra, giám sát …" opens with the verb "thanh tra" (inspect): a bare head followed
# by more lower-case verbs after a comma names no inspectorate.
_BARE_VERB_HEAD = re.compile(rf"(?:Thanh tra|Kiểm toán),\s+[{LOWER}]")


# The heads of the ministries addressed by their titles: "Bộ trưởng, Thủ trưởng cơ quan ngang bộ,
# (Thủ trưởng) cơ quan thuộc Chính phủ" names the ministries and agencies themselves.
_MINISTERS = re.compile(
    r"(?:[Cc]ác (?:đồng chí )?)?Bộ trưởng(?: các [Bb]ộ)?,\s*Thủ trưởng (?:các )?cơ quan ngang (?P<bo>[Bb]ộ)"
    r"(?P<gov>,\s*(?:Thủ trưởng )?cơ quan thuộc Chính phủ)?"
)


def _ministries(m: re.Match) -> UnitMatch:
    name = f"Các Bộ, cơ quan ngang {m.group('bo')}" + (", cơ quan thuộc Chính phủ" if m.group("gov") else "")
    return UnitMatch(name, m.start(), m.end())


def _lower_and(text: str, i: int, nxt: int, level_only: bool) -> bool:
    """Whether "và" joins two lower-case words of one name ("Ban Quản lý các Khu chế xuất và công
    nghiệp Thành phố"), not a second unit ("… và các cơ quan liên quan") or the duty."""
    before = text[text.rfind(" ", 0, i - 1) + 1 : i - 1]
    return (
        not level_only
        and before[:1].islower()
        and text[nxt : nxt + 1].islower()
        and not text.startswith(("các ", "mọi ", "những "), nxt)
        and not _STOP.match(text, nxt)
    )


def _joined(text: str, i: int, word: str) -> bool:
    """Whether the word at ``i`` is joined to the name before it ("Sở A và B", "A - B", "thuộc UBND")."""
    prev_word = text[text.rfind(" ", 0, i - 1) + 1 : i].strip()
    return (
        prev_word.endswith(("-", "–"))
        or prev_word in ("và", "thuộc", "của", "trực")  # "Văn phòng Thường trực Ban Chỉ đạo …"
        or word.startswith(_SOFT_HEADS)
        or text.startswith("Mặt trận Tổ quốc", i)  # "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"
    )


_WORD_END = frozenset(' ,;:.()"“”?!')
_WORD = re.compile("[^" + re.escape("".join(sorted(_WORD_END))) + "]*")


_DIRECTIVE_WORDS = (
    "Giao(?: cho)?",
    "giao(?: cho)?",
    "Đề nghị",
    "đề nghị",
    "Kính đề nghị",
    "Yêu cầu",
    "yêu cầu",
)
_DIRECTIVE = re.compile(r"(?:" + "|".join(_DIRECTIVE_WORDS) + r")\s*:?\s+")
# The first two characters of every match of _DIRECTIVE (elsewhere a match call would only fail).
_DIRECTIVE_STARTS = frozenset(w[:2] for w in _DIRECTIVE_WORDS)


def leading_units(text: str, pos: int = 0) -> tuple[list[UnitMatch], int]:
    """Units that open a passage, after "Giao"/"Đề nghị"/"Yêu cầu" and titles: the passage's subject."""
    d = text[pos : pos + 2] in _DIRECTIVE_STARTS and _DIRECTIVE.match(text, pos)
    if d:
        pos = d.end()
    return unit_list(text, pos)


def has_duty_word(text: str) -> bool:
    """Whether ``text`` holds a word that starts a duty ("chủ trì", "rà soát", "theo dõi" …)."""
    return any(m.start() == 0 or text[m.start() - 1] == " " for m in _STOP.finditer(text))


def starts_with_unit(text: str) -> bool:
    """Whether ``text`` opens with a unit name (a unit heading or the subject of a duty)."""
    return unit_at(text, 0) is not None


_LIST_SEP = re.compile(r"\s*(?:,|;|\bvà\b|,\s*và\b|;\s*và\b)\s*")


def unit_list(text: str, pos: int = 0) -> tuple[list[UnitMatch], int]:
    """Units named one after another from ``pos`` ("Sở A, Sở B và các cơ quan liên quan")."""
    secretaries = _SECRETARY_AND_CHAIR.match(text, pos)
    if secretaries:
        committees, end = unit_list(text, secretaries.end())
        party = [UnitMatch(_party_committee(u.name), u.start, u.end) for u in committees]
        return [*party, *committees], end
    title = _TITLES.match(text, pos)  # "Bộ trưởng các Bộ: Tài chính, Xây dựng"
    cls = _CLASS_LIST.match(text, title.end() if title else pos)
    if cls:
        return _class_list(text, cls)
    units: list[UnitMatch] = []
    end = pos
    while True:
        u = unit_at(text, pos)
        if not u:
            break
        units.append(u)
        end = u.end
        sep = _LIST_SEP.match(text, u.end)
        if not sep:
            break
        pos = sep.end()
    return _members_of_class(units), end


# "Các Bộ Xây dựng và Công an": a plural head before the first name makes every bare field of the
# list a member of that class ("Bộ Xây dựng", "Bộ Công an").
_PLURAL_CLASS = re.compile(rf"[Cc]ác (?P<head>Bộ|Sở|Cục|Vụ) (?=[{UPPER}])")


def _members_of_class(units: list[UnitMatch]) -> list[UnitMatch]:
    """Alone, "các Sở Công Thương" is every province's department and stays as written."""
    plural = _PLURAL_CLASS.match(units[0].name) if units else None
    if not plural:
        return units
    head = plural.group("head")
    first = units[0]
    out = [UnitMatch(first.name[plural.start("head") :], first.start, first.end)]
    members = 0
    for u in units[1:]:
        # Only a bare field ("Công an", which is also a head of its own) joins the class.
        bare = _match_head(u.name, 0)
        if bare and bare.end() == len(u.name) and not u.name[:1].islower():
            u = UnitMatch(f"{head} {u.name}", u.start, u.end)
            members += 1
        out.append(u)
    return out if members else units


def _party_committee(name: str) -> str:
    """The party committee beside a People's Committee: "Ủy ban nhân dân tỉnh Đắk Lắk" → "Tỉnh ủy Đắk
    Lắk", "Ủy ban nhân dân các tỉnh khu vực Trung Bộ" → "Tỉnh ủy các tỉnh khu vực Trung Bộ"."""
    head = _PEOPLES_COMMITTEE.match(name)
    place = name[head.end() :] if head else name
    for level, committee in (("tỉnh ", "Tỉnh ủy "), ("thành phố ", "Thành ủy ")):
        if place.startswith(level):
            return committee + place[len(level) :]
    return "Tỉnh ủy " + place


def _class_list(text: str, m: re.Match) -> tuple[list[UnitMatch], int]:
    """ "Các Bộ: Tài chính, Y tế" → "Bộ Tài chính", "Bộ Y tế"; "Ủy ban nhân dân các tỉnh: A, B" →
    "Ủy ban nhân dân tỉnh A", "Ủy ban nhân dân tỉnh B"."""
    committee = m.group("committee")
    head = f"{committee} {m.group('level')}" if committee else m.group("head").capitalize()
    units: list[UnitMatch] = []
    pos = m.end()
    end = pos
    while True:
        w = _CLASS_ITEM.match(text, pos)
        if not w:
            break
        raw = w.group(1)
        stop = next((s.start() for s in _STOP.finditer(raw) if s.start() and raw[s.start() - 1] == " "), None)
        name = raw[:stop].strip() if stop else raw.strip()
        units.append(UnitMatch(f"{head} {name}", pos, pos + len(name)))
        end = pos + len(name)
        if stop:
            break
        sep = _LIST_SEP.match(text, w.end())
        if not sep:
            break
        pos = sep.end()
    if not units:
        return [], m.start()
    return units, end


_CLASS_ITEM = re.compile(rf"([{UPPER}][^,;:.()]*)")


# The two first characters of a _HEAD match, searched for as literals: re skips straight to them,
# while _HEAD, which opens with an optional group, is tried at every position.
_HEAD_START = re.compile("|".join(map(re.escape, sorted(_HEAD_STARTS))))


def _search_head(text: str, pos: int) -> re.Match | None:
    """``_HEAD.search(text, pos)``: the leftmost place from ``pos`` where _HEAD matches."""
    while (c := _HEAD_START.search(text, pos)) is not None:
        m = _HEAD.match(text, c.start())
        if m:
            return m
        pos = c.start() + 1
    return None


def find_units(text: str) -> list[UnitMatch]:
    """Every unit name in ``text``, left to right, without overlaps."""
    out: list[UnitMatch] = []
    pos = 0
    n = len(text)
    while pos < n:
        m = _search_head(text, pos)
        if not m:
            break
        start = m.start()
        t_start = start
        u = unit_at(text, start)
        if u and (not out or u.start >= out[-1].end):
            out.append(u)
            pos = max(u.end, t_start + 1)
        else:
            pos = m.end()
    return out


# --- Directory -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Resolution:
    """A unit name resolved against the directory: ``unit_id`` is None when unknown."""

    unit_id: int | None
    name: str
    confidence: float
    reason: str


_GENERIC = frozenset(
    [
        "phong",
        "so",
        "ban",
        "trung",
        "tam",
        "tram",
        "van",
        "uy",
        "ubnd",
        "cac",
        "to",
        "xa",
        "phuong",
        "cua",
        "thuoc",
        "va",
    ]
)


def _initials(key: str) -> str:
    return "".join(w[0] for w in key.split() if w not in _GENERIC)


def _core(key: str) -> str:
    key = key.replace("uy ban nhan dan", "ubnd").replace("hoi dong nhan dan", "hdnd")
    return " ".join(w for w in key.split() if w not in _GENERIC)


_COLLECTIVE = re.compile(r"^(?:cac|moi|tat ca cac)\s")
# "các phòng, ban, đơn vị (thuộc UBND xã)", "các cơ quan chuyên môn", "các sở, ban, ngành".
_DEPARTMENTS_COLLECTIVE = re.compile(
    r"^(?:cac|tat ca cac)\s+(?:phong|ban|don vi|co quan|bo phan|cong chuc|so|nganh)\b"
)
# The kind of body a name starts with; loose matches must agree on it.
_KIND_HEADS = (
    "ubnd",
    "uy ban nhan dan",
    "hdnd",
    "hoi dong nhan dan",
    "uy ban mat tran",
    "mat tran",
    "van phong",
    "trung tam",
    "chi cuc",
    "cuc",
    "phong",
    "so",
    "ban",
    "tram",
    "truong",
    "cong an",
    "thon",
    "to dan pho",
    "doan",
    "hoi",
    "bo",
    "dang uy",
    "quan doi",
    "ban chi huy",
)


def _kind_of(key: str) -> str:
    key = key.removeprefix("cac ")
    return next((h for h in _KIND_HEADS if key == h or key.startswith(h + " ")), "")


def _same_kind(key: str, entry: dict) -> bool:
    """True unless the two names start with different kinds of body (phòng vs ban vs UBND...)."""
    mine = _kind_of(key)
    names = [entry["name"], entry.get("short_name") or "", *(entry.get("aliases") or [])]
    kinds = {_kind_of(fold_key(n)) for n in names if n}
    return not mine or not (kinds - {""}) or mine in kinds or ({mine} | kinds) <= {"ubnd", "uy ban nhan dan"}


@dataclass(frozen=True)
class UnitDirectory:
    """Known units as plain data: ids, names, short names and aliases."""

    entries: tuple[dict, ...]
    _by_key: dict
    _by_core: dict
    _by_initials: dict

    @classmethod
    def from_entries(cls, entries: list[dict]) -> UnitDirectory:
        by_key: dict[str, dict] = {}
        by_core: dict[str, dict] = {}
        by_initials: dict[str, dict] = {}
        for entry in entries:
            names = [entry["name"], entry.get("short_name") or "", *(entry.get("aliases") or [])]
            for name in filter(None, names):
                key = fold_key(name)
                by_key.setdefault(key, entry)
                core = _core(key)
                if core:
                    by_core.setdefault(core, entry)
                    by_core.setdefault(core.replace(" ", ""), entry)
                    by_initials.setdefault(_initials(key), entry)
        return cls(tuple(entries), by_key, by_core, by_initials)

    def resolve(self, name: str) -> Resolution:
        """Find the unit ``name`` refers to; unknown names come back with ``unit_id`` None.

        Loose matches (initials, a name inside another) must keep the kind of body:
        "Ban Quản lý chợ Hòa An" is not "UBND xã Hòa An". A collective name ("các
        phòng, ban, đơn vị") never matches one department; it goes to the entry marked
        `collective` (the importing organisation) with a confidence that asks for review.
        """
        key = fold_key(name)
        entry = self._by_key.get(key)
        if entry:
            return Resolution(entry["id"], entry["name"], 1.0, f"Trùng tên đơn vị “{entry['name']}”.")
        if _COLLECTIVE.match(key):
            target = next((e for e in self.entries if e.get("collective")), None)
            if target is not None and _DEPARTMENTS_COLLECTIVE.match(key):
                return Resolution(
                    target["id"],
                    target["name"],
                    0.7,
                    f"Tên chung “{name}”: giao cho {target['name']}, cần xem lại đơn vị chủ trì.",
                )
            return Resolution(None, name, 0.0, f"“{name}” là tên chung, chưa xác định được đơn vị cụ thể.")
        core = _core(key)
        for variant in (core, core.replace(" ", "")):
            entry = self._by_core.get(variant)
            if entry and _same_kind(key, entry):
                return Resolution(
                    entry["id"],
                    entry["name"],
                    0.9,
                    f"Trùng tên sau khi bỏ từ chung (phòng, sở, xã…): “{entry['name']}”.",
                )
        compact = core.replace(" ", "")
        entry = self._by_initials.get(compact) or self._by_initials.get(_initials(key))
        if entry and compact and _same_kind(key, entry):
            return Resolution(entry["id"], entry["name"], 0.75, f"Khớp chữ viết tắt với “{entry['name']}”.")
        for known_core, entry in self._by_core.items():
            if (
                core
                and len(core) > 4
                and (core in known_core or known_core in core)
                and _same_kind(key, entry)
            ):
                return Resolution(entry["id"], entry["name"], 0.6, f"Tên gần giống “{entry['name']}”.")
        return Resolution(None, name, 0.0, f"Không có “{name}” trong danh mục đơn vị.")
