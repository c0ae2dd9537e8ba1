"""Several app processes on two loopback "hosts", one PostgreSQL and one Redis.

Starts real granian processes with production settings on a throwaway PostgreSQL database,
so it needs the services the CI machines run (marked postgres + redis, skipped loudly
otherwise).
"""

import http.client
import json
import os
import re
import time
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest

from bench import _stack as stack

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

HOSTS = [("127.0.0.1", 8711), ("127.0.0.2", 8712)]
REDIS_URL = os.environ.get("TOASOAN_TEST_REDIS_URL", "redis://127.0.0.1:6379/14")
# Vietnamese pages of the demo site (not its English translations, which show no
# "Thông báo") in two different sections, as JSON for the tag tests.
FIND_PAGES = (
    "import json;"
    "from toasoan.news.models import ArticlePage, SectionPage;"
    "live = ArticlePage.objects.live().filter(locale__language_code='vi')"
    ".order_by('-published_at');"
    "a = live[3]; b = live.exclude(section_id=a.section_id)[0];"
    "c = live.filter(section_id=a.section_id).exclude(pk=a.pk)[0];"
    "s = SectionPage.objects.get(pk=a.section_id); o = SectionPage.objects.get(pk=b.section_id);"
    "print('PAGES', json.dumps({'a': [a.pk, a.url], 'b': [b.pk, b.url], 'c': [c.pk, c.url],"
    " 'section': [s.pk, s.url], 'other_section': [o.pk, o.url], 'home': [0, '/']}))"
)
PASSWORD = "mat-khau-quan-tri-2026"
FIND_ARTICLE = (
    "from toasoan.news.models import ArticlePage;"
    "a = ArticlePage.objects.live().filter(locale__language_code='vi')"
    ".order_by('-published_at')[2];"
    "print('ARTICLE', a.pk, a.url)"
)


def request(host, port, method, path, body=None, headers=None):
    conn = http.client.HTTPConnection(host, port, timeout=30)
    headers = {"Host": "localhost", **(headers or {})}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    content = response.read().decode("utf-8", "replace")
    conn.close()
    return response, content


def cookies_of(response):
    jar = SimpleCookie()
    for value in response.headers.get_all("Set-Cookie") or []:
        jar.load(value)
    return {name: morsel.value for name, morsel in jar.items()}


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    name = f"toasoan_ops_mp_{int(time.time())}"
    database_url = stack.create_database(name)
    var = tmp_path_factory.mktemp("cluster")
    env = stack.production_env(database_url, REDIS_URL, var)
    servers = []
    try:
        stack.manage(env, "migrate", "--noinput")
        stack.manage(env, "news_load_demo")
        stack.manage(env, "collectstatic", "--noinput")
        superuser_env = {**env, "DJANGO_SUPERUSER_PASSWORD": PASSWORD}
        stack.manage(
            superuser_env,
            "createsuperuser",
            "--noinput",
            "--username",
            "tbt",
            "--email",
            "tbt@example.vn",
        )
        output = stack.manage(env, "shell", "-c", FIND_ARTICLE).stdout
        _, pk, url = re.search(r"^ARTICLE .*$", output, re.M).group(0).split()
        output = stack.manage(env, "shell", "-c", FIND_PAGES).stdout
        pages = json.loads(re.search(r"^PAGES (.*)$", output, re.M).group(1))
        servers = [stack.start_granian(env, host, port) for host, port in HOSTS]
        for host, port in HOSTS:
            stack.wait_healthy(f"http://{host}:{port}")
        yield {"env": env, "article_id": int(pk), "article_url": url, "pages": pages}
    finally:
        for server in servers:
            stack.stop(server)
        stack.drop_database(name)


def wait_until(predicate, timeout):
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if predicate():
            return time.monotonic() - started
        time.sleep(0.02)
    raise AssertionError(f"not true within {timeout} s")


def login(host, port):
    response, body = request(host, port, "GET", "/quan-tri/login/")
    csrf = cookies_of(response)["csrftoken"]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    form = urlencode({"username": "tbt", "password": PASSWORD, "csrfmiddlewaretoken": token})
    response, _ = request(
        host, port, "POST", "/quan-tri/login/", body=form, headers={"Cookie": f"csrftoken={csrf}"}
    )
    assert response.status == 302, "login failed"
    return {"csrftoken": csrf, **cookies_of(response)}


def cookie_header(cookies):
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


class TestSharedState:
    def test_a_page_cached_by_one_host_is_served_by_the_other(self, cluster):
        (host_a, port_a), (host_b, port_b) = HOSTS
        path = cluster["article_url"]
        first, _ = request(host_a, port_a, "GET", path)
        second, _ = request(host_b, port_b, "GET", path)
        assert first.status == second.status == 200
        assert first.headers["X-Page-Cache"] in ("miss", "hit")
        assert second.headers["X-Page-Cache"] == "hit"

    def test_a_session_opened_on_one_host_works_on_the_other_and_bypasses_the_cache(self, cluster):
        (host_a, port_a), (host_b, port_b) = HOSTS
        cookies = login(host_a, port_a)
        response, body = request(
            host_b, port_b, "GET", "/quan-tri/", headers={"Cookie": cookie_header(cookies)}
        )
        assert response.status == 200
        assert "quan-tri/login" not in (response.headers.get("Location") or "")
        page, _ = request(host_b, port_b, "GET", "/", headers={"Cookie": cookie_header(cookies)})
        assert page.headers.get("X-Page-Cache") is None


class TestChangesReachEveryProcessWithinOneSecond:
    def test_title_edited_in_another_process_shows_on_both_hosts(self, cluster):
        path = cluster["article_url"]
        for host, port in HOSTS:
            request(host, port, "GET", path)
        new_title = f"Tiêu đề đã sửa lúc {time.time():.0f}"
        stack.manage(
            cluster["env"],
            "shell",
            "-c",
            "from toasoan.news.models import ArticlePage;"
            f"a = ArticlePage.objects.get(pk={cluster['article_id']});"
            f"a.title = {new_title!r}; a.save_revision().publish()",
        )
        for host, port in HOSTS:
            elapsed = wait_until(
                lambda h=host, p=port: new_title in request(h, p, "GET", path)[1], timeout=1.0
            )
            assert elapsed < 1.0

    def test_unpublish_through_the_admin_of_one_host_removes_the_page_on_the_other(self, cluster):
        (host_a, port_a), (host_b, port_b) = HOSTS
        path = cluster["article_url"]
        assert request(host_b, port_b, "GET", path)[0].status == 200
        assert request(host_b, port_b, "GET", path)[0].headers["X-Page-Cache"] == "hit"
        cookies = login(host_a, port_a)
        form = urlencode({"csrfmiddlewaretoken": cookies["csrftoken"]})
        response, _ = request(
            host_a,
            port_a,
            "POST",
            f"/quan-tri/pages/{cluster['article_id']}/unpublish/",
            body=form,
            headers={"Cookie": cookie_header(cookies)},
        )
        assert response.status == 302
        done = time.monotonic()
        for host, port in HOSTS:
            wait_until(lambda h=host, p=port: request(h, p, "GET", path)[0].status == 404, 1.0)
        assert time.monotonic() - done < 2.0


def warm(*paths):
    """Request each path on both hosts until both answer it from the cache."""
    for path in paths:
        for host, port in HOSTS:
            wait_until(
                lambda h=host, p=port, u=path: (
                    request(h, p, "GET", u)[0].headers.get("X-Page-Cache") == "hit"
                ),
                timeout=10,
            )


def shell(cluster, code):
    stack.manage(cluster["env"], "shell", "-c", code)


def shows_on_both_hosts(path, text, changed_at=None):
    """Every request *sent* 1 s or more after the change shows `text` (the staleness bound;
    how long a render takes on a loaded machine is not staleness)."""
    changed_at = changed_at or time.monotonic()
    for host, port in HOSTS:
        while True:
            sent = time.monotonic()
            if text in request(host, port, "GET", path)[1]:
                break
            assert sent - changed_at < 1.0, f"{path} on {host} still stale 1 s after the change"
            time.sleep(0.02)


def still_hits(*paths):
    for path in paths:
        for host, port in HOSTS:
            response, _ = request(host, port, "GET", path)
            assert response.headers["X-Page-Cache"] == "hit", path


class TestEachTagReachesEveryProcessWithinOneSecond:
    """One case per dependency tag (docs/decisions/page-cache.md): the pages showing what
    changed are fresh on both hosts within 1 s; pages that do not show it stay cached."""

    def test_comments_tag_approved_comment_retires_its_article_only(self, cluster):
        pages = cluster["pages"]
        a, b, section = pages["a"], pages["b"], pages["section"]
        warm(a[1], b[1], section[1], "/")
        name = f"Bạn đọc {time.time_ns()}"
        shell(
            cluster,
            "from toasoan.comments.models import Comment;"
            f"Comment.objects.create(page_id={a[0]}, name={name!r}, body='Ý kiến đã duyệt.',"
            " status='approved')",
        )
        changed = time.monotonic()
        shows_on_both_hosts(a[1], name, changed)
        still_hits(b[1], section[1], "/")

    def test_list_tags_published_article_retires_section_home_and_tin_khac(self, cluster):
        pages = cluster["pages"]
        c, b, other = pages["c"], pages["b"], pages["other_section"]
        warm(c[1], pages["section"][1], "/", b[1], other[1])
        title = f"Bài mới đăng lúc {time.time_ns()}"
        shell(
            cluster,
            "from toasoan.news.models import SectionPage;"
            "from toasoan.news.tests.factories import make_article;"
            f"make_article(SectionPage.objects.get(pk={pages['section'][0]}), title={title!r})",
        )
        changed = time.monotonic()
        shows_on_both_hosts(pages["section"][1], title, changed)  # list:<section>
        shows_on_both_hosts("/", title, changed)  # list:<home>
        shows_on_both_hosts(c[1], title, changed)  # "Tin khác" of a sibling: list:<section>
        shows_on_both_hosts("/rss/", title, changed)  # list:site
        still_hits(b[1], other[1])

    def test_announcements_tag_new_announcement_shows_on_every_page(self, cluster):
        pages = cluster["pages"]
        warm(pages["a"][1], pages["b"][1])
        title = f"Thông báo mới {time.time_ns()}"
        shell(
            cluster,
            "from toasoan.news.models import AnnouncementIndexPage;"
            "from toasoan.news.tests.factories import make_announcement;"
            f"make_announcement(AnnouncementIndexPage.objects.first(), title={title!r})",
        )
        changed = time.monotonic()
        shows_on_both_hosts(pages["a"][1], title, changed)
        shows_on_both_hosts(pages["b"][1], title, changed)

    def test_all_tag_site_setting_retires_every_page(self, cluster):
        pages = cluster["pages"]
        warm(pages["a"][1], pages["b"][1], "/")
        name = f"Cổng thông tin {time.time_ns()}"
        shell(
            cluster,
            "from toasoan.sitesettings.models import SiteIdentity;"
            "from wagtail.models import Site;"
            "s = SiteIdentity.for_site(Site.objects.get(is_default_site=True));"
            f"s.agency_name = {name!r}; s.save()",
        )
        changed = time.monotonic()
        for path in (pages["a"][1], pages["b"][1], "/"):
            shows_on_both_hosts(path, name, changed)
