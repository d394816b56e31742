"""The site's Redis cache backend against a real Redis: one redis-py client
per worker, shared by its threads, keeps every thread's values apart and
survives the server dropping its connections (as a restart does)."""

import threading

import redis

from core.cache import RedisCache

THREADS = 8
KEYS_EACH = 100
# Its connections say who they are, so that the test drops only them.
CLIENT_NAME = "shared-client-test"


def the_sites_cache(redis_url):
    return RedisCache(
        redis_url,
        {
            "KEY_PREFIX": CLIENT_NAME,
            "OPTIONS": {
                "socket_connect_timeout": 1,
                "socket_timeout": 1,
                "client_name": CLIENT_NAME,
            },
        },
    )


def test_threads_sharing_the_client_each_read_what_they_wrote(redis_url):
    cache = the_sites_cache(redis_url)
    wrong = []

    def work(number):
        for key in range(KEYS_EACH):
            name, value = f"thread{number}:{key}", {"thread": number, "key": key}
            cache.set(name, value)
            if cache.get(name) != value:
                wrong.append(name)
        names = [f"thread{number}:{key}" for key in range(KEYS_EACH)]
        found = cache.get_many(names)
        wrong.extend(
            name for name in names if found.get(name, {}).get("thread") != number
        )

    threads = [threading.Thread(target=work, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert wrong == []
    assert len(cache._cache._clients) == 1


def test_the_shared_client_reconnects_after_the_server_drops_it(redis_url):
    cache = the_sites_cache(redis_url)
    cache.set("survivor", "kept")
    client = cache._cache.get_client()

    # The cache's connections, as a Redis restart drops them.
    admin = redis.Redis.from_url(redis_url)
    ours = [c["id"] for c in admin.client_list() if c["name"] == CLIENT_NAME]
    for connection_id in ours:
        admin.client_kill_filter(_id=connection_id)
    admin.close()

    assert ours
    assert cache.get("survivor") == "kept"
    assert cache._cache.get_client() is client
