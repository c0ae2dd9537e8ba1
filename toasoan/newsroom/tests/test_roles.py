"""Roles: what each one may do through the admin, and each thing it may not."""

from io import StringIO

from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import TestCase
from django.urls import reverse

from toasoan.news.models import ArticlePage
from toasoan.news.tests.factories import make_section
from toasoan.newsroom import roles
from toasoan.newsroom.models import SectionRoleGroup

from .helpers import article_form_data, build_newsroom, make_user


class _AdminCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_newsroom(cls)

    def add_url(self, section):
        return reverse("wagtailadmin_pages:add", args=["news", "articlepage", section.pk])

    def edit_url(self, page):
        return reverse("wagtailadmin_pages:edit", args=[page.pk])

    def assertDenied(self, response):
        # Wagtail answers a forbidden admin page with a redirect to the dashboard + message,
        # or a plain 403; either way the user does not get the form.
        self.assertIn(response.status_code, (302, 403), response.status_code)
        if response.status_code == 302:
            self.assertEqual(response["Location"], reverse("wagtailadmin_home"))


class TestRoleGroups(TestCase):
    def test_data_migration_created_the_five_roles(self):
        names = set(Group.objects.values_list("name", flat=True))
        self.assertLessEqual(set(roles.ROLE_GROUP_NAMES.values()), names)

    def test_wagtail_sample_groups_and_workflow_are_gone(self):
        from wagtail.models import Workflow, WorkflowPage

        names = set(Group.objects.values_list("name", flat=True))
        self.assertFalse({"Editors", "Moderators"} & names)
        self.assertEqual(
            list(Workflow.objects.values_list("name", flat=True)), [roles.WORKFLOW_NAME]
        )
        root_workflow = WorkflowPage.objects.get(page__depth=1).workflow
        self.assertEqual(
            [task.name for task in root_workflow.tasks],
            [roles.EDITOR_TASK_NAME, roles.CHIEF_TASK_NAME],
        )

    def test_moderator_group_holds_comment_permissions_and_no_page_permission(self):
        group = Group.objects.get(name="Kiểm duyệt bình luận")
        codenames = set(group.permissions.values_list("codename", flat=True))
        self.assertIn("change_comment", codenames)
        self.assertIn("access_admin", codenames)
        self.assertFalse(group.page_permissions.exists())

    def test_chief_holds_publish_on_the_tree_root(self):
        group = Group.objects.get(name="Tổng biên tập")
        perms = group.page_permissions.filter(page__depth=1)
        self.assertIn("publish_page", set(perms.values_list("permission__codename", flat=True)))

    def test_chief_may_translate_and_a_section_editor_may_not(self):
        chief = set(
            Group.objects.get(name="Tổng biên tập").permissions.values_list("codename", flat=True)
        )
        editor = set(
            Group.objects.get(name="Biên tập viên").permissions.values_list("codename", flat=True)
        )
        self.assertIn("submit_translation", chief)
        self.assertNotIn("submit_translation", editor)

    def test_creating_a_section_creates_its_reporter_and_editor_groups(self):
        from toasoan.news.tests.factories import make_home

        section = make_section(make_home(), "Văn hóa")
        links = SectionRoleGroup.objects.filter(section=section)
        self.assertEqual(
            {(link.role, link.group.name) for link in links},
            {("phongvien", "Phóng viên – Văn hóa"), ("bientapvien", "Biên tập viên – Văn hóa")},
        )
        reporter = links.get(role="phongvien").group
        self.assertEqual(
            list(reporter.page_permissions.values_list("permission__codename", flat=True)),
            ["add_page"],
        )

    def test_renaming_a_section_renames_its_groups(self):
        from toasoan.news.tests.factories import make_home

        section = make_section(make_home(), "Thể thao")
        section.title = "Thể thao – Giải trí"
        section.save()
        names = set(
            SectionRoleGroup.objects.filter(section=section).values_list("group__name", flat=True)
        )
        self.assertIn("Phóng viên – Thể thao – Giải trí", names)

    def test_deleting_a_section_deletes_its_groups(self):
        from toasoan.news.tests.factories import make_home

        section = make_section(make_home(), "Chuyên mục tạm")
        group_ids = list(
            SectionRoleGroup.objects.filter(section=section).values_list("group_id", flat=True)
        )
        self.assertEqual(len(group_ids), 2)
        section.delete()
        self.assertFalse(Group.objects.filter(pk__in=group_ids).exists())


class TestReporter(_AdminCase):
    def test_can_open_the_add_form_in_own_section(self):
        self.client.force_login(self.reporter_a)
        self.assertEqual(self.client.get(self.add_url(self.section_a)).status_code, 200)

    def test_cannot_add_in_another_section(self):
        self.client.force_login(self.reporter_a)
        self.assertDenied(self.client.get(self.add_url(self.section_b)))
        response = self.client.post(self.add_url(self.section_b), article_form_data(slug="lan-san"))
        self.assertDenied(response)
        self.assertFalse(ArticlePage.objects.filter(slug="lan-san").exists())

    def test_cannot_edit_an_article_of_another_section(self):
        self.client.force_login(self.reporter_a)
        self.assertDenied(self.client.get(self.edit_url(self.published_b)))

    def test_cannot_edit_a_colleagues_draft_in_the_same_section(self):
        self.client.force_login(self.reporter_a2)
        self.assertDenied(self.client.get(self.edit_url(self.draft_a)))

    def test_can_edit_own_draft(self):
        self.client.force_login(self.reporter_a)
        self.assertEqual(self.client.get(self.edit_url(self.draft_a)).status_code, 200)

    def test_creates_a_draft_but_cannot_publish(self):
        self.client.force_login(self.reporter_a)
        data = article_form_data(slug="bai-cua-phong-vien", **{"action-publish": "publish"})
        self.client.post(self.add_url(self.section_a), data)
        page = ArticlePage.objects.get(slug="bai-cua-phong-vien")
        self.assertFalse(page.live)
        self.assertEqual(page.owner, self.reporter_a)

    def test_has_no_comment_moderation_rights(self):
        self.assertFalse(self.reporter_a.has_perm("comments.change_comment"))


class TestEditor(_AdminCase):
    def test_can_edit_any_article_of_own_section(self):
        self.client.force_login(self.editor_a)
        self.assertEqual(self.client.get(self.edit_url(self.draft_a)).status_code, 200)
        self.assertEqual(self.client.get(self.edit_url(self.published_a)).status_code, 200)

    def test_cannot_edit_an_article_of_another_section(self):
        self.client.force_login(self.editor_a)
        self.assertDenied(self.client.get(self.edit_url(self.published_b)))

    def test_cannot_publish_directly(self):
        self.client.force_login(self.editor_a)
        data = article_form_data(
            title="Sửa bởi biên tập viên", slug=self.draft_a.slug, **{"action-publish": "1"}
        )
        self.client.post(self.edit_url(self.draft_a), data)
        self.draft_a.refresh_from_db()
        self.assertFalse(self.draft_a.live)

    def test_cannot_unpublish(self):
        self.client.force_login(self.editor_a)
        url = reverse("wagtailadmin_pages:unpublish", args=[self.published_a.pk])
        self.assertDenied(self.client.post(url))
        self.published_a.refresh_from_db()
        self.assertTrue(self.published_a.live)


class TestChief(_AdminCase):
    def test_can_publish_in_every_section(self):
        self.client.force_login(self.chief)
        data = article_form_data(slug=self.draft_a.slug, **{"action-publish": "1"})
        response = self.client.post(self.edit_url(self.draft_a), data)
        self.assertEqual(response.status_code, 302)
        self.draft_a.refresh_from_db()
        self.assertTrue(self.draft_a.live)

    def test_can_unpublish(self):
        self.client.force_login(self.chief)
        url = reverse("wagtailadmin_pages:unpublish", args=[self.published_b.pk])
        self.client.post(url)
        self.published_b.refresh_from_db()
        self.assertFalse(self.published_b.live)


class TestModerator(_AdminCase):
    def test_reaches_the_admin(self):
        self.client.force_login(self.moderator)
        self.assertEqual(self.client.get(reverse("wagtailadmin_home")).status_code, 200)

    def test_cannot_edit_or_add_pages(self):
        self.client.force_login(self.moderator)
        self.assertDenied(self.client.get(self.edit_url(self.published_a)))
        self.assertDenied(self.client.get(self.add_url(self.section_a)))

    def test_holds_comment_rights(self):
        self.assertTrue(self.moderator.has_perm("comments.change_comment"))
        self.assertTrue(self.moderator.has_perm("comments.delete_comment"))


class TestAdministrator(_AdminCase):
    def test_may_manage_users_and_pages(self):
        self.assertTrue(self.admin.has_perm("core.change_user"))
        self.client.force_login(self.admin)
        self.assertEqual(self.client.get(self.edit_url(self.published_b)).status_code, 200)
        self.assertEqual(self.client.get(reverse("wagtailusers_users:index")).status_code, 200)

    def test_others_may_not_manage_users(self):
        self.client.force_login(self.chief)
        self.assertDenied(self.client.get(reverse("wagtailusers_users:index")))


class TestGrantCommand(_AdminCase):
    def test_grants_a_section_role_by_slug(self):
        user = make_user("moi")
        out = StringIO()
        call_command(
            "newsroom_grant", "moi", "phongvien", "--section", self.section_b.slug, stdout=out
        )
        self.assertIn("Phóng viên – Kinh tế", out.getvalue())
        self.client.force_login(user)
        self.assertEqual(self.client.get(self.add_url(self.section_b)).status_code, 200)
        self.assertDenied(self.client.get(self.add_url(self.section_a)))

    def test_section_role_without_section_is_refused(self):
        make_user("moi2")
        with self.assertRaisesMessage(CommandError, "needs --section"):
            call_command("newsroom_grant", "moi2", "bientapvien")

    def test_unknown_user_and_section_are_refused(self):
        with self.assertRaisesMessage(CommandError, "no user named 'khong-co'"):
            call_command("newsroom_grant", "khong-co", "tongbientap")
        make_user("moi3")
        with self.assertRaisesMessage(CommandError, "no section with slug or id 'khong-co'"):
            call_command("newsroom_grant", "moi3", "phongvien", "--section", "khong-co")

    def test_revoke_removes_the_section_rights(self):
        call_command(
            "newsroom_grant", self.reporter_b.username, "phongvien", "--revoke", stdout=StringIO()
        )
        self.client.force_login(self.reporter_b)
        response = self.client.get(self.add_url(self.section_b))
        self.assertIn(response.status_code, (302, 403))


class TestTranslateAction(_AdminCase):
    """The "Dịch" action (wagtail.contrib.simple_translation) for the roles that may use it."""

    def url(self):
        return reverse("simple_translation:submit_page_translation", args=[self.published_a.pk])

    def test_chief_opens_the_translate_form(self):
        self.client.force_login(self.chief)
        response = self.client.get(self.url())
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "locales")

    def test_section_editor_is_refused(self):
        self.client.force_login(self.editor_a)
        self.assertDenied(self.client.get(self.url()))
