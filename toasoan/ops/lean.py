"""Old name of toasoan/ops/skip_wagtail_api.py, kept only for toasoan/ops/wsgi.py.

wsgi.py is being rewritten on another branch; when it imports ``without_wagtail_api_v3`` from
``toasoan.ops.skip_wagtail_api``, delete this module.
"""

from .skip_wagtail_api import without_wagtail_api_v3  # noqa: F401
