import datetime as dt
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from toasoan.comments.models import Comment

from .conftest import comment_data, post_json, solve_altcha

pytestmark = pytest.mark.django_db


def _form_url(page):
    return reverse("comments:form", args=[page.pk])


class TestCachedArticlePage:
    def test_article_html_holds_no_csrf_token_and_no_challenge(self, client, article):
        html = client.get(article.url).content.decode()
        assert 'id="y-kien-ban-doc"' in html
        assert 'name="csrfmiddlewaretoken" value=""' in html
        assert not re.search(r'csrfmiddlewaretoken" value="[^"]+', html)
        assert '"signature"' not in html and "nonce" not in html
        assert reverse("comments:challenge") in html  # the widget fetches it itself

    def test_article_html_has_no_inline_script_or_handler(self, client, article):
        html = client.get(article.url).content.decode()
        area = html[html.index('id="y-kien-ban-doc"') :]
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", area)
        assert not re.search(r"\son[a-z]+=", area)
        assert ' style="' not in area

    def test_no_js_link_points_at_uncached_form(self, client, article):
        html = client.get(article.url).content.decode()
        assert f'href="{_form_url(article)}"' in html

    def test_each_article_form_posts_to_its_own_article(self, client, article, section):
        # The shared form is rendered once per process and filled in per article.
        from toasoan.news.tests.factories import make_article

        for page in (article, make_article(section, title="Bài thứ hai"), article):
            html = client.get(page.url).content.decode()
            session = reverse("comments:session", args=[page.pk])
            assert f'action="{_form_url(page)}"' in html
            assert f'data-session-url="{session}"' in html
            assert f'href="{_form_url(page)}" data-fallback-link' in html
            assert html.count('name="body"') == 1


class TestSessionEndpoint:
    def test_returns_fresh_csrf_token_total_and_is_not_cached(self, client, article):
        Comment.objects.create(page=article, name="A", body="Đã duyệt", status="approved")
        response = client.get(reverse("comments:session", args=[article.pk]))
        data = response.json()
        assert len(data["csrfToken"]) >= 32
        assert data["total"] == 1 and data["open"] is True
        assert "no-store" in response["Cache-Control"]
        assert "csrftoken" in response.cookies

    def test_challenge_endpoint_is_not_cached(self, client):
        response = client.get(reverse("comments:challenge"))
        assert "no-store" in response["Cache-Control"]
        assert response.json()["parameters"]["algorithm"] == "PBKDF2/SHA-256"


class TestPostingWithJavaScript:
    def test_valid_comment_is_stored_pending_and_reader_told(self, client, article):
        response = post_json(client, article, comment_data(client))
        assert response.status_code == 201
        data = response.json()
        assert "chờ duyệt" in data["message"]
        comment = Comment.objects.get(pk=data["id"])
        assert comment.status == Comment.Status.PENDING
        assert comment.body == "Bài viết rất hay, cảm ơn tòa soạn."
        assert comment.ip_hash and "127.0.0.1" not in comment.ip_hash

    def test_email_is_stored_lower_case_so_limits_match_any_spelling(self, client, article):
        data = comment_data(client, email="Nguyen.An@Example.COM")
        response = post_json(client, article, data)
        assert Comment.objects.get(pk=response.json()["id"]).email == "nguyen.an@example.com"

    def test_csrf_is_enforced_with_the_token_from_the_session_endpoint(self, article):
        client = Client(enforce_csrf_checks=True)
        response = post_json(client, article, comment_data(client))
        assert response.status_code == 403
        assert "Phiên gửi ý kiến đã hết hạn" in response.json()["message"]
        assert not Comment.objects.exists()
        token = client.get(reverse("comments:session", args=[article.pk])).json()["csrfToken"]
        data = comment_data(client, csrfmiddlewaretoken=token)
        assert post_json(client, article, data).status_code == 201

    def test_without_bot_check_nothing_is_stored(self, client, article):
        response = post_json(client, article, comment_data(client, altcha=None))
        assert response.status_code == 400
        assert "người máy" in response.json()["errors"]["altcha"][0]
        assert not Comment.objects.exists()

    def test_forged_altcha_payload_is_refused(self, client, article):
        response = post_json(client, article, comment_data(client, altcha="eyJmb28iOjF9"))
        assert response.status_code == 400
        assert not Comment.objects.exists()

    def test_solved_challenge_cannot_be_used_twice(self, client, article):
        payload = solve_altcha(client)
        first = post_json(client, article, comment_data(client, altcha=payload))
        assert first.status_code == 201
        second = post_json(
            client,
            article,
            comment_data(client, altcha=payload, body="Một ý kiến khác", email="b@example.com"),
        )
        assert second.status_code == 400
        assert "đã được dùng" in second.json()["errors"]["altcha"][0]
        assert Comment.objects.count() == 1

    def test_field_errors_are_vietnamese_and_next_to_each_field(self, client, article):
        data = comment_data(client, name="", email="khong-phai-email", body="")
        response = post_json(client, article, data)
        assert response.status_code == 400
        errors = response.json()["errors"]
        assert errors["name"] == ["Vui lòng nhập họ tên."]
        assert "Email chưa đúng" in errors["email"][0]
        assert errors["body"] == ["Vui lòng nhập nội dung ý kiến."]

    def test_body_too_long_says_the_limit(self, client, article):
        response = post_json(client, article, comment_data(client, body="a" * 3001))
        assert response.status_code == 400
        assert "3000" in response.json()["errors"]["body"][0]

    def test_rate_limit_per_ip_answers_429_with_clear_message(self, client, article):
        for n in range(2):
            data = comment_data(client, email=f"r{n}@example.com", body=f"Ý kiến số {n}")
            assert post_json(client, article, data).status_code == 201
        data = comment_data(client, email="r9@example.com", body="Ý kiến thứ ba")
        response = post_json(client, article, data)
        assert response.status_code == 429
        assert "chờ một phút" in response.json()["message"]
        assert response["Retry-After"] == "60"
        assert Comment.objects.count() == 2

    def test_rate_limit_per_email_across_ips(self, client, article):
        for n in range(2):
            data = comment_data(client, body=f"Ý kiến số {n}")
            response = post_json(client, article, data, REMOTE_ADDR=f"10.0.0.{n}")
            assert response.status_code == 201
        response = post_json(client, article, comment_data(client), REMOTE_ADDR="10.0.0.9")
        assert response.status_code == 429

    def test_duplicate_text_is_refused(self, client, article):
        assert post_json(client, article, comment_data(client)).status_code == 201
        data = comment_data(client, body="  BÀI VIẾT rất hay,   cảm ơn tòa soạn. ")
        response = post_json(client, article, data, REMOTE_ADDR="10.1.1.1")
        assert response.status_code == 409
        assert Comment.objects.count() == 1

    def test_honeypot_refuses_and_stores_nothing(self, client, article):
        data = comment_data(client, website="http://spam.example")
        assert post_json(client, article, data).status_code == 400
        assert not Comment.objects.exists()

    def test_closed_article_refuses_posts(self, client, article):
        article.comments_enabled = False
        article.save_revision().publish()
        response = post_json(client, article, comment_data(client))
        assert response.status_code == 404
        assert not Comment.objects.exists()

    def test_reply_attaches_one_level_deep(self, client, article):
        top = Comment.objects.create(page=article, name="A", body="Gốc", status="approved")
        reply = Comment.objects.create(
            page=article, parent=top, name="B", body="Trả lời", status="approved"
        )
        response = post_json(client, article, comment_data(client, parent=str(reply.pk)))
        assert response.status_code == 201
        assert Comment.objects.get(pk=response.json()["id"]).parent_id == top.pk

    def test_reply_to_comment_of_another_article_is_refused(self, client, article, section):
        from toasoan.news.tests.factories import make_article

        other = make_article(section)
        foreign = Comment.objects.create(page=other, name="A", body="Khác", status="approved")
        response = post_json(client, article, comment_data(client, parent=str(foreign.pk)))
        assert response.status_code == 400
        assert Comment.objects.count() == 1


class TestPostingWithoutJavaScript:
    def _question(self, html):
        from toasoan.botcheck.challenge import answer_for_tests

        question_id = re.search(r'name="question_id" value="([^"]+)"', html).group(1)
        assert f"/kiem-tra/anh/{question_id}.png" in html
        return question_id, answer_for_tests(question_id)

    def test_form_page_has_token_question_refresh_and_is_not_cached(self, client, article):
        response = client.get(_form_url(article))
        html = response.content.decode()
        assert "no-store" in response["Cache-Control"]
        assert re.search(r'csrfmiddlewaretoken" value="[^"]+', html)
        assert "trong hình" in html and "Đổi hình khác" in html
        assert "<altcha-widget" not in html

    def test_right_answer_stores_comment_and_redirects_to_confirmation(self, client, article):
        question_id, answer = self._question(client.get(_form_url(article)).content.decode())
        data = {
            "name": "Trần Thị Bình",
            "email": "binh@example.com",
            "body": "Đồng tình.",
            "question_id": question_id,
            "answer": str(answer),
        }
        response = client.post(_form_url(article), data)
        assert response.status_code == 302
        assert Comment.objects.get().name == "Trần Thị Bình"
        confirmation = client.get(response["Location"]).content.decode()
        assert "đang chờ duyệt" in confirmation

    def test_wrong_answer_keeps_input_and_uses_the_question_up(self, client, article):
        question_id, answer = self._question(client.get(_form_url(article)).content.decode())
        data = {
            "name": "Trần Thị Bình",
            "email": "binh@example.com",
            "body": "Nội dung giữ lại",
            "question_id": question_id,
            "answer": "".join("3" if c == "2" else "2" for c in answer),
        }
        response = client.post(_form_url(article), data)
        html = response.content.decode()
        assert response.status_code == 400
        assert "Mã chưa đúng" in html
        assert 'value="Trần Thị Bình"' in html and "Nội dung giữ lại</textarea>" in html
        data["answer"] = str(answer)  # the right answer, but the question is used up
        assert client.post(_form_url(article), data).status_code == 400
        assert not Comment.objects.exists()

    def test_reply_link_prefills_the_parent(self, client, article):
        top = Comment.objects.create(
            page=article, name="Độc giả Hoa", body="Gốc", status="approved"
        )
        html = client.get(_form_url(article) + f"?tra-loi={top.pk}").content.decode()
        assert f'name="parent" value="{top.pk}"' in html
        assert "Đang trả lời ý kiến của <bdi>Độc giả Hoa</bdi>" in html

    def test_refresh_gives_new_question_and_keeps_input(self, client, article):
        question_id, _ = self._question(client.get(_form_url(article)).content.decode())
        data = {
            "name": "Lê Văn C",
            "body": "Đang gõ dở",
            "question_id": question_id,
            "doi-cau-hoi": "1",
        }
        html = client.post(_form_url(article), data).content.decode()
        assert 'value="Lê Văn C"' in html and "Đang gõ dở</textarea>" in html
        assert self._question(html)[0] != question_id
        assert "Vui lòng nhập" not in html
        assert not Comment.objects.exists()


class TestHostileInput:
    XSS = [
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "<svg/onload=alert(1)>",
        "javascript:alert(1)",
        '<a href="javascript:alert(1)">bấm</a>',
        "{{ 7*7 }} {% debug %}",
        "<iframe src=//evil.example></iframe>",
    ]

    def test_xss_payloads_are_stored_as_text_and_rendered_escaped(self, client, article):
        for n, payload in enumerate(self.XSS):
            data = comment_data(
                client,
                body=f"{payload} #{n}",
                name=f"Bạn đọc {payload}"[:100],
                email=f"x{n}@example.com",
            )
            response = post_json(client, article, data, REMOTE_ADDR=f"10.2.0.{n}")
            assert response.status_code == 201, response.content
        Comment.objects.update(status="approved")
        html = client.get(article.url).content.decode()
        area = html[html.index('id="y-kien-ban-doc"') :]
        assert "<script>alert" not in area and "<img src=x" not in area
        assert "<svg/onload" not in area and "<iframe" not in area
        assert '<a href="javascript' not in area
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in area
        assert "{{ 7*7 }}" in area

    def test_line_breaks_kept_and_links_not_clickable(self, client, article):
        Comment.objects.create(
            page=article, name="A", status="approved", body="Dòng một\nDòng hai https://example.com"
        )
        html = client.get(article.url).content.decode()
        assert "Dòng một<br>Dòng hai https://example.com" in html
        assert 'href="https://example.com"' not in html

    def test_huge_body_gets_413_before_parsing(self, client, article):
        response = client.post(
            _form_url(article), {"body": "x" * 200_000}, HTTP_ACCEPT="application/json"
        )
        assert response.status_code == 413
        assert "quá lớn" in response.json()["message"]
        assert not Comment.objects.exists()

    def test_bad_utf8_is_a_clear_400(self, client, article):
        payload = solve_altcha(client)
        body = (
            b"name=%C3%A0%FF%FE&email=a%40example.com&body=%FF%FE%FD+hay&altcha=" + payload.encode()
        )
        response = client.generic(
            "POST",
            _form_url(article),
            body,
            content_type="application/x-www-form-urlencoded",
            HTTP_ACCEPT="application/json",
        )
        assert response.status_code == 400
        assert "sai bảng mã" in response.json()["errors"]["body"][0]
        assert not Comment.objects.exists()

    def test_malformed_multipart_is_a_clear_400(self, client, article):
        response = client.generic(
            "POST",
            _form_url(article),
            b"--xx\r\ngarbage",
            content_type="multipart/form-data; boundary=",
            HTTP_ACCEPT="application/json",
        )
        assert response.status_code == 400
        assert not Comment.objects.exists()

    @pytest.mark.parametrize(
        "overrides",
        [
            {"parent": "abc"},
            {"parent": "-5"},
            {"name": None},
            {"email": None},
            {"body": None},
            {"body": "\x00\x00"},
            {"name": "A" * 500},
            {"email": "a" * 300 + "@example.com"},
        ],
    )
    def test_malformed_fields_are_400_never_500(self, client, article, overrides):
        response = post_json(client, article, comment_data(client, **overrides))
        assert response.status_code == 400
        assert response.json()["errors"]
        assert not Comment.objects.exists()

    def test_json_body_instead_of_form_is_400(self, client, article):
        response = client.post(
            _form_url(article),
            {"name": "A"},
            content_type="application/json",
            HTTP_ACCEPT="application/json",
        )
        assert response.status_code == 400
        assert not Comment.objects.exists()

    def test_unknown_page_is_404_and_get_of_bad_id_too(self, client):
        assert client.post("/binh-luan/999999/", {}).status_code == 404
        assert client.get("/binh-luan/abc/").status_code == 404

    def test_put_is_405(self, client, article):
        assert client.put(_form_url(article)).status_code == 405


class TestDisplay:
    def test_approved_comments_total_replies_and_official_badge(self, client, article):
        top = Comment.objects.create(
            page=article, name="Độc giả A", body="Câu hỏi?", status="approved"
        )
        Comment.objects.create(
            page=article,
            parent=top,
            name="Ban biên tập",
            body="Đã trả lời",
            status="approved",
            is_official=True,
        )
        Comment.objects.create(page=article, name="Ẩn", body="Chưa duyệt", status="pending")
        html = client.get(article.url).content.decode()
        assert "Tổng lượt bình luận: <strong data-comment-total>2</strong>" in html
        assert "Chưa duyệt" not in html
        assert 'class="badge badge--official">Ban biên tập</span>' in html
        assert "comment-list--replies" in html
        assert "vừa xong" in html or "giây trước" in html or "phút trước" in html

    def test_sort_oldest_and_newest(self, client, article):
        old = Comment.objects.create(page=article, name="Cũ", body="Ý kiến cũ", status="approved")
        Comment.objects.filter(pk=old.pk).update(created_at=old.created_at.replace(year=2020))
        Comment.objects.create(page=article, name="Mới", body="Ý kiến mới", status="approved")
        newest = client.get(article.url).content.decode()
        oldest = client.get(article.url + "?binh-luan=cu-nhat").content.decode()
        assert newest.index("Ý kiến mới") < newest.index("Ý kiến cũ")
        assert oldest.index("Ý kiến cũ") < oldest.index("Ý kiến mới")

    def test_moderator_is_mailed_when_comment_waits(
        self, client, article, django_user_model, django_capture_on_commit_callbacks
    ):
        django_user_model.objects.create_superuser("bt", "bientap@example.com", "x" * 12)
        with django_capture_on_commit_callbacks(execute=True):
            assert post_json(client, article, comment_data(client)).status_code == 201
        to_moderators = [m for m in mail.outbox if m.to == ["bientap@example.com"]]
        assert len(to_moderators) == 1
        assert "chờ duyệt" in to_moderators[0].subject


def _age_all_comments():
    Comment.objects.update(created_at=timezone.now() - dt.timedelta(hours=1))


class TestEmailVerification:
    """#23: trust and reply mails need an address whose owner confirmed it, in the
    poster's own browser."""

    def _link(self):
        body = [m for m in mail.outbox if "Xác nhận" in m.subject][-1].body
        return re.search(r"http://testserver(/binh-luan/xac-nhan/[^\s]+/)", body).group(1)

    def test_first_use_mails_one_link_and_confirming_gives_trust(self, client, article):
        from toasoan.comments.verification import COOKIE_NAME, is_verified

        assert post_json(client, article, comment_data(client, body="Lần đầu")).status_code == 201
        link = self._link()
        post_json(client, article, comment_data(client, body="Lần hai"))
        confirmations = [m for m in mail.outbox if "Xác nhận" in m.subject]
        assert len(confirmations) == 1  # at most one a week to an address
        assert not is_verified("an@example.com")
        page = client.get(link)  # a mail scanner opening the link confirms nothing
        assert page.status_code == 200 and not is_verified("an@example.com")
        response = client.post(link)
        assert response.status_code == 200 and is_verified("an@example.com")
        cookie = response.cookies[COOKIE_NAME]
        assert cookie["path"] == "/binh-luan/" and cookie["httponly"]
        Comment.objects.update(status="approved")
        Comment.objects.create(
            page=article, name="An", email="an@example.com", body="Ba", status="approved"
        )
        _age_all_comments()  # out of the rate-limit window
        trusted = post_json(client, article, comment_data(client, body="Đăng ngay"))
        assert trusted.json()["status"] == "approved"

    def test_someone_else_typing_the_address_waits_for_moderation(self, client, article):
        from django.test import Client

        from toasoan.comments.verification import mark_verified

        mark_verified("an@example.com")
        for n in range(3):
            Comment.objects.create(
                page=article, name="An", email="an@example.com", body=f"cũ {n}", status="approved"
            )
        _age_all_comments()
        attacker = Client()
        response = post_json(attacker, article, comment_data(attacker, body="Giả danh"))
        assert response.json()["status"] == "pending"

    def test_a_forged_or_old_link_is_refused(self, client):
        assert client.get("/binh-luan/xac-nhan/an@example.com:abc/").status_code == 400
        assert client.post("/binh-luan/xac-nhan/x/").status_code == 400

    def test_replies_are_mailed_to_confirmed_addresses_only(
        self, article, django_capture_on_commit_callbacks
    ):
        from toasoan.comments.verification import mark_verified

        parent = Comment.objects.create(
            page=article,
            name="Nạn nhân",
            email="nguoi-thu-ba@example.com",
            body="Gốc",
            status="approved",
            notify_on_reply=True,
        )
        with django_capture_on_commit_callbacks(execute=True):
            Comment.objects.create(
                page=article, parent=parent, name="B", body="Trả lời", status="approved"
            )
        assert mail.outbox == []
        mark_verified("nguoi-thu-ba@example.com")
        with django_capture_on_commit_callbacks(execute=True):
            Comment.objects.create(
                page=article, parent=parent, name="C", body="Nữa", status="approved"
            )
        assert [m.to for m in mail.outbox] == [["nguoi-thu-ba@example.com"]]


class TestNames:
    def test_bidi_override_is_removed_and_names_are_isolated(self, client, article):
        """#23: a right-to-left override (U+202E) in the name flipped the header."""
        data = comment_data(client, name="\u202eNguyễn An\u200b", body="Chào")
        assert post_json(client, article, data).status_code == 201
        comment = Comment.objects.get()
        assert comment.name == "Nguyễn An"
        comment.status = "approved"
        comment.save()
        html = client.get(article.url).content.decode()
        assert "<bdi>Nguyễn An</bdi>" in html


class TestHtmlErrorPages:
    def test_huge_body_without_js_gets_vietnamese_error_page(self, client, article):
        response = client.post(_form_url(article), {"body": "x" * 200_000})
        assert response.status_code == 413
        assert "Nội dung gửi lên quá lớn." in response.content.decode()

    def test_rate_limit_without_js_shows_message_above_the_form(self, client, article):
        for n in range(2):
            Comment.objects.create(
                page=article, name="A", email="an@example.com", body=f"cũ {n}", ip_hash="x"
            )
        html = client.post(_form_url(article), comment_data(client)).content.decode()
        assert "quá nhanh" in html and 'value="Nguyễn Văn An"' in html

    def test_csrf_failure_without_js_is_a_clear_403(self, article):
        client = Client(enforce_csrf_checks=True)
        response = client.post(_form_url(article), comment_data(client))
        assert response.status_code == 403
        assert "Phiên gửi ý kiến đã hết hạn" in response.content.decode()
