import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from toasoan.comments import moderation, verification
from toasoan.comments.backends.base import BaseSpamBackend, Verdict
from toasoan.comments.models import Comment, CommentModerationSettings
from toasoan.news.tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


def _new(article, **fields):
    values = {"page": article, "name": "Bạn đọc", "email": "doc@example.com", "body": "Hay."}
    values.update(fields)
    return Comment(**values)


def _proving(rf, email):
    """A request from a browser that confirmed ``email`` (the cookie the link sets)."""
    from django.http import HttpResponse

    verification.mark_verified(email)
    response = HttpResponse()
    verification.remember_in_browser(response, email, rf.get("/"))
    request = rf.post("/binh-luan/1/")
    request.COOKIES[verification.COOKIE_NAME] = response.cookies[verification.COOKIE_NAME].value
    return request


class SpamEverything(BaseSpamBackend):
    def check(self, comment, request=None):
        return Verdict(is_spam=True, reason="thử nghiệm")


class TestHeldWords:
    def test_invisible_characters_and_lookalikes_do_not_hide_a_word(self):
        """#23: a word split by a soft hyphen (U+00AD) or another format character, or
        spelled with Cyrillic look-alikes, slipped past the filter."""
        words = ["khốn nạn", "cờ bạc"]
        for text in (
            "đồ khốn\u00ad nạn",
            "đồ khố\u200bn nạn",
            "đồ khốn n\u2060ạn",
            "\u202ekhốn nạn",
            "chơi сờ bạc",  # Cyrillic с
            "chơi ＣỜ BẠC",  # full-width
            "chơi cờ b\ufeffạc",
        ):
            assert moderation.held_words_in(text, words), repr(text)

    def test_every_format_character_is_removed(self):
        import sys
        import unicodedata

        from toasoan.comments.textnorm import for_matching

        format_chars = [
            chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"
        ]
        assert len(format_chars) > 150
        assert for_matching("cờ" + "".join(format_chars) + "bạc") == "cờbạc"

    def test_whole_words_only_and_case_insensitive(self):
        assert moderation.held_words_in("Đồ NGU như bò", ["đồ ngu"]) == ["đồ ngu"]
        # "đụ" must not hold "đụng", "cc" must not hold "accord"
        assert moderation.held_words_in("Xe đụng nhau, accord", ["đụ", "cc"]) == []

    def test_shipped_list_is_vietnamese_and_becomes_the_default(self):
        words = moderation.shipped_held_words()
        assert "khốn nạn" in words and len(words) > 20
        assert CommentModerationSettings.load().held_words.splitlines() == words


class TestLinks:
    @pytest.mark.parametrize(
        "text,count",
        [
            ("xem https://a.com và http://b.org/x", 2),
            ("www.abc.vn", 1),
            ("vào ban-la.xyz/khuyen-mai", 1),
            ("Ngày 3.5 tăng 2.1%", 0),
            ("Không có liên kết nào", 0),
        ],
    )
    def test_count_links(self, text, count):
        assert moderation.count_links(text) == count


class TestInitialStatus:
    def test_new_reader_waits_for_moderation(self, article):
        assert moderation.initial_status(_new(article)) == (Comment.Status.PENDING, "")

    def test_reader_with_n_approved_comments_is_auto_approved(self, article, rf):
        for n in range(3):
            Comment.objects.create(
                page=article, name="A", email="doc@example.com", body=f"cũ {n}", status="approved"
            )
        request = _proving(rf, "doc@example.com")
        assert moderation.initial_status(_new(article), request)[0] == Comment.Status.APPROVED

    def test_typing_a_regulars_address_is_not_trust(self, article, rf):
        """#23: trust keyed on the typed email let anyone who knew a regular commenter's
        address publish straight to the page."""
        for n in range(3):
            Comment.objects.create(
                page=article, name="A", email="doc@example.com", body=f"cũ {n}", status="approved"
            )
        verification.mark_verified("doc@example.com")
        attacker = rf.post("/binh-luan/1/")
        assert moderation.initial_status(_new(article), attacker)[0] == Comment.Status.PENDING
        # A proof for another address (the attacker's own) does not help either.
        other = _proving(rf, "ke-gian@example.com")
        assert moderation.initial_status(_new(article), other)[0] == Comment.Status.PENDING
        # A forged cookie neither.
        forged = rf.post("/binh-luan/1/")
        forged.COOKIES[verification.COOKIE_NAME] = "doc@example.com:forged"
        assert moderation.initial_status(_new(article), forged)[0] == Comment.Status.PENDING

    def test_auto_approve_needs_n_and_a_clean_record(self, article, rf):
        for n in range(3):
            Comment.objects.create(
                page=article, name="A", email="doc@example.com", body=f"cũ {n}", status="approved"
            )
        Comment.objects.create(
            page=article, name="A", email="doc@example.com", body="spam", status="spam"
        )
        request = _proving(rf, "doc@example.com")
        assert moderation.initial_status(_new(article), request)[0] == Comment.Status.PENDING

    def test_auto_approve_off_when_zero(self, article):
        rules = CommentModerationSettings.load()
        rules.auto_approve_after = 0
        rules.save()
        Comment.objects.create(
            page=article, name="A", email="doc@example.com", body="cũ", status="approved"
        )
        assert moderation.initial_status(_new(article))[0] == Comment.Status.PENDING

    def test_more_than_k_links_is_held_even_for_trusted_reader(self, article, rf):
        for n in range(3):
            Comment.objects.create(
                page=article, name="A", email="doc@example.com", body=f"cũ {n}", status="approved"
            )
        body = "https://a.vn https://b.vn https://c.vn"
        request = _proving(rf, "doc@example.com")
        status, reason = moderation.initial_status(_new(article, body=body), request)
        assert status == Comment.Status.PENDING and "3 liên kết" in reason

    def test_held_word_from_editable_list(self, article):
        rules = CommentModerationSettings.load()
        rules.held_words = "cờ bạc\n"
        rules.save()
        status, reason = moderation.initial_status(_new(article, body="Quảng cáo CỜ BẠC online"))
        assert status == Comment.Status.PENDING and "cờ bạc" in reason

    def test_spam_backend_is_pluggable(self, article, settings):
        settings.TOASOAN_COMMENTS = {
            "SPAM_BACKEND": "toasoan.comments.tests.test_moderation.SpamEverything"
        }
        assert moderation.initial_status(_new(article)) == (Comment.Status.SPAM, "thử nghiệm")


class TestCommentsOpen:
    def test_open_by_default(self, article):
        assert moderation.comments_open(article)

    def test_switched_off_per_article(self, article):
        article.comments_enabled = False
        assert not moderation.comments_open(article)
        assert not moderation.comments_visible(article)

    def test_switched_off_per_section_also_for_sub_sections(self, section):
        child = make_section(section, title="Pháp luật")
        article = make_article(child)
        section.comments_enabled = False
        section.save()
        assert not moderation.comments_open(article)

    def test_closes_after_configured_days_but_stays_visible(self, section, settings):
        settings.TOASOAN_COMMENTS = {"CLOSE_AFTER_DAYS": 7}
        article = make_article(section, published_at=timezone.now() - dt.timedelta(days=8))
        assert not moderation.comments_open(article)
        assert moderation.comments_visible(article)
        settings.TOASOAN_COMMENTS = {"CLOSE_AFTER_DAYS": 0}
        assert moderation.comments_open(article)

    def test_closed_article_answers_403_and_says_so(self, client, section, settings):
        settings.TOASOAN_COMMENTS = {"CLOSE_AFTER_DAYS": 7}
        article = make_article(section, published_at=timezone.now() - dt.timedelta(days=8))
        response = client.post(f"/binh-luan/{article.pk}/", {}, HTTP_ACCEPT="application/json")
        assert response.status_code == 403
        assert "đã đóng" in response.json()["message"]
        html = client.get(article.url).content.decode()
        assert "đã đóng ý kiến" in html and "data-comment-form" not in html

    def test_unknown_setting_key_is_an_error(self, settings):
        from django.core.exceptions import ImproperlyConfigured

        from toasoan.comments.conf import comments_setting

        settings.TOASOAN_COMMENTS = {"CLOSE_AFTER_DAY": 3}
        with pytest.raises(ImproperlyConfigured):
            comments_setting("CLOSE_AFTER_DAYS")


class TestIpPrivacy:
    def test_hash_is_keyed_and_hides_the_address(self):
        hashed = moderation.hash_ip("203.113.1.2")
        assert len(hashed) == 64 and "203" not in hashed
        assert hashed == moderation.hash_ip("203.113.1.2") != moderation.hash_ip("203.113.1.3")

    def test_forwarded_for_only_trusted_behind_configured_proxies(self, rf, settings):
        request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 1.2.3.4")
        assert moderation.client_ip(request) == "10.0.0.1"
        settings.TOASOAN_COMMENTS = {"TRUSTED_PROXY_COUNT": 1}
        assert moderation.client_ip(request) == "1.2.3.4"

    def test_purge_erases_old_hashes_only(self, article):
        old = Comment.objects.create(page=article, name="A", body="cũ", ip_hash="a" * 64)
        Comment.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=31))
        new = Comment.objects.create(page=article, name="B", body="mới", ip_hash="b" * 64)
        call_command("comments_purge_ips", verbosity=0)
        old.refresh_from_db()
        new.refresh_from_db()
        assert old.ip_hash == "" and new.ip_hash == "b" * 64


class RecordingBackend(BaseSpamBackend):
    reports = []

    def check(self, comment, request=None):
        return Verdict()

    def report(self, comment, is_spam):
        self.reports.append((comment.pk, is_spam))


class TestModeratorDecisions:
    def test_backend_hears_spam_and_approve_decisions(self, article, settings):
        settings.TOASOAN_COMMENTS = {
            "SPAM_BACKEND": "toasoan.comments.tests.test_moderation.RecordingBackend"
        }
        RecordingBackend.reports.clear()
        first = Comment.objects.create(page=article, name="A", body="một")
        second = Comment.objects.create(page=article, name="B", body="hai")
        assert moderation.set_status([first], Comment.Status.SPAM) == 1
        assert moderation.set_status([second, first], Comment.Status.APPROVED) == 2
        assert moderation.set_status([second], Comment.Status.APPROVED) == 0  # no change
        assert RecordingBackend.reports == [(first.pk, True), (second.pk, False), (first.pk, False)]
