"""Splitting a draft's text into its articles (Điều) and clauses (Khoản).

Vietnamese drafts write ``Điều 3. Đối tượng áp dụng`` on its own line, clauses as ``1.``,
``2.`` and points as ``a)``, ``b)``; chapters (``Chương II``) group articles. The text comes
typed in the admin or from a DOCX upload (python-docx).
"""

import re
from dataclasses import dataclass, field

from toasoan.vi.text import nfc

_ARTICLE_RE = re.compile(r"^\s*Đi[eề]u\s+(\d{1,4})\s*[.:\-–]?\s*(.*)$", re.IGNORECASE)
_CHAPTER_RE = re.compile(
    r"^\s*(Chương|Mục|Phần)\s+([IVXLC\d]+)\b\s*[.:\-–]?\s*(.*)$", re.IGNORECASE
)
_CLAUSE_RE = re.compile(r"^\s*(\d{1,3})\.\s+(.*)$")


@dataclass
class ParsedArticle:
    number: int
    heading: str
    chapter: str = ""
    lines: list = field(default_factory=list)

    @property
    def body(self):
        return "\n".join(self.lines).strip()


def split_articles(text):
    """``(preamble, [ParsedArticle…])``; a repeated article number keeps its first place."""
    text = nfc(text or "").replace("\r\n", "\n").replace("\r", "\n")
    preamble, articles, chapter, current = [], [], "", None
    pending_chapter_title = False
    for raw in text.split("\n"):
        line = raw.strip()
        article = _ARTICLE_RE.match(line)
        if article:
            current = ParsedArticle(int(article[1]), article[2].strip(), chapter)
            articles.append(current)
            pending_chapter_title = False
            continue
        chapter_match = _CHAPTER_RE.match(line)
        if chapter_match:
            chapter = line
            pending_chapter_title = not chapter_match[3]
            current = None
            continue
        if pending_chapter_title and line:
            chapter = f"{chapter} – {line}"
            pending_chapter_title = False
            continue
        (current.lines if current else preamble).append(line)
    return "\n".join(preamble).strip(), articles


def clauses(body):
    """``[(number|None, text)]``: the numbered clauses of an article body, in order."""
    result = []
    for line in (body or "").split("\n"):
        if not line.strip():
            continue
        match = _CLAUSE_RE.match(line)
        if match:
            result.append((int(match[1]), match[2].strip()))
        elif result:
            number, previous = result[-1]
            result[-1] = (number, f"{previous}\n{line.strip()}")
        else:
            result.append((None, line.strip()))
    return result


def docx_text(fileobj):
    """The paragraphs of a DOCX file as lines (python-docx)."""
    import docx

    return "\n".join(paragraph.text for paragraph in docx.Document(fileobj).paragraphs)
