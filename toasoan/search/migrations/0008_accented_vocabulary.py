"""Count the accented words of articles indexed before the vocabulary held them (typo and
"did you mean" support, toasoan/search/engine.py). Indexing keeps the counts from then on."""

from collections import Counter

from django.db import migrations

MAX_TERM_LENGTH = 64


def count_accented_words(apps, schema_editor):
    SearchEntry = apps.get_model("search", "SearchEntry")
    SearchTerm = apps.get_model("search", "SearchTerm")
    counts = Counter()
    rows = SearchEntry.objects.values_list("title_key", "sapo_key", "body_key", "accented_key")
    for title, sapo, body, accented in rows.iterator(chunk_size=500):
        folded = set(f"{title} {sapo} {body}".split())
        counts.update(
            {w for w in accented.split() if w not in folded and len(w) <= MAX_TERM_LENGTH}
        )
    terms = list(counts)
    for start in range(0, len(terms), 500):
        chunk = terms[start : start + 500]
        existing = set(SearchTerm.objects.filter(term__in=chunk).values_list("term", flat=True))
        SearchTerm.objects.bulk_create(
            [SearchTerm(term=t, doc_count=counts[t]) for t in chunk if t not in existing]
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0007_recent_indexes")]
    operations = [migrations.RunPython(count_accented_words, migrations.RunPython.noop)]
