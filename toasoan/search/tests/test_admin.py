"""Editors manage the abbreviation list in the Wagtail admin, seeded by the data migration."""

from django.contrib.auth import get_user_model
from django.test import TestCase

from toasoan.search.models import Synonym
from toasoan.search.synonyms import synonym_lookup


class TestSynonymAdmin(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = get_user_model().objects.create_superuser(
            "bientap", "bientap@example.com", "mat-khau-rat-dai"
        )

    def test_seeded_abbreviations_are_listed(self):
        self.client.force_login(self.admin)
        response = self.client.get("/quan-tri/snippets/search/synonym/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "KCN = khu công nghiệp")
        self.assertGreaterEqual(Synonym.objects.count(), 40)

    def test_adding_in_the_admin_updates_the_lookup(self):
        self.assertNotIn(("bhtn",), synonym_lookup())
        self.client.force_login(self.admin)
        response = self.client.post(
            "/quan-tri/snippets/search/synonym/add/",
            {"terms": "BHTN\nbảo hiểm thất nghiệp", "note": ""},
        )
        self.assertEqual(response.status_code, 302)
        forms = synonym_lookup()[("bhtn",)]
        self.assertIn(("bao", "hiem", "that", "nghiep"), forms)
