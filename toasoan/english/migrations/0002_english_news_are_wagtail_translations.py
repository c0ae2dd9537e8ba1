"""English news moved to Wagtail's locales (docs/decisions/english.md): the snippet table of
the first version goes (it held demo content only, which the demo loader now recreates as
English translations of Vietnamese articles), and the English locale is created next to the
Vietnamese one Wagtail's own migrations made from LANGUAGE_CODE. Pages keep their locale."""

from django.db import migrations


def create_english_locale(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Locale.objects.get_or_create(language_code="en")


class Migration(migrations.Migration):
    dependencies = [
        ("english", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.DeleteModel(name="EnglishArticle"),
        # Reversing leaves the locale: English pages may use it by then.
        migrations.RunPython(create_english_locale, migrations.RunPython.noop),
    ]
