"""Seed the administrative abbreviations Vietnamese news uses everywhere; editors extend
the list in the admin (Snippets → Từ viết tắt / đồng nghĩa)."""

from django.db import migrations

SEED = [
    ("KCN\nkhu công nghiệp", "Khu công nghiệp"),
    ("KCX\nkhu chế xuất", "Khu chế xuất"),
    ("KCNC\nkhu công nghệ cao", "Khu công nghệ cao"),
    ("KKT\nkhu kinh tế", "Khu kinh tế"),
    ("TP.HCM\nTPHCM\nTP HCM\nHCM\nTP Hồ Chí Minh\nthành phố Hồ Chí Minh", "TP.HCM"),
    ("TP\nthành phố", "Thành phố"),
    ("HN\nHà Nội\nTP Hà Nội", "Hà Nội"),
    ("UBND\nủy ban nhân dân", "Ủy ban nhân dân"),
    ("HĐND\nhội đồng nhân dân", "Hội đồng nhân dân"),
    ("DN\ndoanh nghiệp", "Doanh nghiệp"),
    ("DNNN\ndoanh nghiệp nhà nước", "Doanh nghiệp nhà nước"),
    ("CNTT\ncông nghệ thông tin", "Công nghệ thông tin"),
    ("BHXH\nbảo hiểm xã hội", "Bảo hiểm xã hội"),
    ("BHYT\nbảo hiểm y tế", "Bảo hiểm y tế"),
    ("THPT\ntrung học phổ thông", "Trung học phổ thông"),
    ("THCS\ntrung học cơ sở", "Trung học cơ sở"),
    ("ĐH\nđại học", "Đại học"),
    ("CSGT\ncảnh sát giao thông", "Cảnh sát giao thông"),
    ("GTVT\ngiao thông vận tải", "Giao thông vận tải"),
    ("GD-ĐT\nGDĐT\ngiáo dục và đào tạo\ngiáo dục đào tạo", "Giáo dục và Đào tạo"),
    ("BĐS\nbất động sản", "Bất động sản"),
    ("HLV\nhuấn luyện viên", "Huấn luyện viên"),
    ("ĐBQH\nđại biểu quốc hội", "Đại biểu Quốc hội"),
    ("QH\nquốc hội", "Quốc hội"),
    ("TW\ntrung ương", "Trung ương"),
    ("NHNN\nngân hàng nhà nước", "Ngân hàng Nhà nước"),
    ("NHTM\nngân hàng thương mại", "Ngân hàng thương mại"),
    ("ATGT\nan toàn giao thông", "An toàn giao thông"),
    ("PCCC\nphòng cháy chữa cháy", "Phòng cháy chữa cháy"),
    ("VKSND\nviện kiểm sát nhân dân", "Viện kiểm sát nhân dân"),
    ("TAND\ntòa án nhân dân", "Tòa án nhân dân"),
    ("MTTQ\nmặt trận tổ quốc", "Mặt trận Tổ quốc"),
    ("CAND\ncông an nhân dân", "Công an nhân dân"),
    ("QĐND\nquân đội nhân dân", "Quân đội nhân dân"),
    ("XHCN\nxã hội chủ nghĩa", "Xã hội chủ nghĩa"),
    ("ĐBSCL\nđồng bằng sông Cửu Long", "Đồng bằng sông Cửu Long"),
    ("TTCK\nthị trường chứng khoán", "Thị trường chứng khoán"),
    ("VN\nViệt Nam", "Việt Nam"),
    ("NĐ\nnghị định", "Nghị định"),
    ("KH-CN\nKHCN\nkhoa học công nghệ\nkhoa học và công nghệ", "Khoa học và Công nghệ"),
]


def seed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    Synonym.objects.bulk_create(Synonym(terms=terms, note=note) for terms, note in SEED)


def unseed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    Synonym.objects.filter(terms__in=[terms for terms, _ in SEED]).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext_indexes")]

    operations = [migrations.RunPython(seed, unseed)]
