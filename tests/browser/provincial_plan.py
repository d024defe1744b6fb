"""A provincial plan of 20 duties, as a commune receives it: most are for the province's departments
and bodies, six for "Ủy ban nhân dân các xã, phường", one for a commune centre written loosely."""

DUTIES = [
    "Sở Khoa học và Công nghệ chủ trì xây dựng kiến trúc chính quyền số của tỉnh, hoàn thành trước ngày 30/6/2026.",
    "Sở Khoa học và Công nghệ hướng dẫn kết nối nền tảng tích hợp, chia sẻ dữ liệu, hoàn thành trước ngày 31/7/2026.",
    "Sở Tài chính chủ trì bố trí kinh phí thực hiện Kế hoạch, hoàn thành trước ngày 15/7/2026.",
    "Sở Tài chính hướng dẫn thanh toán trực tuyến phí, lệ phí, hoàn thành trước ngày 31/8/2026.",
    "Sở Nội vụ chủ trì đào tạo kỹ năng số cho cán bộ, công chức, hoàn thành trước ngày 30/9/2026.",
    "Sở Nội vụ đưa kết quả chuyển đổi số vào đánh giá, xếp loại cơ quan, hoàn thành trước ngày 15/12/2026.",
    "Sở Y tế chủ trì triển khai hồ sơ sức khỏe điện tử, hoàn thành trước ngày 31/10/2026.",
    "Sở Y tế triển khai thanh toán không dùng tiền mặt tại cơ sở y tế, hoàn thành trước ngày 30/11/2026.",
    "Sở Giáo dục và Đào tạo chủ trì số hóa học bạ, văn bằng, hoàn thành trước ngày 31/8/2026.",
    "Công an tỉnh chủ trì làm sạch dữ liệu dân cư phục vụ Đề án 06, hoàn thành trước ngày 30/6/2026.",
    "Văn phòng Ủy ban nhân dân tỉnh theo dõi, tổng hợp kết quả thực hiện, hoàn thành trước ngày 20/12/2026.",
    "Báo và Phát thanh, Truyền hình tỉnh tuyên truyền về chuyển đổi số, hoàn thành trước ngày 31/12/2026.",
    "Bộ Chỉ huy Quân sự tỉnh bảo đảm an toàn thông tin trên mạng quân sự, hoàn thành trước ngày 31/12/2026.",
    "Ủy ban nhân dân các xã, phường rà soát dữ liệu dân cư trên địa bàn, hoàn thành trước ngày 31/7/2026.",
    "Ủy ban nhân dân các xã, phường số hóa hồ sơ, kết quả giải quyết thủ tục hành chính, hoàn thành trước ngày 30/9/2026.",
    "Ủy ban nhân dân các xã, phường tổ chức tổ công nghệ số cộng đồng tại các thôn, hoàn thành trước ngày 31/8/2026.",
    "Ủy ban nhân dân các xã, phường hướng dẫn người dân cài đặt ứng dụng định danh điện tử, hoàn thành trước ngày 30/10/2026.",
    "Ủy ban nhân dân các xã, phường công khai thủ tục hành chính trực tuyến toàn trình, hoàn thành trước ngày 15/8/2026.",
    "Ủy ban nhân dân các xã, phường báo cáo kết quả chuyển đổi số, hoàn thành trước ngày 10/12/2026.",
    "Trung tâm Dịch vụ công xã chủ trì hỗ trợ người dân nộp hồ sơ trực tuyến, hoàn thành trước ngày 30/9/2026.",
]

PLAN = (
    """ỦY BAN NHÂN DÂN
TỈNH TUYÊN QUANG

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 245/KH-UBND

Tuyên Quang, ngày 02 tháng 6 năm 2026

KẾ HOẠCH
Triển khai chuyển đổi số năm 2026

Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai chuyển đổi số năm 2026 như sau:

"""
    + "\n\n".join(f"{n}. {duty}" for n, duty in enumerate(DUTIES, start=1))
    + """

Nơi nhận:
- Các sở, ban, ngành tỉnh;
- Ủy ban nhân dân các xã, phường;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Vương Ngọc Hà
"""
)
