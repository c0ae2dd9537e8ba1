"""The "Văn bản" block on the site search page (/tim-kiem/)."""

BLOCK_SIZE = 5


def documents_block(request, query):
    from .search import search_documents

    results = search_documents(query, limit=BLOCK_SIZE)
    if not results.total:
        return None
    return {
        "template": "documents/search_block.html",
        "documents": results.documents,
        "total": results.total,
        "query": query,
    }


def register():
    from toasoan.search.providers import register_result_provider

    register_result_provider("documents", documents_block)
