"""Albums: public pages with responsive renditions, bulk upload checked by content, embedding."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from toasoan.news.tests.factories import make_article, make_home, make_section
from toasoan.photos.demo import load_demo
from toasoan.photos.models import Album

pytestmark = pytest.mark.django_db


def jpeg(name="anh.jpg", size=(64, 48), colour=(30, 90, 140)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def editor():
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("bt", "bt@example.vn", "x"))
    return client


@pytest.fixture
def home():
    home = make_home()
    Client().get(home.url)
    return home


def upload(editor, album, files, alt="Lễ khởi công", json=True):
    headers = {"HTTP_ACCEPT": "application/json"} if json else {}
    return editor.post(
        f"/quan-tri/thu-vien-anh/{album.pk}/tai-len/",
        {"alt_text": alt, "credit": "Ban biên tập", "file": files},
        **headers,
    )


def test_forty_photos_upload_in_one_go_in_order(editor, home):
    album = Album.objects.create(title="Hội nghị tổng kết")
    for number in range(40):  # what the page's script does: one request per file
        response = upload(
            editor, album, [jpeg(f"anh-{number:02d}.jpg", colour=(number * 5, 80, 90))]
        )
        assert response.status_code == 200, response.content
    photos = list(album.photos.select_related("image"))
    assert len(photos) == 40
    assert [p.image.title for p in photos] == [f"anh-{n:02d}" for n in range(40)]
    assert all(p.alt_text.startswith("Lễ khởi công (") for p in photos)


def test_many_files_in_one_post_without_javascript(editor, home):
    album = Album.objects.create(title="Hội thảo")
    response = upload(editor, album, [jpeg("a.jpg"), jpeg("b.jpg"), jpeg("c.jpg")], json=False)
    assert response.status_code == 302 and "da_them=3" in response["Location"]
    assert album.photos.count() == 3


def test_a_pdf_named_jpg_is_refused_with_a_message_and_the_rest_kept(editor, home):
    album = Album.objects.create(title="Hội thảo")
    fake = SimpleUploadedFile("gia-mao.jpg", b"%PDF-1.7\n" + b"x" * 500, content_type="image/jpeg")
    response = upload(editor, album, [jpeg("that.jpg"), fake], json=False)
    assert response.status_code == 400
    assert "“gia-mao.jpg” không phải là ảnh hợp lệ" in response.content.decode()
    assert album.photos.count() == 1


def test_a_huge_file_is_refused_with_its_size_limit(editor, home, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1000
    album = Album.objects.create(title="Hội thảo")
    response = upload(editor, album, [jpeg("lon.jpg", size=(800, 600))])
    assert response.status_code == 400
    assert "quá lớn" in response.json()["errors"][0] and album.photos.count() == 0


def test_alt_text_is_required(editor, home):
    album = Album.objects.create(title="Hội thảo")
    response = upload(editor, album, [jpeg()], alt="  ")
    assert response.status_code == 400 and "văn bản thay thế" in response.json()["errors"][0]


def test_album_page_has_avif_webp_srcset_alt_and_works_without_javascript(home):
    load_demo()
    album = Album.objects.get(slug="le-khoi-cong-nha-may-kcn-phu-loi")
    html = Client().get(album.get_absolute_url()).content.decode()
    assert 'type="image/avif"' in html and ".webp 800w" in html
    assert 'alt="Đại biểu cắt băng khởi công"' in html
    # Every photo is a link to its large rendition: readable with JavaScript off.
    assert html.count('class="photo-grid__link" href="/media/images/') == album.photos.count()
    assert "lightbox.js" in html
    index = Client().get("/thu-vien-anh/").content.decode()
    assert album.title in index


def test_demo_loader_is_idempotent(home):
    load_demo()
    load_demo()
    assert Album.objects.count() == 2


def test_hidden_and_missing_albums_are_404(home):
    Album.objects.create(title="Nội bộ", live=False)
    assert Client().get("/thu-vien-anh/noi-bo/").status_code == 404
    assert Client().get("/thu-vien-anh/khong-co/").status_code == 404
    assert Client().get("/thu-vien-anh/?trang=abc").status_code == 200


def test_an_album_embeds_in_an_article(home):
    load_demo()
    album = Album.objects.get(slug="hoi-thao-chuyen-doi-so-doanh-nghiep")
    article = make_article(make_section(home), title="Doanh nghiệp chuyển đổi số")
    article.body = [("album", {"album": album})]
    article.save_revision().publish()
    html = Client().get(article.url).content.decode()
    assert f"Album ảnh: {album.title}" in html
    assert html.count("photo-grid__link") == album.photos.count()


def test_reader_views_of_an_album_are_counted_as_albums(home):
    from toasoan.statistics.content import describe_path

    load_demo()
    album = Album.objects.get(slug="hoi-thao-chuyen-doi-so-doanh-nghiep")
    described = describe_path(album.get_absolute_url())
    assert (described.kind, described.object_id, described.title) == (
        "album",
        album.pk,
        album.title,
    )


def test_editors_reach_bulk_upload_from_the_album_and_can_reorder_photos(editor, home):
    load_demo()
    album = Album.objects.get(slug="le-khoi-cong-nha-may-kcn-phu-loi")
    edit = editor.get(f"/quan-tri/snippets/photos/album/edit/{album.pk}/")
    assert edit.status_code == 200
    html = edit.content.decode()
    assert f"/quan-tri/thu-vien-anh/{album.pk}/tai-len/" in html
    # The photos are an ordered inline formset (drag and drop in Wagtail's InlinePanel).
    assert 'name="photos-TOTAL_FORMS"' in html and 'name="photos-0-ORDER"' in html
    page = editor.get(f"/quan-tri/thu-vien-anh/{album.pk}/tai-len/")
    assert page.status_code == 200 and 'type="file" name="file" multiple' in page.content.decode()
    assert editor.get("/quan-tri/snippets/photos/album/").status_code == 200
    assert editor.get("/quan-tri/snippets/videos/video/").status_code == 200


def test_albums_with_the_same_title_get_numbered_slugs(db):
    first = Album.objects.create(title="Hội thảo đầu tư")
    second = Album.objects.create(title="Hội thảo đầu tư")
    assert (first.slug, second.slug) == ("hoi-thao-dau-tu", "hoi-thao-dau-tu-2")
    first.slug = ""  # cleared by an editor: its own old slug does not count as taken
    first.save()
    assert Album.objects.get(pk=first.pk).slug == "hoi-thao-dau-tu"
