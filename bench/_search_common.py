"""Shared by bench/search_quality.py and bench/search_speed.py: a throw-away database
(SQLite file in a temp dir, or a PostgreSQL database created and dropped here), Django set up
against it, and a fast bulk loader that turns corpus records into live ArticlePages.

Not a benchmark itself (bench/run.sh skips names starting with "_").
"""

import datetime as dt
import html
import json
import os
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("TOASOAN_CORPUS", REPO.parent / "shared/corpus/articles.jsonl"))
PG_ADMIN_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
sys.path.insert(0, str(REPO))


def read_corpus(limit=None):
    records = []
    with CORPUS.open(encoding="utf-8") as handle:
        for line in handle:
            records.append(json.loads(line))
            if limit and len(records) >= limit:
                break
    return records


class Database:
    """``with Database("sqlite"|"postgresql", name) as db:`` → Django configured on it."""

    def __init__(self, vendor, name="search_bench", keep=None):
        """``keep``: a directory where the database survives the run (SQLite file there;
        PostgreSQL database ``name`` is not dropped) so a later run can reuse it."""
        self.vendor, self.name, self.keep = vendor, name, keep
        self.tmp = tempfile.TemporaryDirectory(prefix="toasoan-bench-search-")
        self.reused = False

    def __enter__(self):
        if self.keep:
            Path(self.keep).mkdir(parents=True, exist_ok=True)
        if self.vendor == "sqlite":
            folder = self.keep or self.tmp.name
            path = Path(folder) / f"{self.name}.sqlite3"
            self.reused = bool(self.keep) and path.exists()
            self.url = f"sqlite:///{path}"
        else:
            if self.keep:
                self.reused = self._pg_exists()
            if not self.reused:
                self._pg(f'DROP DATABASE IF EXISTS "{self.name}"')
                self._pg(f"CREATE DATABASE \"{self.name}\" ENCODING 'UTF8' TEMPLATE template0")
            self.url = PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + self.name
        os.environ["DATABASE_URL"] = self.url
        os.environ["TOASOAN_VAR_DIR"] = self.tmp.name
        os.environ["DJANGO_SETTINGS_MODULE"] = "toasoan.settings.test"
        os.environ.pop("TEST_DATABASE_URL", None)
        import django
        from django.conf import settings

        if not settings.configured:
            django.setup()
        # One process may visit both backends: point the default alias at this database.
        import dj_database_url
        from django.db import connections

        connections["default"].close()
        config = dj_database_url.parse(self.url)
        config["OPTIONS"] = {}
        if self.vendor == "sqlite":
            config["OPTIONS"] = {
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            }
        settings.DATABASES["default"] = {**settings.DATABASES["default"], **config}
        connections.__dict__.pop("settings", None)
        connections._settings = settings.DATABASES
        del connections["default"]
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
        return self

    def __exit__(self, *exc):
        from django.db import connections

        connections["default"].close()
        if self.vendor == "postgresql" and not self.keep:
            self._pg(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        self.tmp.cleanup()

    def _pg(self, sql, params=None):
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            return conn.execute(sql, params).fetchall() if params else conn.execute(sql)

    def _pg_exists(self):
        return bool(self._pg("SELECT 1 FROM pg_database WHERE datname = %s", [self.name]))


def build_site():
    """Home page and one section per corpus section (plus two for undated Báo Mới items)."""
    from toasoan.news.tests.factories import make_home, make_section

    home = make_home()
    names = [
        "Thời sự",
        "Kinh doanh",
        "Giáo dục - Hướng nghiệp",
        "Giải trí",
        "Sức khỏe",
        "Khoa học - Công nghệ",
        "Xã hội",
        "Thể thao",
        "Sức mạnh số",
        "Du lịch",
        "Thế giới",
        "Du học",
        "Pháp luật",
    ]
    return home, {name: make_section(home, name) for name in names}


def variant(record, copy, rng):
    """The ``copy``-th variation of a corpus record (copy 0 is the record as published)."""
    paragraphs = [p for p in record["body"].split("\n\n") if p.strip()]
    sapo, body = (paragraphs[0], paragraphs[1:]) if len(paragraphs) > 1 else ("", paragraphs)
    title = record["title"]
    if copy:
        body = body[copy % max(1, len(body)) :] + body[: copy % max(1, len(body))]
        title = f"{title} ({copy + 1})"
    return title, sapo, body


def load_articles(records, sections, copies=1, seed=7, chunk=2000, progress=None, total=None):
    """Insert ``len(records) * copies`` live ArticlePages in bulk; returns their ids in order
    (``ids[i]`` is record ``i % len(records)``, copy ``i // len(records)``).

    Wagtail's add_child() costs a few queries per page; here paths are computed the way
    treebeard does (parent path + base-36 step) and both tables get one INSERT per chunk.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from wagtail.models import Locale, Page

    from toasoan.news.models import ArticlePage

    rng = random.Random(seed)
    content_type = ContentType.objects.get_for_model(ArticlePage)
    locale = Locale.get_default()
    names = list(sections)
    counters = {name: sections[name].numchild for name in names}
    start = dt.datetime(2016, 1, 1, tzinfo=dt.UTC)
    span = int((dt.datetime(2020, 12, 31, tzinfo=dt.UTC) - start).total_seconds())
    columns = [f.column for f in ArticlePage._meta.local_concrete_fields]
    insert = (
        f"INSERT INTO {ArticlePage._meta.db_table} ({', '.join(columns)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    ids = []
    total = total or len(records) * copies
    for begin in range(0, total, chunk):
        pages, children = [], []
        for n in range(begin, min(total, begin + chunk)):
            record, copy = records[n % len(records)], n // len(records)
            title, sapo, body = variant(record, copy, rng)
            name = (
                record.get("section")
                if record.get("section") in sections
                else names[n % len(names)]
            )
            section = sections[name]
            counters[name] += 1
            if record.get("published") and copy == 0:
                published = dt.datetime.fromisoformat(record["published"]).replace(tzinfo=dt.UTC)
            else:
                published = start + dt.timedelta(seconds=rng.randrange(span))
            slug = f"bai-{n}"
            pages.append(
                Page(
                    title=title,
                    draft_title=title,
                    slug=slug,
                    path=Page._get_path(section.path, section.depth + 1, counters[name]),
                    depth=section.depth + 1,
                    numchild=0,
                    url_path=f"{section.url_path}{slug}/",
                    content_type=content_type,
                    locale=locale,
                    translation_key=uuid.uuid4(),
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=published,
                    last_published_at=published,
                    latest_revision_created_at=published,
                )
            )
            blocks = [
                {"type": "paragraph", "value": f"<p>{html.escape(p)}</p>", "id": str(uuid.uuid4())}
                for p in body
            ]
            children.append(
                (
                    section.pk,
                    sapo,
                    json.dumps(blocks, ensure_ascii=False),
                    record.get("author") or "",
                    published,
                    record["id"] if copy == 0 else f"{record['id']}#{copy}",
                )
            )
        with transaction.atomic():
            created = Page.objects.bulk_create(pages)
            rows = []
            for page, (section_id, sapo, body, author, published, external_id) in zip(
                created, children, strict=False
            ):
                values = {
                    "page_ptr_id": page.pk,
                    "sapo": sapo,
                    "body": body,
                    "author_name": author,
                    "source_name": "",
                    "published_at": connection.ops.adapt_datetimefield_value(published),
                    "featured_image_id": None,
                    "is_featured": False,
                    "comments_enabled": True,
                    "section_id": section_id,
                    "external_id": external_id,
                }
                rows.append([values[c] for c in columns])
            with connection.cursor() as cursor:
                cursor.executemany(insert, rows)
        ids.extend(page.pk for page in created)
        if progress:
            progress(len(ids), total)
    for name in names:
        Page.objects.filter(pk=sections[name].pk).update(numchild=counters[name])
    return ids


def in_subprocess(script, vendor, argv):
    """Run ``script --one vendor`` in a fresh interpreter (Django and Wagtail pick their
    database-specific code once per process) and return the JSON it prints last."""
    import subprocess

    command = [sys.executable, str(script), "--one", vendor, *argv]
    process = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)  # noqa: S603
    for line in reversed(process.stdout.splitlines()):
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT ") :])
    raise RuntimeError(f"{script} --one {vendor} failed with exit code {process.returncode}")


def emit(result):
    print("RESULT " + json.dumps(result), flush=True)


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - started


def percentile(values, fraction):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def write_section(marker, text):
    """Replace the block between ``<!-- marker -->`` lines in docs/benchmarks/search.md."""
    path = REPO / "docs/benchmarks/search.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    current = path.read_text(encoding="utf-8") if path.exists() else "# Search benchmarks\n"
    begin, end = f"<!-- {marker} -->", f"<!-- /{marker} -->"
    block = f"{begin}\n{text.rstrip()}\n{end}"
    if begin in current and end in current:
        head, rest = current.split(begin, 1)
        current = head + block + rest.split(end, 1)[1]
    else:
        current = current.rstrip() + "\n\n" + block + "\n"
    path.write_text(current, encoding="utf-8")
