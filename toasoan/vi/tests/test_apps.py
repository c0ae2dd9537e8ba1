from django.apps import apps
from django.test import SimpleTestCase
from django.utils import translation


class TestViConfig(SimpleTestCase):
    def test_label_and_verbose_name(self):
        config = apps.get_app_config("vi")
        self.assertEqual(config.name, "toasoan.vi")
        with translation.override("vi"):
            self.assertEqual(str(config.verbose_name), "Tiếng Việt")
