"""Hold a crowd of readers on the site and say how it coped.

What it measures. --connections keep-alive HTTP/1.1 connections (default
200), each sending one GET after another with no pause, for --seconds
(default 60) after a --warmup (default 2 s) that is not counted. Requests go
round-robin over the URLs: by default the home page `/` and the first
article (`/interviews/<slug>/`) the home page links to; --url (repeatable)
names others. For each URL and overall it prints the requests answered,
the throughput (requests per second of the measured time), the latency
(time from sending a request to the last byte of its answer, p50, p90, p99
and max, in ms), the status codes and the errors: a connection refused, reset
or closed mid-answer, a request that took longer than --timeout (default
10 s), and an answer other than 2xx or 3xx. It exits with 1 when there was
any error, so a run can gate a deploy, and 2 when it could not start.
Requests still in flight when the time is up are waited for (up to
--timeout) and counted, so that one stuck at the end is still an error; the
measured time runs to the last of their answers.

How to run it, against a server already up:

    python scripts/load_test.py --base http://127.0.0.1:8000
    python scripts/load_test.py --base http://127.0.0.1:8011 \\
        --connections 200 --seconds 60 --url / --url /interviews/some-slug/

The generator is one Python process (asyncio, raw HTTP/1.1 over asyncio
streams, standard library only). On the machine that runs the server it
competes with it for the CPUs (about a tenth of two cores at 1,000
requests/s), so its figures are the pair's, not the server's alone.

HTTP details. Every request carries a Host header (from --base) and,
unless --no-gzip, `Accept-Encoding: gzip`, as every browser sends it: the
page cache sends stored pages compressed to those that accept it (bodies
are counted, not decoded). Bodies are
read by Content-Length, by chunked transfer coding, or to the end of the
connection. A connection is opened again after the server says
`Connection: close`, after an error and after a timeout. A request that
finds its kept-alive connection closed before any byte of an answer is sent
once more on a new connection, as browsers do (RFC 9112, 9.3.1); such
retries are counted and printed, and are not errors unless --no-retry.
Plain http:// only.
"""

import argparse
import asyncio
import itertools
import math
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

USER_AGENT = "magazine-load-test/1"
# The first article the home page links to: /interviews/<slug>/, relative or
# absolute, and nothing below it (comment forms and the like).
ARTICLE_LINK = re.compile(
    r"""href=["'](?:https?://[^/"']+)?(/interviews/[A-Za-z0-9_-]+/)["']"""
)
# A connection that failed at once (refused, say) is retried after this long,
# so that a dead server costs errors, not a busy loop.
RECONNECT_PAUSE_SECONDS = 0.05
NO_BODY_STATUSES = {204, 304}


# The target ------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    host: str
    port: int
    host_header: str


def parse_base_url(base):
    parts = urlsplit(base)
    if parts.scheme != "http" or not parts.hostname:
        raise ValueError(f"--base must be an http:// URL with a host, not {base!r}")
    if parts.path not in ("", "/") or parts.query:
        raise ValueError(f"--base takes no path or query ({base!r}); use --url")
    port = parts.port or 80
    host_header = parts.hostname if port == 80 else f"{parts.hostname}:{port}"
    if ":" in parts.hostname:  # an IPv6 address
        host_header = f"[{parts.hostname}]" + ("" if port == 80 else f":{port}")
    return Target(parts.hostname, port, host_header)


# One HTTP/1.1 connection -------------------------------------------------


class ProtocolError(Exception):
    """The server's answer is not HTTP/1.1 this client can read."""


class StaleConnection(Exception):
    """A reused connection closed before any byte of the answer came."""


@dataclass
class Response:
    status: int
    body_bytes: int
    body: bytes | None  # only when asked for


def header_tokens(value):
    return {token.strip().lower() for token in value.split(",") if token.strip()}


class HTTPConnection:
    """One keep-alive connection that sends GETs one at a time."""

    def __init__(self, target, accept_gzip):
        self.target = target
        self.accept_gzip = accept_gzip
        self.reader = None
        self.writer = None
        self.answers = 0  # answers read on this connection since it opened
        self.opened = 0  # connections opened, over the object's life

    async def open(self):
        self.reader, self.writer = await asyncio.open_connection(
            self.target.host, self.target.port, limit=1 << 20
        )
        self.answers = 0
        self.opened += 1

    def close(self):
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None

    def request_bytes(self, path):
        lines = [
            f"GET {path} HTTP/1.1",
            f"Host: {self.target.host_header}",
            f"User-Agent: {USER_AGENT}",
            "Accept: text/html,*/*",
        ]
        if self.accept_gzip:
            lines.append("Accept-Encoding: gzip")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("ascii")

    async def get(self, path, keep_body=False):
        """GET path and read the whole answer, opening the connection if it
        is not open. Raises StaleConnection when a reused connection turns
        out closed before any byte of the answer; any failure leaves the
        connection closed."""
        try:
            return await self.send_and_read(path, keep_body)
        except BaseException:
            self.close()
            raise

    async def send_and_read(self, path, keep_body):
        if self.writer is None:
            await self.open()
        reused = self.answers > 0
        try:
            self.writer.write(self.request_bytes(path))
            await self.writer.drain()
            head = await self.reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, ConnectionError) as error:
            if reused and not getattr(error, "partial", b""):
                raise StaleConnection() from error
            raise
        status, version, headers = parse_head(head)
        body_bytes, body, reusable = await self.read_body(status, headers, keep_body)
        self.answers += 1
        if not (reusable and wants_keep_alive(version, headers)):
            self.close()
        return Response(status, body_bytes, body)

    async def read_body(self, status, headers, keep_body):
        """(length in bytes, the body if keep_body, whether the connection
        can carry another request): by the chunked coding, Content-Length,
        or to the end of the connection."""
        if 100 <= status < 200 or status in NO_BODY_STATUSES:
            return 0, b"", True
        if "chunked" in header_tokens(headers.get("transfer-encoding", "")):
            parts = await self.read_chunks()
            return sum(map(len, parts)), b"".join(parts) if keep_body else None, True
        if "content-length" in headers:
            try:
                length = int(headers["content-length"])
            except ValueError:
                raise ProtocolError("bad Content-Length") from None
            body = await self.reader.readexactly(length)
            return length, body if keep_body else None, True
        body = await self.reader.read()  # until the server closes
        return len(body), body if keep_body else None, False

    async def read_chunks(self):
        parts = []
        while True:
            size_line = await self.reader.readuntil(b"\r\n")
            try:
                size = int(size_line.split(b";", 1)[0].strip(), 16)
            except ValueError:
                raise ProtocolError(f"bad chunk size {size_line!r}") from None
            if size == 0:
                # Trailers, if any, end with an empty line.
                while await self.reader.readuntil(b"\r\n") != b"\r\n":
                    pass
                return parts
            chunk = await self.reader.readexactly(size + 2)  # with its CRLF
            if chunk[-2:] != b"\r\n":
                raise ProtocolError("a chunk does not end with CRLF")
            parts.append(chunk[:-2])


def parse_head(head):
    """(status, HTTP version, headers with lower-case names) of an answer."""
    lines = head.decode("latin-1").split("\r\n")
    status_line = lines[0].split(" ", 2)
    if len(status_line) < 2 or not status_line[0].startswith("HTTP/"):
        raise ProtocolError(f"bad status line {lines[0]!r}")
    try:
        status = int(status_line[1])
    except ValueError:
        raise ProtocolError(f"bad status line {lines[0]!r}") from None
    headers = {}
    for line in lines[1:]:
        if not line:
            continue
        name, _, value = line.partition(":")
        name = name.strip().lower()
        value = value.strip()
        headers[name] = f"{headers[name]}, {value}" if name in headers else value
    return status, status_line[0], headers


def wants_keep_alive(version, headers):
    tokens = header_tokens(headers.get("connection", ""))
    if "close" in tokens:
        return False
    return version != "HTTP/1.0" or "keep-alive" in tokens


# The figures ----------------------------------------------------------


def status_is_error(status):
    return not 200 <= status < 400


@dataclass
class URLFigures:
    latencies_ms: list = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    errors: Counter = field(default_factory=Counter)
    body_bytes: int = 0


class Recorder:
    """What happened to the requests that started in the measured window."""

    def __init__(self, urls):
        self.urls = urls
        self.by_url = {url: URLFigures() for url in urls}
        self.measure_from = math.inf
        self.retries = 0
        self.connections_opened = 0

    def counts(self, started):
        return started >= self.measure_from

    def answered(self, url, started, latency_ms, response):
        if not self.counts(started):
            return
        figures = self.by_url[url]
        figures.latencies_ms.append(latency_ms)
        figures.statuses[response.status] += 1
        figures.body_bytes += response.body_bytes
        if status_is_error(response.status):
            figures.errors[f"status {response.status}"] += 1

    def failed(self, url, started, kind):
        if self.counts(started):
            self.by_url[url].errors[kind] += 1


def percentile(sorted_values, fraction):
    """Nearest-rank percentile of values already sorted; None for none."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


def describe_error(error):
    if isinstance(error, TimeoutError):
        return "timeout"
    if isinstance(error, StaleConnection):
        return "kept-alive connection closed before an answer"
    if isinstance(error, ProtocolError):
        return "protocol error"
    if isinstance(error, asyncio.IncompleteReadError):
        return "connection closed mid-answer"
    if isinstance(error, asyncio.LimitOverrunError):
        return "protocol error"
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(error, ConnectionResetError):
        return "connection reset"
    if isinstance(error, OSError):
        return f"connection error ({type(error).__name__})"
    return f"error ({type(error).__name__})"


# The crowd ------------------------------------------------------------


async def get_with_timeout(connection, path, timeout, retry_stale):
    """GET path on connection within timeout seconds, the retry included;
    True with the answer when it was sent again on a new connection."""
    async with asyncio.timeout(timeout):
        try:
            return await connection.get(path), False
        except StaleConnection:
            if not retry_stale:
                raise
            return await connection.get(path), True


async def keep_one_connection_busy(target, next_url, recorder, stop_at, options):
    connection = HTTPConnection(target, options.gzip)
    try:
        while time.monotonic() < stop_at:
            url = next(next_url)
            started = time.monotonic()
            try:
                response, retried = await get_with_timeout(
                    connection, url, options.timeout, not options.no_retry
                )
            except Exception as error:  # every failure is a figure
                connection.close()
                recorder.failed(url, started, describe_error(error))
                if time.monotonic() - started < RECONNECT_PAUSE_SECONDS:
                    await asyncio.sleep(RECONNECT_PAUSE_SECONDS)
                continue
            latency_ms = (time.monotonic() - started) * 1000
            recorder.answered(url, started, latency_ms, response)
            if retried and recorder.counts(started):
                recorder.retries += 1
    finally:
        connection.close()
        recorder.connections_opened += connection.opened


async def run_load(target, urls, options):
    """Warm up, then measure; returns the recorder and the measured time."""
    recorder = Recorder(urls)
    next_url = itertools.cycle(urls)
    begun = time.monotonic()
    recorder.measure_from = begun + options.warmup
    stop_at = recorder.measure_from + options.seconds
    await asyncio.gather(
        *(
            keep_one_connection_busy(target, next_url, recorder, stop_at, options)
            for _ in range(options.connections)
        )
    )
    # Requests still in flight at stop_at are counted, and waited for.
    measured_seconds = max(time.monotonic(), stop_at) - recorder.measure_from
    return recorder, measured_seconds


async def find_article_url(target, timeout):
    """The first /interviews/<slug>/ link of the home page."""
    connection = HTTPConnection(target, accept_gzip=False)
    try:
        async with asyncio.timeout(timeout):
            response = await connection.get("/", keep_body=True)
    finally:
        connection.close()
    if response.status != 200:
        raise RuntimeError(f"the home page answered {response.status}")
    match = ARTICLE_LINK.search(response.body.decode("utf-8", "replace"))
    if not match:
        raise RuntimeError("the home page links to no /interviews/<slug>/ page")
    return match.group(1)


# The summary ----------------------------------------------------------


def format_ms(value):
    return "-" if value is None else f"{value:.1f}"


def summary_row(name, figures_list, measured_seconds):
    latencies = sorted(itertools.chain(*(f.latencies_ms for f in figures_list)))
    errors = sum(sum(f.errors.values()) for f in figures_list)
    answered = len(latencies)
    return (
        f"{name:<40} {answered:>9} {answered / measured_seconds:>9.1f} "
        f"{format_ms(percentile(latencies, 0.50)):>8} "
        f"{format_ms(percentile(latencies, 0.90)):>8} "
        f"{format_ms(percentile(latencies, 0.99)):>8} "
        f"{format_ms(latencies[-1] if latencies else None):>8} {errors:>7}"
    )


def format_summary(recorder, measured_seconds, target, options):
    all_figures = list(recorder.by_url.values())
    statuses = sum((f.statuses for f in all_figures), Counter())
    errors = Counter()
    for url, figures in recorder.by_url.items():
        for kind, count in figures.errors.items():
            errors[(url, kind)] += count
    total_errors = sum(errors.values())
    answered = sum(len(f.latencies_ms) for f in all_figures)
    megabytes = sum(f.body_bytes for f in all_figures) / 1e6
    lines = [
        f"Load test of http://{target.host_header}: {options.connections} "
        f"connections for {measured_seconds:.1f} s (after {options.warmup:g} s "
        f"of warm-up), timeout {options.timeout:g} s, gzip "
        f"{'on' if options.gzip else 'off'}",
        "",
        f"{'URL':<40} {'requests':>9} {'req/s':>9} {'p50 ms':>8} {'p90 ms':>8} "
        f"{'p99 ms':>8} {'max ms':>8} {'errors':>7}",
    ]
    for url, figures in recorder.by_url.items():
        lines.append(summary_row(url, [figures], measured_seconds))
    lines.append(summary_row("all", all_figures, measured_seconds))
    lines += [
        "",
        f"Total requests: {answered} answered, {total_errors} errors",
        f"Throughput: {answered / measured_seconds:.1f} requests/s "
        f"({megabytes / measured_seconds:.2f} MB/s of bodies)",
        "Status codes: "
        + (", ".join(f"{s}: {n}" for s, n in sorted(statuses.items())) or "none"),
        f"Connections opened: {recorder.connections_opened}; requests sent "
        f"again after a kept-alive connection closed: {recorder.retries}",
    ]
    if total_errors:
        lines.append(f"Errors: {total_errors}")
        for (url, kind), count in sorted(errors.items()):
            lines.append(f"  {url}: {kind}: {count}")
    else:
        lines.append("Errors: none")
    return "\n".join(lines)


# The command ----------------------------------------------------------


def positive_float(text):
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be more than 0, not {text}")
    return value


def parse_arguments(argv):
    parser = argparse.ArgumentParser(
        description="Keep N connections busy on the site's pages for S seconds "
        "and print throughput, latency percentiles, status codes and errors.",
    )
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument(
        "--url",
        action="append",
        dest="urls",
        metavar="PATH",
        help="a path to request (repeatable); default: / and the first "
        "/interviews/<slug>/ link of the home page",
    )
    parser.add_argument("--connections", "-c", type=int, default=200)
    parser.add_argument("--seconds", "-s", type=positive_float, default=60.0)
    parser.add_argument(
        "--warmup", type=float, default=2.0, help="seconds not counted (default 2)"
    )
    parser.add_argument(
        "--timeout",
        type=positive_float,
        default=10.0,
        help="seconds a request may take before it counts as an error",
    )
    parser.add_argument(
        "--gzip",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="send Accept-Encoding: gzip, as browsers do (the default)",
    )
    parser.add_argument(
        "--no-retry",
        action="store_true",
        help="count a kept-alive connection closed before an answer as an "
        "error instead of sending the request again on a new one",
    )
    options = parser.parse_args(argv)
    if options.connections < 1:
        parser.error("--connections must be at least 1")
    if options.warmup < 0:
        parser.error("--warmup cannot be negative")
    for path in options.urls or ():
        if not path.startswith("/"):
            parser.error(f"--url takes a path starting with /, not {path!r}")
    return options


async def main_async(options):
    target = parse_base_url(options.base)
    urls = options.urls
    if not urls:
        try:
            urls = ["/", await find_article_url(target, options.timeout)]
        except (OSError, TimeoutError, RuntimeError, ValueError) as error:
            print(f"Could not find an article to load: {error}", file=sys.stderr)
            return 2
    recorder, measured_seconds = await run_load(target, urls, options)
    print(format_summary(recorder, measured_seconds, target, options))
    errors = sum(sum(f.errors.values()) for f in recorder.by_url.values())
    answered = sum(len(f.latencies_ms) for f in recorder.by_url.values())
    return 1 if errors or not answered else 0


def main(argv=None):
    options = parse_arguments(argv)
    try:
        parse_base_url(options.base)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    return asyncio.run(main_async(options))


if __name__ == "__main__":
    sys.exit(main())
