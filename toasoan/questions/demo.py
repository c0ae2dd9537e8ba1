"""Demo content for Hỏi đáp: fields, departments and answered questions (idempotent: each
row is looked up by a natural key first)."""

import datetime as dt

from django.utils import timezone

FIELDS = [
    ("Đầu tư", "dau-tu", "Phòng Quản lý đầu tư"),
    ("Lao động", "lao-dong", "Phòng Quản lý lao động"),
    ("Môi trường", "moi-truong", "Phòng Tài nguyên và Môi trường"),
    ("Xây dựng", "xay-dung", "Phòng Quy hoạch và Xây dựng"),
]

QUESTIONS = [
    {
        "code": "HD-DEMO0001",
        "field": "dau-tu",
        "name": "Nguyễn Thị Minh Thư",
        "organisation": "Công ty TNHH Cơ khí Chính xác Bình An",
        "title": "Thủ tục điều chỉnh Giấy chứng nhận đăng ký đầu tư khi tăng vốn",
        "body": (
            "Công ty chúng tôi là doanh nghiệp có vốn đầu tư nước ngoài trong khu công nghiệp, "
            "dự định tăng vốn đầu tư từ 5 triệu USD lên 8 triệu USD để mở rộng nhà xưởng. "
            "Xin hỏi công ty cần chuẩn bị hồ sơ gì và thời gian giải quyết bao lâu?"
        ),
        "answer": (
            "Trường hợp tăng vốn đầu tư, nhà đầu tư thực hiện thủ tục điều chỉnh Giấy chứng "
            "nhận đăng ký đầu tư theo Điều 47 Nghị định số 31/2021/NĐ-CP. Hồ sơ gồm: văn bản "
            "đề nghị điều chỉnh dự án; báo cáo tình hình triển khai dự án đến thời điểm điều "
            "chỉnh; quyết định của doanh nghiệp về việc điều chỉnh; tài liệu chứng minh năng "
            "lực tài chính cho phần vốn tăng thêm.\n\nThời hạn giải quyết là 10 ngày làm việc "
            "kể từ ngày nhận đủ hồ sơ hợp lệ. Doanh nghiệp có thể nộp hồ sơ trực tuyến trên "
            "Hệ thống thông tin quốc gia về đầu tư."
        ),
        "days_ago": 12,
        "days_to_answer": 4,
    },
    {
        "code": "HD-DEMO0002",
        "field": "lao-dong",
        "name": "Trần Văn Hùng",
        "organisation": "Công ty Cổ phần May mặc Phú Lợi",
        "title": "Đăng ký nội quy lao động cho doanh nghiệp mới thành lập",
        "body": (
            "Doanh nghiệp chúng tôi có 25 lao động. Xin hỏi có bắt buộc đăng ký nội quy lao "
            "động không và nộp hồ sơ ở đâu?"
        ),
        "answer": (
            "Theo Điều 118 và Điều 119 Bộ luật Lao động năm 2019, người sử dụng lao động sử "
            "dụng từ 10 người lao động trở lên phải có nội quy lao động bằng văn bản và đăng ký "
            "tại cơ quan chuyên môn về lao động. Doanh nghiệp trong khu công nghiệp nộp hồ sơ "
            "tại Ban Quản lý trong thời hạn 10 ngày kể từ ngày ban hành nội quy."
        ),
        "days_ago": 30,
        "days_to_answer": 6,
    },
    {
        "code": "HD-DEMO0003",
        "field": "moi-truong",
        "name": "Lê Hoàng Nam",
        "organisation": "Công ty TNHH Bao bì Xanh",
        "title": "Giấy phép môi trường đối với nhà máy đang hoạt động",
        "body": (
            "Nhà máy sản xuất bao bì của chúng tôi đã có báo cáo đánh giá tác động môi trường "
            "được phê duyệt năm 2018. Xin hỏi nhà máy có phải xin giấy phép môi trường không?"
        ),
        "answer": (
            "Theo Luật Bảo vệ môi trường năm 2020, cơ sở đang hoạt động có phát sinh nước thải, "
            "bụi, khí thải xả ra môi trường phải có giấy phép môi trường. Thời hạn cấp đổi là "
            "trong vòng 07 năm kể từ ngày Luật có hiệu lực, trừ trường hợp các giấy phép thành "
            "phần hết hạn sớm hơn."
        ),
        "days_ago": 60,
        "days_to_answer": 9,
    },
]


def load_demo(stdout=None):
    from .models import Department, Field, Question

    created = 0
    fields = {}
    for order, (name, slug, department_name) in enumerate(FIELDS):
        department, _ = Department.objects.get_or_create(
            name=department_name,
            defaults={"order": order, "email": f"{slug}@binhan-kcn.example.vn"},
        )
        field, _ = Field.objects.get_or_create(
            slug=slug, defaults={"name": name, "order": order, "default_department": department}
        )
        fields[slug] = field
    now = timezone.now()
    for item in QUESTIONS:
        if Question.objects.filter(tracking_code=item["code"]).exists():
            continue
        field = fields[item["field"]]
        created_at = now - dt.timedelta(days=item["days_ago"])
        Question.objects.create(
            tracking_code=item["code"],
            status=Question.Status.PUBLISHED,
            field=field,
            department=field.default_department,
            asker_name=item["name"],
            asker_email="demo@example.vn",
            asker_organisation=item["organisation"],
            received_title=item["title"],
            received_body=item["body"],
            title=item["title"],
            body=item["body"],
            answer=item["answer"],
            created_at=created_at,
            assigned_at=created_at,
            published_at=created_at + dt.timedelta(days=item["days_to_answer"]),
        )
        created += 1
    accounts = _demo_accounts(fields["dau-tu"].default_department)
    parts = [f"{created} answered questions"] if created else []
    if accounts:
        parts.append(f"accounts {', '.join(accounts)} (passwords in var/demo-accounts.txt)")
    return "; ".join(parts) or None


def _demo_accounts(department):
    """One account per role of the answer workflow; new passwords are appended to
    var/demo-accounts.txt (owner-readable only), like the newsroom's demo accounts."""
    import os
    import secrets

    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from .roles import ANSWERER_GROUP, LEADER_GROUP, REVIEWER_GROUP

    User = get_user_model()
    created = []
    for username, group in [
        ("canbotraloi", ANSWERER_GROUP),
        ("bientaphoidap", REVIEWER_GROUP),
        ("lanhdaohoidap", LEADER_GROUP),
    ]:
        if User.objects.filter(username=username).exists():
            continue
        group = Group.objects.filter(name=group).first()
        if group is None:
            continue
        password = secrets.token_urlsafe(12)
        user = User.objects.create_user(username, f"{username}@toasoan.local", password)
        user.groups.add(group)
        if group.name == ANSWERER_GROUP:
            department.members.add(user)
        created.append((username, group.name, password))
    if created:
        path = settings.VAR_DIR / "demo-accounts.txt"
        os.makedirs(path.parent, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as out:
            for username, group_name, password in created:
                out.write(f"{username}\t{group_name}\t{password}\n")
    return [username for username, _g, _p in created]
