import pytest
from django.db import OperationalError
from django.urls import path

from toasoan.ops.middleware import DatabaseUnavailableMiddleware


def _db_down_view(request):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed')


def _other_error_view(request):
    raise OperationalError("no such table: tin_tuc")


urlpatterns = [
    path("db-down/", _db_down_view),
    path("db-bug/", _other_error_view),
]


@pytest.mark.django_db
class TestHealthz:
    def test_healthy_site_reports_ok_with_timings(self, client):
        response = client.get("/healthz")
        assert response.status_code == 200
        data = response.json()
        assert data["status"] == "ok"
        assert data["checks"]["database"]["ok"] is True
        assert data["checks"]["cache"]["ok"] is True
        assert "no-store" in response["Cache-Control"]

    def test_database_down_gives_503(self, client, monkeypatch):
        def refuse(self):
            raise OperationalError("connection refused")

        monkeypatch.setattr("django.db.backends.base.base.BaseDatabaseWrapper.cursor", refuse)
        response = client.get("/healthz")
        assert response.status_code == 503
        assert response.json()["status"] == "down"
        assert "connection refused" in response.json()["checks"]["database"]["detail"]


@pytest.fixture
def broken_urls(settings):
    settings.ROOT_URLCONF = __name__


@pytest.mark.usefixtures("broken_urls")
class TestDatabaseDownPage:
    def test_lost_database_gives_a_vietnamese_503_page(self, client):
        response = client.get("/db-down/")
        assert response.status_code == 503
        assert response["Retry-After"] == "30"
        assert "Hệ thống tạm thời gián đoạn" in response.content.decode()
        assert "no-store" in response["Cache-Control"]

    def test_other_database_errors_stay_500s(self, client):
        client.raise_request_exception = False
        response = client.get("/db-bug/")
        assert response.status_code == 500

    def test_middleware_ignores_unrelated_exceptions(self, rf):
        middleware = DatabaseUnavailableMiddleware(lambda request: None)
        assert middleware.process_exception(rf.get("/"), ValueError("x")) is None
