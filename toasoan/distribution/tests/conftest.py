import io

import pytest
from django.core.cache import cache
from django.core.files.images import ImageFile
from PIL import Image

from toasoan.core.models import NewsImage
from toasoan.news.tests.factories import (
    make_announcement,
    make_announcement_index,
    make_article,
    make_home,
    make_section,
    make_standard_page,
)


def make_image(title="Ảnh hội nghị", color=(200, 30, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 1000), color).save(buffer, format="JPEG")
    return NewsImage.objects.create(
        title=title,
        alt_text="Quang cảnh hội nghị",
        file=ImageFile(buffer, name="hoi-nghi.jpg"),
    )


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def tree(db):
    return build_tree()


def build_tree():
    """Home → Thời sự (→ Trong nước) and Kinh tế, articles in each, announcements, a page."""
    home = make_home()
    news = make_section(home, title="Thời sự", slug="thoi-su")
    domestic = make_section(news, title="Trong nước", slug="trong-nuoc")
    economy = make_section(home, title="Kinh tế", slug="kinh-te")
    image = make_image()
    lead = make_article(
        news,
        title="Hội nghị Ban Chấp hành Đảng bộ các khu chế xuất",
        slug="hoi-nghi-ban-chap-hanh",
        sapo="Sáng 4/7, Đảng bộ các khu chế xuất tổ chức hội nghị <sơ kết> & bàn nhiệm vụ.",
        featured_image=image,
    )
    inner = make_article(domestic, title="Tin trong nước", slug="tin-trong-nuoc")
    money = make_article(economy, title="Giá vàng hôm nay", slug="gia-vang")
    draft = make_article(economy, title="Bản nháp chưa đăng", slug="ban-nhap", live=False)
    index = make_announcement_index(home)
    notice = make_announcement(index, title="Thông báo tuyển dụng")
    about = make_standard_page(home, title="Giới thiệu", slug="gioi-thieu")
    return {
        "home": home,
        "news": news,
        "domestic": domestic,
        "economy": economy,
        "image": image,
        "lead": lead,
        "inner": inner,
        "money": money,
        "draft": draft,
        "index": index,
        "notice": notice,
        "about": about,
    }
