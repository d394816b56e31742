"""How many processes serve the site: read by gunicorn.conf.py and by the
system check that warns when they would not share one cache.

No Django import here: gunicorn reads this before Django is set up.
"""

import os


def worker_count():
    """WEB_CONCURRENCY when set (the name Heroku, Render and gunicorn itself
    use). Else, with a shared cache (REDIS_URL), two per core and one more,
    gunicorn's own advice: while one worker waits on the database another
    runs. Without one, a single worker (with its threads): processes that
    each keep their own cache would each count their own rate limits."""
    value = os.environ.get("WEB_CONCURRENCY", "").strip()
    if value:
        if not value.isdigit() or int(value) < 1:
            raise ValueError(
                f"WEB_CONCURRENCY must be a whole number of at least 1, not {value!r}."
            )
        return int(value)
    if not os.environ.get("REDIS_URL", "").strip():
        return 1
    return 2 * (os.cpu_count() or 1) + 1


A_YEAR = 365 * 24 * 3600


def static_file_headers(headers, path, url):
    """WhiteNoise's headers for one static file: a hashed name (which it
    marks immutable) is kept a year, the longest a cache is asked to."""
    if "immutable" in headers.get("Cache-Control", ""):
        headers["Cache-Control"] = f"public, max-age={A_YEAR}, immutable"
