from django.test import TestCase


class TestLoginForm(TestCase):
    def test_login_page_is_vietnamese(self):
        response = self.client.get("/quan-tri/login/")
        self.assertContains(response, "Mật khẩu")
        self.assertContains(response, 'placeholder="Nhập mật khẩu"')
        self.assertNotContains(response, ">Password<")
