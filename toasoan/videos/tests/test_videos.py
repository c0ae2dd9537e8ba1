"""Videos: range requests answered correctly, uploads checked by content, posters, captions."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from toasoan.news.tests.factories import make_home
from toasoan.videos.demo import ASSETS, load_demo
from toasoan.videos.models import Video
from toasoan.videos.validators import validate_captions_file, validate_video_file

pytestmark = pytest.mark.django_db
CLIP = (ASSETS / "phu-loi.webm").read_bytes()


@pytest.fixture
def video():
    Client().get(make_home().url)
    video = Video(title="Toàn cảnh khu công nghiệp")
    video.file.save("clip.webm", ContentFile(CLIP), save=False)
    video.save()
    return video


def get(video, range_header=None):
    headers = {"HTTP_RANGE": range_header} if range_header else {}
    return Client().get(f"/thu-vien-video/tep/{video.pk}/", **headers)


def body(response):
    return b"".join(response.streaming_content)


def test_whole_file_says_it_accepts_ranges(video):
    response = get(video)
    assert response.status_code == 200 and response["Accept-Ranges"] == "bytes"
    assert body(response) == CLIP and response["Content-Type"] == "video/webm"


@pytest.mark.parametrize(
    ("header", "start", "end"),
    [
        ("bytes=0-99", 0, 99),
        ("bytes=100-", 100, len(CLIP) - 1),
        ("bytes=-10", len(CLIP) - 10, len(CLIP) - 1),
        ("bytes=0-99999999", 0, len(CLIP) - 1),
    ],
)
def test_a_range_is_answered_with_206_and_exactly_those_bytes(video, header, start, end):
    response = get(video, header)
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {start}-{end}/{len(CLIP)}"
    assert body(response) == CLIP[start : end + 1]
    assert int(response["Content-Length"]) == end - start + 1


@pytest.mark.parametrize(
    "header",
    ["bytes=99999999-", "bytes=abc", "bytes=5-1", "bytes=-0", "bytes=-", "items=0-1", "bytes=--1"],
)
def test_a_broken_range_is_416_never_500(video, header):
    response = get(video, header)
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(CLIP)}"


def test_several_ranges_get_the_whole_file(video):
    response = get(video, "bytes=0-1,5-6")
    assert response.status_code == 200 and body(response) == CLIP


def test_hidden_or_missing_videos_are_404(video):
    Video.objects.filter(pk=video.pk).update(live=False)
    assert get(video).status_code == 404
    assert Client().get("/thu-vien-video/tep/999999/").status_code == 404
    assert Client().get(f"/thu-vien-video/phu-de/{video.pk}.vtt").status_code == 404


def test_production_hands_the_file_to_nginx(video, settings):
    settings.TOASOAN_VIDEOS_X_ACCEL = True
    response = get(video, "bytes=0-1")
    assert response["X-Accel-Redirect"] == f"/media/{video.file.name}"


def test_a_video_without_a_poster_shows_a_placeholder_and_says_so(video):
    html = Client().get(video.get_absolute_url()).content.decode()
    assert "poster-placeholder.svg" in html and "Video này chưa có ảnh đại diện." in html
    assert f'<source src="/thu-vien-video/tep/{video.pk}/" type="video/webm">' in html


def test_uploads_are_checked_by_content():
    with pytest.raises(ValidationError, match="không phải là video MP4 hoặc WebM"):
        validate_video_file(SimpleUploadedFile("gia.mp4", b"<html>not a video</html>"))
    validate_video_file(SimpleUploadedFile("that.webm", CLIP))
    validate_video_file(SimpleUploadedFile("that.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 20))


def test_a_huge_video_is_refused(settings):
    settings.TOASOAN_VIDEO_MAX_BYTES = 100
    with pytest.raises(ValidationError, match="quá lớn"):
        validate_video_file(SimpleUploadedFile("lon.webm", CLIP))


def test_captions_must_be_webvtt():
    with pytest.raises(ValidationError, match="WebVTT"):
        validate_captions_file(
            SimpleUploadedFile("phu-de.vtt", b"1\n00:00:01,000 --> 00:00:02,000\nSRT")
        )
    validate_captions_file(SimpleUploadedFile("phu-de.vtt", "\ufeffWEBVTT\n\n".encode()))


def test_a_video_needs_a_file_or_a_youtube_link():
    with pytest.raises(ValidationError):
        Video(title="Trống").clean()
    with pytest.raises(ValidationError):
        Video(title="Sai", youtube_url="https://vimeo.com/1").clean()


def test_youtube_videos_load_nothing_from_youtube_until_clicked():
    Client().get(make_home().url)
    video = Video.objects.create(
        title="Phóng sự", youtube_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    )
    html = Client().get(video.get_absolute_url()).content.decode()
    assert 'data-embed="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"' in html
    assert "<iframe" not in html and "ytimg" not in html


def test_demo_video_has_poster_captions_and_is_idempotent():
    Client().get(make_home().url)
    load_demo()
    load_demo()
    video = Video.objects.get()
    assert video.poster and video.captions
    captions = Client().get(f"/thu-vien-video/phu-de/{video.pk}.vtt")
    assert captions["Content-Type"].startswith("text/vtt")
    assert b"".join(captions.streaming_content).startswith(b"WEBVTT")
