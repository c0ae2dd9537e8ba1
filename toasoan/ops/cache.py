"""A Redis cache backend that degrades to "no cache" instead of failing the request.

Django's ``RedisCache`` raises ``redis.ConnectionError`` from every call while Redis is down,
which turns each page view, session read and rate-limit check into a 500. ``SafeRedisCache``
catches connection and timeout errors, logs them (at most once per RETRY_AFTER per process),
answers as an empty cache would, and stops trying for ``RETRY_AFTER`` seconds so a dead Redis costs
nothing per request. ``add`` answers True while Redis is down: locks and replay checks become
best effort rather than refusing every caller (see docs/production.md).
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

_ERRORS = (RedisConnectionError, RedisTimeoutError, ConnectionError, TimeoutError, OSError)
RETRY_AFTER = 1.0


class _ReusingClient(RedisCacheClient):
    # Django builds a new redis.Redis object (≈40 attribute sets, a lock, a response-callback
    # table) on every cache call; one client per connection pool is thread-safe and enough.
    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        clients = self.__dict__.setdefault("_clients", {})
        client = clients.get(index)
        if client is None:
            client = clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client


class SafeRedisCache(RedisCache):
    def __init__(self, server, params):
        options = params.setdefault("OPTIONS", {})
        # Fail fast: a local Redis answers in well under a millisecond.
        options.setdefault("socket_connect_timeout", 0.25)
        options.setdefault("socket_timeout", 0.5)
        super().__init__(server, params)
        self._class = _ReusingClient
        self._down_until = 0.0
        self._lock = threading.Lock()

    @property
    def is_down(self):
        return time.monotonic() < self._down_until

    def _guard(self, method, default, *args, **kwargs):
        if self.is_down:
            return default
        try:
            return getattr(super(), method)(*args, **kwargs)
        except _ERRORS as exc:
            with self._lock:
                self._down_until = time.monotonic() + RETRY_AFTER
            logger.warning("Redis cache unavailable (%s: %s); working without it", method, exc)
            return default

    def get(self, key, default=None, version=None):
        return self._guard("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._guard("get_many", {}, keys, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("set", None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("set_many", list(data), data, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("add", True, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._guard("delete", False, key, version)

    def delete_many(self, keys, version=None):
        return self._guard("delete_many", None, keys, version)

    def has_key(self, key, version=None):
        return self._guard("has_key", False, key, version)

    def incr(self, key, delta=1, version=None):
        return self._guard("incr", delta, key, delta, version)

    def clear(self):
        return self._guard("clear", None)
