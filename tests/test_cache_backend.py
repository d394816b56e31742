"""The site's Redis cache backend shares one redis-py client for each
server between calls and threads, where Django's makes one for every call."""

import threading

from core.cache import RedisCache


def backend(location):
    return RedisCache(location, {"OPTIONS": {"socket_connect_timeout": 1}})


def client_made_in_another_thread(cache):
    made = []
    thread = threading.Thread(target=lambda: made.append(cache._cache.get_client()))
    thread.start()
    thread.join()
    return made[0]


def test_every_call_and_every_thread_use_one_client_of_the_servers_pool():
    cache = backend("redis://127.0.0.1:6379/0")
    client = cache._cache.get_client()

    assert cache._cache.get_client("some key") is client
    assert cache._cache.get_client(write=True) is client
    assert client_made_in_another_thread(cache) is client
    assert client.connection_pool is cache._cache._get_connection_pool(write=False)


def test_each_server_has_its_own_client():
    # Writes go to the first server, reads to the others (Django's rule).
    cache = backend("redis://127.0.0.1:6379/0,redis://127.0.0.1:6380/0")

    writer = cache._cache.get_client(write=True)
    reader = cache._cache.get_client()

    assert writer is not reader
    assert writer.connection_pool.connection_kwargs["port"] == 6379
    assert reader.connection_pool.connection_kwargs["port"] == 6380
    assert cache._cache.get_client() is reader
