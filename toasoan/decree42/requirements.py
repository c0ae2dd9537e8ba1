"""The categories of information Decree 42/2022/NĐ-CP (Art. 4–5) asks a state agency portal to
publish, plus the weekly work schedule that provincial portal scorecards count.

Apps announce what they provide through ``toasoan.core.portal.register_category``; a required
category is matched by any of its ``keys`` (apps written in parallel chose their own keys, e.g.
"consultation" or "consultations").
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Requirement:
    key: str
    label: object
    basis: str  # where the Decree (or the scorecard) asks for it
    keys: tuple = ()

    def matches(self, key):
        return key == self.key or key in self.keys


REQUIREMENTS = [
    Requirement("organisation", _("Chức năng, nhiệm vụ, cơ cấu tổ chức"), "Điều 4 khoản 1",
                ("agency",)),
    Requirement("contacts", _("Thông tin liên hệ của cơ quan, cán bộ đầu mối"), "Điều 4 khoản 1",
                ("contact",)),
    Requirement("news", _("Tin tức, sự kiện"), "Điều 4 khoản 2"),
    Requirement("documents", _("Văn bản quy phạm pháp luật, văn bản chỉ đạo điều hành"),
                "Điều 4 khoản 3", ("legal_documents", "van-ban")),
    Requirement("plans", _("Chiến lược, quy hoạch, kế hoạch, chương trình"), "Điều 4 khoản 4",
                ("programmes", "programs")),
    Requirement("procedures", _("Thủ tục hành chính, dịch vụ công trực tuyến"),
                "Điều 4 khoản 5", ("public_services",)),
    Requirement("projects", _("Dự án đầu tư, đấu thầu, mua sắm công"), "Điều 4 khoản 6",
                ("tenders", "procurement")),
    Requirement("consultation", _("Lấy ý kiến góp ý dự thảo văn bản"), "Điều 4 khoản 7",
                ("consultations",)),
    Requirement("questions", _("Hỏi đáp, tiếp nhận phản ánh, kiến nghị"), "Điều 4 khoản 8",
                ("qa", "question", "feedback")),
    Requirement("statistics", _("Thông tin thống kê, báo cáo"), "Điều 4 khoản 9",
                ("reports",)),
    Requirement("english", _("Phiên bản tiếng Anh (tổ chức, liên hệ)"), "Điều 5"),
    Requirement("schedule", _("Lịch công tác của lãnh đạo"), "Bộ chỉ số đánh giá cổng"),
]  # fmt: skip
