"""`toasoan import PATH…`: bring articles from an old portal into Tòa soạn.

Reads plain-text page dumps, saved HTML pages, WordPress WXR exports and JSON Lines; each file's
format is detected unless ``--format`` says it. Re-running updates what changed and never
duplicates. Exit status 1 when anything failed; the summary says what and where.
"""

import json
import sys
from collections import Counter
from itertools import islice
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from toasoan.legacy.importers import (
    EXTENSIONS,
    FORMATS,
    ImportFailure,
    detect_format,
    expand,
    read_file,
)
from toasoan.legacy.importers.base import NotAnArticle
from toasoan.legacy.progress import Progress
from toasoan.legacy.writer import (
    ArticleWriter,
    SectionNotFound,
    durable_commits,
    find_section,
    search_autoupdate_suspended,
)


class Command(BaseCommand):
    help = (
        "Import legacy articles (text dumps, saved HTML, WordPress WXR, JSON Lines) from files, "
        "folders or globs. Idempotent; --dry-run --json shows what would be imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="files, folders or globs")
        parser.add_argument(
            "--format",
            choices=("auto", *FORMATS, "documents"),
            default="auto",
            help="'documents': legal documents (toasoan.documents.importer)",
        )
        parser.add_argument("--section", metavar="SLUG", help="put every article in this section")
        parser.add_argument("--dry-run", action="store_true", help="parse only, write nothing")
        parser.add_argument("--json", action="store_true", help="one JSON object per article")
        parser.add_argument(
            "--batch-size", type=int, default=200, help="articles per transaction (JSON Lines)"
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, **options):
        if options["format"] == "documents":
            return self._import_documents(options)
        self.options = options
        self.counts = Counter()
        self.reasons = Counter()
        self.failures = []
        files, missing = expand(options["paths"])
        for arg in missing:
            self._fail(ImportFailure(arg, "no such file, folder or glob match"))
        for arg in _empty_folders(options["paths"], files):
            self._fail(
                ImportFailure(arg, f"no file to import in this folder (looked for {_KNOWN})")
            )
        writer = None
        try:
            if options["dry_run"]:
                if options["section"]:
                    find_section(options["section"])
            else:
                writer = ArticleWriter(section_slug=options["section"])
        except SectionNotFound as exc:
            raise CommandError(str(exc)) from exc
        progress = Progress(
            total=sum(_estimate(f, options["format"]) for f in files),
            stream=sys.stderr,
            enabled=not options["no_progress"],
        )
        with search_autoupdate_suspended(), durable_commits():
            for path in files:
                self._import_file(path, writer, progress)
        progress.close()
        self._summary()
        if self.failures:
            raise CommandError(f"{len(self.failures)} failure(s); see the list above", returncode=1)

    def _import_documents(self, options):
        from toasoan.documents.importer import import_documents_command

        import_documents_command(options["paths"], self.stdout, self.stderr, options["verbosity"])

    def _import_file(self, path, writer, progress):
        items = read_file(path, self.options["format"])
        if writer is None:
            for item in items:
                self._handle(item, None)
                progress.advance()
            return
        batch_size = max(1, self.options["batch_size"])
        while batch := list(islice(items, batch_size)):
            # One transaction per batch; inside it, a failing article leaves nothing behind.
            with transaction.atomic():
                articles = [i for i in batch if not isinstance(i, ImportFailure)]
                writer.prefetch(articles)
                results = dict(zip(map(id, articles), writer.write_batch(articles), strict=True))
                for item in batch:
                    self._handle(item, writer, results.get(id(item)))
                    progress.advance()
                writer.flush()

    def _handle(self, item, writer, result=None):
        if isinstance(item, NotAnArticle):
            self.counts["skipped"] += 1
            self.reasons[item.message] += 1
            if self.options["verbosity"] >= 2:
                self.stderr.write(f"skipped {item}")
            return
        if isinstance(item, ImportFailure):
            self._fail(item)
            return
        if writer is None:
            self.counts["parsed"] += 1
            self._emit(item, None)
            return
        outcome = result
        if isinstance(outcome, Exception):
            # Any error is reported and the import goes on.
            self._fail(ImportFailure(item.file, f"{type(outcome).__name__}: {outcome}", item.line))
            return
        self.counts[outcome.action] += 1
        if outcome.reason:
            self.reasons[outcome.reason] += 1
        self._emit(item, outcome)

    def _emit(self, article, outcome):
        if self.options["json"]:
            data = article.as_json()
            if outcome is not None:
                data |= {"action": outcome.action, "page_id": outcome.page and outcome.page.pk}
            self.stdout.write(json.dumps(data, ensure_ascii=False))
        elif outcome is None or self.options["verbosity"] >= 2:
            action = outcome.action if outcome else "parsed"
            byline = " - ".join(p for p in (article.author, article.source) if p) or "no byline"
            self.stdout.write(
                f"{action}: {article.file}: {article.title} "
                f"[{article.published_iso() or 'no date'}; {byline}; "
                f"{len(article.paragraphs)} paragraphs]"
            )

    def _fail(self, failure):
        self.failures.append(failure)
        self.stderr.write(f"FAILED {failure}")

    def _summary(self):
        counts = self.counts
        if self.options["dry_run"]:
            line = (
                f"Dry run: {counts['parsed']} parsed, {counts['skipped']} skipped, "
                f"{len(self.failures)} failed; nothing written."
            )
        else:
            line = (
                f"Summary: {counts['imported']} imported, {counts['updated']} updated, "
                f"{counts['skipped']} skipped, {len(self.failures)} failed."
            )
        self.stderr.write(line)
        for reason, count in self.reasons.items():
            if count:
                self.stderr.write(f"  skipped {count}: {reason}")
        if self.failures:
            self.stderr.write("Failures:")
            for failure in self.failures:
                self.stderr.write(f"  {failure}")


_KNOWN = ", ".join(sorted(EXTENSIONS))


def _empty_folders(paths, files):
    """Folders named on the command line that hold no file in a format the importer reads."""
    found = [f.resolve() for f in files]
    empty = []
    for arg in paths:
        folder = Path(arg)
        if folder.is_dir() and not any(folder.resolve() in f.parents for f in found):
            empty.append(arg)
    return empty


def _estimate(path, fmt):
    """How many articles a file will give, for the progress bar (cheap: counts, never parses)."""
    try:
        kind = detect_format(path) if fmt == "auto" else fmt
        if kind == "jsonl":
            with open(path, "rb") as handle:
                return sum(1 for line in handle if line.strip())
        if kind == "wxr":
            with open(path, "rb") as handle:
                return max(1, handle.read().count(b"<item>"))
    except OSError:
        pass
    return 1
