"""Articles link legal documents in their body with the "Văn bản liên quan" block."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from toasoan.documents.blocks import LegalDocumentBlock
from toasoan.news.blocks import ArticleBodyBlock
from toasoan.news.tests.factories import make_article, make_home, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def home():
    home = make_home()
    Client().get(home.url)
    return home


def render(document, note=""):
    block = LegalDocumentBlock()
    return block.render(block.to_python({"document": document.pk, "note": note}))


def test_block_links_a_public_document(library):
    html = render(library["nd42"])
    assert f'href="/van-ban/{library["nd42"].pk}/"' in html
    assert "Văn bản số 42/2022/NĐ-CP" in html
    assert "cung cấp thông tin và dịch vụ công trực tuyến" in html


def test_block_note_replaces_the_abstract(library):
    html = render(library["qd1234"], note="Quy chế áp dụng từ tháng 3")
    assert "Quy chế áp dụng từ tháng 3" in html and "phối hợp quản lý" not in html


def test_block_renders_nothing_for_a_draft_or_a_deleted_document(library):
    assert render(library["draft"]).strip() == ""
    block = LegalDocumentBlock()
    gone = block.to_python({"document": 999_999, "note": ""})
    assert block.render(gone).strip() == ""


def test_the_body_offers_the_block_to_editors():
    assert isinstance(ArticleBodyBlock().child_blocks["legal_document"], LegalDocumentBlock)


def test_article_links_the_document_and_the_link_works(home, library):
    article = make_article(make_section(home), title="Chính phủ quy định dịch vụ công trực tuyến")
    article.body = [
        ("paragraph", "<p>Nghị định có hiệu lực từ tháng 8.</p>"),
        ("legal_document", {"document": library["nd42"], "note": ""}),
        ("legal_document", {"document": library["draft"], "note": ""}),
    ]
    article.save_revision().publish()
    client = Client()
    html = client.get(article.url).content.decode()
    url = library["nd42"].get_absolute_url()
    assert f'href="{url}"' in html and "Văn bản số 42/2022/NĐ-CP" in html
    assert "99/QĐ-BQL" not in html  # the draft is not linked
    detail = client.get(url)
    assert detail.status_code == 200 and "42/2022/NĐ-CP" in detail.content.decode()


def test_linked_documents_cost_one_query_however_many(home, library):
    section = make_section(home)

    def queries(documents):
        article = make_article(section, title=f"Bài có {len(documents)} văn bản")
        article.body = [("legal_document", {"document": d, "note": ""}) for d in documents]
        article.save_revision().publish()
        client = Client()
        client.get(article.url)
        client.get(article.url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(article.url).status_code == 200
        sql = [q["sql"] for q in captured.captured_queries]
        return len(sql), sum("documents_document" in s for s in sql)

    one = queries([library["nd42"]])
    four = queries([library["nd42"], library["qd1234"], library["tb45"], library["cv567"]])
    # The page is rendered (not served from a cache) and reads the documents in one query.
    assert one[1] == four[1] == 1
    assert four[0] == one[0]
