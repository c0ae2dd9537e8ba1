"""render_filled gives exactly what rendering the template gives, or renders it."""

from django.template.loader import render_to_string
from django.test import SimpleTestCase, override_settings
from django.utils import translation

from toasoan.core import prerendered_templates

HOSTILE = {
    "url": 'https://ví-dụ.vn/bài?a=1&b="2"<script>',
    "facebook": "https://www.facebook.com/sharer/sharer.php?u=x%26y",
    "zalo": "https://sp.zalo.me/share_to_zalo?d=' onmouseover='x'",
    "mailto": "mailto:?subject=T%C3%AAn&body=<b>",
    "print_url": "/in/1/",
    "save_url": "/luu/1/",
}
LOCMEM = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {
            "loaders": [
                (
                    "django.template.loaders.locmem.Loader",
                    {
                        "plain.html": "<a href='{{ url }}' title=\"{{ title }}\">{{ mode }}</a>",
                        "filtered.html": "{% if mode == 'js' %}[{{ url|upper }}]{% endif %}",
                        "optional.html": "{% if d %}<p>{{ d }}</p>{% else %}—{% endif %}{{ e }}",
                    },
                )
            ]
        },
    }
]


class TestRenderFilled(SimpleTestCase):
    def setUp(self):
        prerendered_templates._snapshots.clear()

    def test_same_html_as_the_template_in_every_language(self):
        for language in ("vi", "en"):
            with self.subTest(language=language), translation.override(language):
                expected = render_to_string("distribution/share.html", HOSTILE)
                for _ in range(2):  # the snapshot, then its reuse
                    self.assertEqual(
                        prerendered_templates.render_filled("distribution/share.html", HOSTILE),
                        expected,
                    )
        self.assertIn("&lt;script&gt;", expected)

    @override_settings(TEMPLATES=LOCMEM)
    def test_fixed_context_is_part_of_the_key(self):
        values = {"url": "/a?b=1&c=2", "title": 'nói "không"'}
        for mode in ("js", "page", "js"):
            self.assertEqual(
                prerendered_templates.render_filled("plain.html", values, fixed={"mode": mode}),
                render_to_string("plain.html", {**values, "mode": mode}),
            )

    @override_settings(TEMPLATES=LOCMEM)
    def test_an_empty_value_takes_its_own_snapshot(self):
        for d in ("có", "", "<b>", None, 0, "lại có"):
            values = {"d": d, "e": "&"}
            self.assertEqual(
                prerendered_templates.render_filled("optional.html", values),
                render_to_string("optional.html", values),
            )

    @override_settings(TEMPLATES=LOCMEM)
    def test_a_template_that_transforms_a_value_is_rendered_every_time(self):
        html = prerendered_templates.render_filled(
            "filtered.html", {"url": "/a/"}, fixed={"mode": "js"}
        )
        self.assertEqual(html, "[/A/]")
        self.assertIn(None, prerendered_templates._snapshots.values())
