import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import Site

from toasoan.contact.demo import load_demo
from toasoan.contact.models import ContactDetails, ContactMessage
from toasoan.outbox.models import OutboxMessage
from toasoan.outbox.sending import send_due
from toasoan.questions.tests.helpers import solve_altcha

pytestmark = pytest.mark.django_db


def contact_data(client, topic_obj, **overrides):
    data = {
        "topic": topic_obj.pk,
        "name": "Trần Văn Hùng",
        "email": "hung@example.vn",
        "phone": "(0274) 3822 118",
        "subject": "Hỏi lịch tiếp doanh nghiệp",
        "body": "Xin cho biết lịch tiếp doanh nghiệp tháng này.",
        "altcha": solve_altcha(client),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def send(client, data):
    return client.post(reverse("contact:page"), data)


def test_page_shows_details_map_and_form(client, topic):
    load_demo()
    response = client.get(reverse("contact:page"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "số 18 đường Trần Hưng Đạo" in html and "(0274) 3 822 118" in html
    assert "Giờ làm việc" in html and "altcha-widget" in html
    details = ContactDetails.for_site(Site.objects.get(is_default_site=True))
    assert details.map_image is not None
    assert "<img" in html and "/media/images/" in html  # the map is served from our media
    assert "maps.google" not in html and "openstreetmap" not in html


def test_demo_is_idempotent(db):
    load_demo()
    load_demo()
    from wagtail.images import get_image_model

    from toasoan.contact.models import ContactTopic

    assert ContactTopic.objects.count() == 4
    assert get_image_model().objects.filter(title__startswith="Bản đồ").count() == 1


def test_message_is_stored_and_routed_to_the_topic_email(client, topic):
    response = send(client, contact_data(client, topic))
    assert response.status_code == 302 and "da-gui=1" in response["Location"]
    message = ContactMessage.objects.get()
    assert message.status == ContactMessage.Status.NEW and message.ip_hash
    assert "Cảm ơn bạn" in client.get(response["Location"]).content.decode()
    send_due()
    assert mail.outbox[0].to == ["dautu@example.vn"]
    assert mail.outbox[0].reply_to == ["hung@example.vn"]
    assert "Hỏi lịch tiếp doanh nghiệp" in mail.outbox[0].subject


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"topic": ""}, "Vui lòng chọn chủ đề."),
        ({"email": "a@"}, "Email chưa đúng"),
        ({"phone": "123"}, "Số điện thoại chưa đúng"),
        ({"body": "ngắn"}, "Cần ít nhất 10 ký tự."),
        ({"body": "x" * 5001}, "Tối đa 5000 ký tự (hiện có 5001)"),
        ({"altcha": ""}, "không phải người máy"),
    ],
)
def test_bad_input_is_refused_in_vietnamese(client, topic, overrides, message):
    response = send(client, contact_data(client, topic, **overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ContactMessage.objects.exists() and not OutboxMessage.objects.exists()


def test_html_is_kept_as_text_and_escaped_in_admin(client, topic, admin_client):
    send(client, contact_data(client, topic, subject="<script>alert(1)</script>"))
    message = ContactMessage.objects.get()
    assert message.subject == "<script>alert(1)</script>"
    html = admin_client.get(reverse("contact_messages:list")).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def test_flood_and_replay_and_honeypot(client, topic, settings):
    settings.TOASOAN_CONTACT_RATE_LIMIT = {"per_ip": 1}
    data = contact_data(client, topic)
    assert send(client, data).status_code == 302
    data["email"] = "khac@example.vn"
    assert send(client, data).status_code == 429  # flood from the same address
    settings.TOASOAN_CONTACT_RATE_LIMIT = {"per_ip": 0, "per_email": 0}
    replayed = send(client, data)
    assert replayed.status_code == 400 and "đã được dùng" in replayed.content.decode()
    assert send(client, contact_data(client, topic, website="x")).status_code == 400
    assert ContactMessage.objects.count() == 1


def test_oversized_body_is_refused(client, topic):
    response = client.post(reverse("contact:page"), {"body": "x" * 70000})
    assert response.status_code == 413


def test_mark_handled_in_admin(admin_client, client, topic):
    send(client, contact_data(client, topic))
    message = ContactMessage.objects.get()
    url = (
        reverse("wagtail_bulk_action", args=["contact", "contactmessage", "mark_handled"])
        + f"?id={message.pk}"
    )
    response = admin_client.post(url, {})
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.status == ContactMessage.Status.HANDLED and message.handled_at


def test_mark_handled_asks_first(admin_client, client, topic):
    send(client, contact_data(client, topic, subject="Hỏi <b>lịch</b>"))
    message = ContactMessage.objects.get()
    url = reverse("wagtail_bulk_action", args=["contact", "contactmessage", "mark_handled"])
    html = admin_client.get(f"{url}?id={message.pk}").content.decode()
    assert "<title>Đánh dấu đã xử lý – 1" in html
    assert "Đánh dấu đã xử lý 1 thư sau?" in html
    assert "<li>Hỏi &lt;b&gt;lịch&lt;/b&gt; – Trần Văn Hùng</li>" in html
    assert "Có, đánh dấu" in html and "Không, quay lại" in html
    message.refresh_from_db()
    assert message.status == ContactMessage.Status.NEW
