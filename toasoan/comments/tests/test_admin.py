import json

import pytest
from django.core import mail
from django.urls import reverse

from toasoan.comments.models import Comment

pytestmark = pytest.mark.django_db

LIST = "comments_admin:list"


@pytest.fixture
def comments(article):
    return [
        Comment.objects.create(
            page=article,
            name="Chờ Một",
            email="mot@example.com",
            body="Ý kiến chờ duyệt số một",
            held_reason="Có 3 liên kết",
        ),
        Comment.objects.create(
            page=article, name="Chờ Hai", email="hai@example.com", body="Ý kiến chờ duyệt số hai"
        ),
        Comment.objects.create(
            page=article,
            name="Đã Duyệt",
            email="ba@example.com",
            body="Ý kiến đã được duyệt",
            status="approved",
            notify_on_reply=True,
        ),
    ]


@pytest.fixture(autouse=True)
def _verified_reader(db):
    # ba@example.com confirmed the address (replies are mailed to confirmed ones only).
    from toasoan.comments.verification import mark_verified

    mark_verified("ba@example.com")


def _bulk(admin_client, action, objects):
    ids = "&".join(f"id={c.pk}" for c in objects)
    url = f"/quan-tri/bulk/comments/comment/{action}/?{ids}"
    return admin_client.post(url, {"next": reverse(LIST)})


class TestQueue:
    def test_pending_queue_lists_article_excerpt_name_email_and_reason(
        self, admin_client, comments, article
    ):
        html = admin_client.get(reverse(LIST) + "?status=pending").content.decode()
        assert "Ý kiến chờ duyệt số một" in html and "Ý kiến chờ duyệt số hai" in html
        assert "Ý kiến đã được duyệt" not in html
        assert "mot@example.com" in html and "Có 3 liên kết" in html
        assert article.title[:40] in html
        assert f"?page_id={article.pk}" in html
        # each row: a link to edit and the "reply as Ban biên tập" action
        assert reverse("comments_admin:edit", args=[comments[0].pk]) in html
        assert reverse("comments_admin:reply", args=[comments[0].pk]) in html

    def test_search_and_per_article_filter(self, admin_client, comments, article, section):
        from toasoan.news.tests.factories import make_article

        other = make_article(section, title="Bài khác hẳn")
        Comment.objects.create(page=other, name="Khác", body="Bình luận bài khác")
        html = admin_client.get(reverse(LIST) + "?q=chờ duyệt số hai").content.decode()
        assert "số hai" in html and "số một" not in html
        html = admin_client.get(reverse(LIST) + f"?page_id={other.pk}").content.decode()
        assert "Bình luận bài khác" in html and "số một" not in html
        html = admin_client.get(reverse(LIST) + f"?section={section.pk}").content.decode()
        assert "Bình luận bài khác" in html and "số một" in html

    def test_menu_shows_pending_count(self, admin_client, comments):
        html = admin_client.get("/quan-tri/").content.decode()
        # The sidebar is rendered from JSON, so the label appears JSON-escaped.
        assert json.dumps("Bình luận (2)") in html

    def test_bulk_approve_publishes_and_count_goes_up(
        self, admin_client, comments, client, article
    ):
        before = client.get(article.url).content.decode()
        assert "data-comment-total>1<" in before
        response = _bulk(admin_client, "approve", comments[:2])
        assert response.status_code == 302
        assert Comment.objects.approved().count() == 3
        assert Comment.objects.get(pk=comments[0].pk).moderated_by is not None
        assert "data-comment-total>3<" in client.get(article.url).content.decode()

    @pytest.mark.parametrize("action,status", [("reject", "rejected"), ("spam", "spam")])
    def test_bulk_reject_and_spam(self, admin_client, comments, action, status):
        _bulk(admin_client, action, comments[:1])
        assert Comment.objects.get(pk=comments[0].pk).status == status
        assert Comment.objects.get(pk=comments[1].pk).status == "pending"

    def test_bulk_status_asks_first(self, admin_client, comments):
        html = admin_client.get(
            f"/quan-tri/bulk/comments/comment/spam/?id={comments[0].pk}"
        ).content.decode()
        assert "<title>Thư rác – 1 bình luận" in html
        assert "Áp dụng “Thư rác” cho 1 bình luận sau?" in html
        assert "<li><strong><bdi>Chờ Một</bdi></strong>: Ý kiến chờ duyệt số một</li>" in html
        assert "Có, thực hiện" in html and "Không, quay lại" in html
        assert Comment.objects.get(pk=comments[0].pk).status == "pending"

    def test_bulk_delete(self, admin_client, comments):
        _bulk(admin_client, "delete", comments[:2])
        assert list(Comment.objects.all()) == [comments[2]]

    def test_editor_without_permission_cannot_approve(self, client, comments, django_user_model):
        from django.contrib.auth.models import Permission

        user = django_user_model.objects.create_user("ctv", "ctv@example.com", "x" * 12)
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
        client.force_login(user)
        _bulk(client, "approve", comments[:1])
        assert Comment.objects.get(pk=comments[0].pk).status == "pending"


class TestOfficialReply:
    def test_reply_as_ban_bien_tap_is_published_and_reader_mailed(
        self, admin_client, comments, client, article, django_capture_on_commit_callbacks
    ):
        url = reverse("comments_admin:reply", args=[comments[2].pk])
        assert "Ý kiến đã được duyệt" in admin_client.get(url).content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            response = admin_client.post(url, {"body": "Cảm ơn bạn đã góp ý."})
        assert response.status_code == 302
        reply = Comment.objects.get(is_official=True)
        assert reply.parent == comments[2] and reply.status == "approved"
        html = client.get(article.url).content.decode()
        assert "Cảm ơn bạn đã góp ý." in html and "badge--official" in html
        assert [m.to for m in mail.outbox] == [["ba@example.com"]]
        assert "Cảm ơn bạn đã góp ý." in mail.outbox[0].body

    def test_empty_reply_shows_vietnamese_error(self, admin_client, comments):
        url = reverse("comments_admin:reply", args=[comments[0].pk])
        html = admin_client.post(url, {"body": ""}).content.decode()
        assert "Vui lòng nhập nội dung trả lời." in html
        assert not Comment.objects.filter(is_official=True).exists()

    def test_reply_approves_a_pending_parent(self, admin_client, comments):
        url = reverse("comments_admin:reply", args=[comments[0].pk])
        admin_client.post(url, {"body": "Đã ghi nhận."})
        assert Comment.objects.get(pk=comments[0].pk).status == "approved"


class TestReplyNotifications:
    def test_reader_reply_mails_only_when_opted_in_and_only_once(
        self, comments, article, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            reply = Comment.objects.create(
                page=article,
                parent=comments[2],
                name="Khách",
                email="khach@example.com",
                body="Đồng ý",
            )
        assert mail.outbox == []  # pending: not published yet
        with django_capture_on_commit_callbacks(execute=True):
            reply.status = "approved"
            reply.save()
            reply.save()
        assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ba@example.com"]

    def test_no_mail_without_opt_in(self, comments, article, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            Comment.objects.create(
                page=article, parent=comments[0], name="Khách", body="Đồng ý", status="approved"
            )
        assert mail.outbox == []


class TestModeratorMail:
    def test_throttled_to_one_per_interval(
        self, client, article, django_user_model, django_capture_on_commit_callbacks, settings
    ):
        django_user_model.objects.create_superuser("bt", "bt@example.com", "x" * 12)
        settings.TOASOAN_COMMENTS = {"MODERATOR_EMAIL_INTERVAL_SECONDS": 300}
        with django_capture_on_commit_callbacks(execute=True):
            for n in range(3):
                Comment.objects.create(page=article, name="A", body=f"chờ {n}")
        assert len(mail.outbox) == 1
        assert "/quan-tri/binh-luan/?status=pending" in mail.outbox[0].body


class TestPerArticleView:
    def test_article_edit_page_links_to_its_comments(self, admin_client, comments, article):
        html = admin_client.get(f"/quan-tri/pages/{article.pk}/edit/").content.decode()
        assert f"/quan-tri/binh-luan/?page_id={article.pk}" in html
        assert "Bình luận (3)" in html


class TestModerationRules:
    def test_rules_are_editable_in_settings(self, admin_client):
        from toasoan.comments.models import CommentModerationSettings

        url = "/quan-tri/settings/comments/commentmoderationsettings/"
        response = admin_client.get(url, follow=True)
        url = response.redirect_chain[-1][0] if response.redirect_chain else url
        html = response.content.decode()
        assert "tự duyệt sau số bình luận đã duyệt" in html.lower() and "khốn nạn" in html
        admin_client.post(url, {"auto_approve_after": "5", "max_links": "0", "held_words": "xổ số"})
        rules = CommentModerationSettings.load()
        assert (rules.auto_approve_after, rules.max_links, rules.held_words) == (5, 0, "xổ số")


@pytest.mark.django_db
class TestCommentMenuVisibility:
    def test_menu_item_only_for_moderators(self):
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Permission
        from django.test import RequestFactory

        from toasoan.comments.admin_views import PendingCountMenuItem

        user_model = get_user_model()
        reporter = user_model.objects.create_user("pv-menu", password="x")
        moderator = user_model.objects.create_user("kd-menu", password="x")
        moderator.user_permissions.add(
            Permission.objects.get(codename="change_comment", content_type__app_label="comments")
        )
        item = PendingCountMenuItem("Bình luận", "/quan-tri/binh-luan/")
        request = RequestFactory().get("/quan-tri/")
        request.user = reporter
        assert not item.is_shown(request)
        request.user = user_model.objects.get(pk=moderator.pk)
        assert item.is_shown(request)
