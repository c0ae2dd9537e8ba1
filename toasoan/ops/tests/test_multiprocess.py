"""Several app processes on two loopback "hosts", one PostgreSQL and one Redis.

Starts real granian processes with production settings on a throwaway PostgreSQL database,
so it needs the services the CI machines run (marked postgres + redis, skipped loudly
otherwise).
"""

import http.client
import re
import time
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest

from bench import _stack as stack

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

HOSTS = [("127.0.0.1", 8711), ("127.0.0.2", 8712)]
PASSWORD = "mat-khau-quan-tri-2026"
FIND_ARTICLE = (
    "from toasoan.news.models import ArticlePage;"
    "a = ArticlePage.objects.live().order_by('-published_at')[2];"
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
    env = stack.production_env(database_url, "redis://127.0.0.1:6379/14", var)
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
        servers = [stack.start_granian(env, host, port) for host, port in HOSTS]
        for host, port in HOSTS:
            stack.wait_healthy(f"http://{host}:{port}")
        yield {"env": env, "article_id": int(pk), "article_url": url}
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
