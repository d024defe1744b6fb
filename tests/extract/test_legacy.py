"""TCVN3 and VNI conversion, checked against encoders written from the code charts."""

import pytest

from dieuhanh.extract import legacy
from tests.extract.fixtures_build import encode_tcvn3, encode_vni

pytestmark = pytest.mark.pure

# Every toned lowercase letter, the bare ones, and the uppercase letters TCVN3 has.
LOWER_ALPHABET = "àảãáạ ằẳẵắặ ầẩẫấậ èẻẽéẹ ềểễếệ ìỉĩíị òỏõóọ ồổỗốộ ờởỡớợ ùủũúụ ừửữứự ỳỷỹýỵ ăâêôơưđ"
UPPER_ALPHABET = "ÀẢÃÁẠ ẰẲẴẮẶ ẦẨẪẤẬ ÈẺẼÉẸ ỀỂỄẾỆ ÌỈĨÍỊ ÒỎÕÓỌ ỒỔỖỐỘ ỜỞỠỚỢ ÙỦŨÚỤ ỪỬỮỨỰ ỲỶỸÝỴ ĂÂÊÔƠƯĐ"

SENTENCE = (
    "Ủy ban nhân dân xã yêu cầu các phòng, ban khẩn trương triển khai thực hiện nhiệm vụ "
    "chuyển đổi số, báo cáo kết quả trước ngày 15 hằng tháng; khẳng định trách nhiệm của "
    "người đứng đầu trong việc hoàn thành đúng tiến độ được giao."
)
# TCVN3 has no uppercase toned letters (".VnTimeH" drew them from lowercase bytes).
TCVN3_SENTENCE = "Đề nghị " + SENTENCE[3:]


def test_it_converts_every_tcvn3_letter():
    surface = encode_tcvn3(LOWER_ALPHABET + " ĂÂÊÔƠƯĐ").decode("latin-1")
    assert legacy.convert_from(surface, "tcvn3") == LOWER_ALPHABET + " ĂÂÊÔƠƯĐ"


def test_it_converts_every_vni_letter_both_cases():
    for alphabet in (LOWER_ALPHABET, UPPER_ALPHABET):
        surface = encode_vni(alphabet).decode("cp1252")
        assert legacy.convert_from(surface, "vni") == alphabet


def test_it_detects_and_converts_a_tcvn3_sentence():
    surface = encode_tcvn3(TCVN3_SENTENCE).decode("latin-1")
    assert surface.startswith("§Ò nghÞ")
    assert legacy.to_unicode(surface) == (TCVN3_SENTENCE, "tcvn3")


def test_it_detects_and_converts_a_vni_sentence():
    surface = encode_vni(SENTENCE).decode("cp1252")
    assert surface.startswith("UÛy ban nhaân daân")
    assert legacy.to_unicode(surface) == (SENTENCE, "vni")


def test_it_keeps_the_vni_letters_viparse_lacks():
    surface = encode_vni("khẳng định, Quỵ, ẲNG, ỴÊN").decode("cp1252")
    assert legacy.convert_from(surface, "vni") == "khẳng định, Quỵ, ẲNG, ỴÊN"


@pytest.mark.parametrize(
    "text",
    [
        SENTENCE,
        "Số: 28/KH-UBND ngày 28/01/2026; kinh phí 1.640 triệu đồng.",
        "Café, résumé, à la carte — naïve façade; señor año mañana déjà vu.",
        "Die Straße wird für Fußgänger gesperrt; Übergänge während der Bauzeit.",
        "¼ ½ ¾ ± × ÷ © ® µ",
        "",
        "abc",
    ],
)
def test_it_leaves_unicode_and_other_languages_alone(text):
    assert legacy.to_unicode(text) == (text, None)


def test_it_leaves_a_mostly_unicode_text_with_stray_latin1_alone():
    text = SENTENCE + " Ghi chú: © 2026, ± 5%, ½ định mức."
    assert legacy.to_unicode(text) == (text, None)


@pytest.mark.parametrize(
    ("font", "encoding"),
    [
        (".VnTime", "tcvn3"),
        (".VnTimeH", "tcvn3"),
        ("ABCDEF+.VnArial", "tcvn3"),
        ("VNI-Times", "vni"),
        ("vni-helve", "vni"),
        ("Times New Roman", None),
        ("", None),
        (None, None),
    ],
)
def test_it_reads_the_encoding_from_a_font_name(font, encoding):
    assert legacy.encoding_for_font(font) == encoding


def test_the_test_encoders_follow_the_charts():
    assert encode_vni("ỵ ẳ ư ơ đ Ủ") == b"y\xee a\xfa \xf6 \xf4 \xf1 U\xdb"
    assert encode_tcvn3("ư ơ đ Đ ạ") == b"\xad \xac \xae \xa7 \xb9"
