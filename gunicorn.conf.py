"""gunicorn's settings for the magazine (`make serve`; README, "Production").

Every value can be overridden on the command line or through
GUNICORN_CMD_ARGS; the bind address, the workers and the threads also through
BIND, WEB_CONCURRENCY and GUNICORN_THREADS.
"""

import os

from magazine.serving import worker_count

wsgi_app = "magazine.wsgi:application"
bind = os.environ.get("BIND", "127.0.0.1:8000")

# Processes by the CPU count (magazine/serving.py), each with a few threads:
# a thread waiting on the database or Redis lets another run, and the
# threaded worker keeps readers' connections alive between requests.
workers = worker_count()
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# A worker silent for 30 s is killed and replaced; a request that slow is a
# fault to find in the logs, not a page to wait for.
timeout = 30
graceful_timeout = 30
keepalive = 5
# A worker is replaced after about 50,000 requests, so a slow leak never
# grows for long; the jitter keeps them from restarting all at once. Not
# fewer: a new worker costs about a second of CPU (Django's import, then its
# first cold requests) and drops its kept-alive connections. At 1,000 (the
# old value), two cores serving cached pages to 200 connections restarted a
# worker every 2 s: about 570 requests/s instead of 770 to 1,000, and a p50
# of 300 ms instead of 200 (scripts/load_test.py, 60 s runs). At 50,000 it
# is about one restart a minute at full load, some 1% of the CPU.
max_requests = 50_000
max_requests_jitter = 5_000

# gunicorn takes the scheme (https) from the forwarded headers of the same
# proxies Django trusts (TRUSTED_PROXIES, magazine/proxies.py), and from no
# one else: its default would believe any process on this machine.
forwarded_allow_ips = os.environ.get("TRUSTED_PROXIES", "")

# One line per request and every error to standard error, beside Django's
# own log lines, for the process manager to keep.
accesslog = "/dev/stderr"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms "%(f)s" "%(a)s"'

# gunicorn's control socket (gunicornc) sits at one path per user: two
# servers on one machine (make test-servers, or two sites) would share it.
# Nothing here uses it.
control_socket_disable = True
