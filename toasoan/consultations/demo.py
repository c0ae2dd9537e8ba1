# ruff: noqa: E501 - the demo draft is prose, one paragraph per line like a real DOCX
"""One open consultation for the demo site (run by ``news_load_demo``); created once."""

import datetime as dt

from django.utils import timezone

from .models import Consultation

SLUG = "quy-che-phoi-hop-bao-ve-moi-truong-kcx-kcn"
TEXT = """QUY CHẾ
Phối hợp bảo vệ môi trường trong các khu chế xuất, khu công nghiệp
(Dự thảo lần 2)
Chương I
QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Quy chế này quy định nguyên tắc, nội dung và trách nhiệm phối hợp giữa Ban Quản lý các khu chế xuất và công nghiệp, các sở, ngành, Ủy ban nhân dân quận, huyện và chủ đầu tư hạ tầng trong công tác bảo vệ môi trường tại các khu chế xuất, khu công nghiệp.
Điều 2. Đối tượng áp dụng
1. Ban Quản lý các khu chế xuất và công nghiệp.
2. Các sở, ngành và Ủy ban nhân dân quận, huyện có khu chế xuất, khu công nghiệp trên địa bàn.
3. Công ty phát triển hạ tầng và doanh nghiệp hoạt động trong khu chế xuất, khu công nghiệp.
Chương II
NỘI DUNG PHỐI HỢP
Điều 3. Quan trắc và báo cáo nước thải
1. Doanh nghiệp có lưu lượng nước thải từ 200 m³/ngày đêm trở lên lắp đặt hệ thống quan trắc tự động, liên tục và truyền số liệu về Ban Quản lý.
2. Chủ đầu tư hạ tầng báo cáo kết quả vận hành nhà máy xử lý nước thải tập trung định kỳ hằng quý, trước ngày 15 của tháng đầu quý sau.
3. Ban Quản lý tổng hợp, công khai kết quả quan trắc trên Cổng thông tin điện tử.
Điều 4. Kiểm tra, thanh tra
1. Ban Quản lý chủ trì xây dựng kế hoạch kiểm tra hằng năm, gửi lấy ý kiến các sở, ngành trước ngày 15 tháng 12.
2. Việc kiểm tra đột xuất được thực hiện khi có phản ánh của tổ chức, cá nhân hoặc dấu hiệu vi phạm.
Điều 5. Xử lý sự cố môi trường
1. Khi xảy ra sự cố, doanh nghiệp báo ngay cho Ban Quản lý và chủ đầu tư hạ tầng qua đường dây nóng.
2. Ban Quản lý phối hợp với Sở Tài nguyên và Môi trường, Ủy ban nhân dân quận, huyện triển khai ứng phó.
Chương III
TỔ CHỨC THỰC HIỆN
Điều 6. Hiệu lực thi hành
Quy chế này có hiệu lực kể từ ngày ký ban hành.
"""


def load(stdout):
    if Consultation.objects.filter(slug=SLUG).exists():
        return ""
    now = timezone.now()
    Consultation.objects.create(
        slug=SLUG,
        title="Dự thảo Quy chế phối hợp bảo vệ môi trường trong các khu chế xuất, khu công nghiệp",
        drafting_body="Ban Quản lý các khu chế xuất và công nghiệp",
        summary=(
            "Ban Quản lý lấy ý kiến doanh nghiệp, chủ đầu tư hạ tầng và các cơ quan liên quan "
            "đối với dự thảo Quy chế phối hợp bảo vệ môi trường. Tổ chức, cá nhân có thể góp ý "
            "cho toàn bộ dự thảo hoặc cho từng điều."
        ),
        audience="Doanh nghiệp, chủ đầu tư hạ tầng trong các khu chế xuất, khu công nghiệp",
        opens=now - dt.timedelta(days=2),
        closes=now + dt.timedelta(days=30),
        comments_public=True,
        text=TEXT,
        live=True,
    )
    return "1 open consultation created"
