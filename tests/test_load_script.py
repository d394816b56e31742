"""scripts/load_test.py against a tiny local server: the summary it prints
and the exit code that lets it gate a deploy.

The server is the standard library's, in a thread, speaking HTTP/1.1: the
home page links to an article, the article comes in chunks, one page closes
its connection after every answer, one redirects, one wants gzip asked for,
one fails with a 500, and every page wants the right Host header.
"""

import re
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from .production import free_port

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "load_test.py"
HOME = b'<html><a href="/interviews/">All</a> <a href="/interviews/a-piece/">A</a>'
ARTICLE_CHUNKS = [b"<html><h1>A piece</h1>", b"<p>", b"Q&amp;A</p></html>"]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive unless a page says otherwise
    # Headers and body go out in separate writes: without this, Nagle's
    # algorithm holds the body for the client's delayed ACK (40 ms).
    disable_nagle_algorithm = True

    def do_GET(self):
        if self.headers["Host"] != f"127.0.0.1:{self.server.server_address[1]}":
            self.send_body(400, b"Bad Host")
        elif self.path == "/":
            self.send_body(200, HOME)
        elif self.path == "/interviews/a-piece/":
            self.send_chunked(ARTICLE_CHUNKS)
        elif self.path == "/closing/":
            self.send_body(200, b"bye", close=True)
        elif self.path == "/moved/":
            self.send_body(302, b"", location="/")
        elif self.path == "/gzip-only/":
            gzip = "gzip" in self.headers.get("Accept-Encoding", "")
            self.send_body(200 if gzip else 406, b"\x1f\x8b...")
        elif self.path == "/broken/":
            self.send_body(500, b"Server Error")
        else:
            self.send_body(404, b"Not Found")

    def send_body(self, status, body, close=False, location=None):
        self.send_response(status)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        if location:
            self.send_header("Location", location)
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        self.wfile.write(body)

    def send_chunked(self, chunks):
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for chunk in chunks:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        self.wfile.write(b"0\r\n\r\n")

    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def base_url():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def run_script(base_url, *arguments):
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--base", base_url, "--connections", "3",
         "--seconds", "0.6", "--warmup", "0.1", "--timeout", "5", *arguments],
        capture_output=True,
        text=True,
        timeout=30,
    )  # fmt: skip


def row(output, name):
    """The requests and errors of a URL's row of the summary table."""
    match = re.search(
        rf"^{re.escape(name)} +(\d+) +[\d.]+ +[\d.]+ +[\d.]+ +[\d.]+ +[\d.]+ +(\d+)$",
        output,
        re.MULTILINE,
    )
    assert match, f"no row for {name} in:\n{output}"
    return int(match[1]), int(match[2])


def test_a_clean_run_finds_the_article_and_exits_0(base_url):
    result = run_script(base_url)

    assert result.returncode == 0, result.stdout + result.stderr
    output = result.stdout
    home, home_errors = row(output, "/")
    article, article_errors = row(output, "/interviews/a-piece/")
    total, total_errors = row(output, "all")
    assert home > 10 and article > 10  # keep-alive: many per connection
    assert abs(home - article) <= 3  # round-robin
    assert total == home + article
    assert home_errors == article_errors == total_errors == 0
    assert f"Total requests: {total} answered, 0 errors" in output
    assert re.search(r"^Throughput: [\d.]+ requests/s", output, re.MULTILINE)
    assert f"Status codes: 200: {total}" in output
    # Three connections, opened once each: none was dropped.
    assert "Connections opened: 3;" in output
    assert output.rstrip().endswith("Errors: none")


def test_closed_connections_redirects_and_gzip(base_url):
    # gzip asked for as a browser asks for it, without being told to.
    result = run_script(
        base_url, "--url", "/closing/", "--url", "/moved/", "--url", "/gzip-only/",
    )  # fmt: skip

    assert result.returncode == 0, result.stdout + result.stderr
    closing, _ = row(result.stdout, "/closing/")
    moved, _ = row(result.stdout, "/moved/")
    gzip, _ = row(result.stdout, "/gzip-only/")
    assert closing > 3 and moved > 3
    assert f"Status codes: 200: {closing + gzip}, 302: {moved}" in result.stdout
    assert "gzip on" in result.stdout
    # A new connection after each Connection: close.
    opened = int(re.search(r"Connections opened: (\d+);", result.stdout)[1])
    assert opened >= closing


def test_no_gzip_leaves_accept_encoding_out(base_url):
    result = run_script(base_url, "--no-gzip", "--url", "/gzip-only/")

    assert result.returncode == 1
    requests, errors = row(result.stdout, "/gzip-only/")
    assert requests > 0 and errors == requests
    assert "gzip off" in result.stdout
    assert f"  /gzip-only/: status 406: {requests}" in result.stdout


def test_a_page_that_fails_makes_it_exit_non_zero(base_url):
    result = run_script(base_url, "--url", "/", "--url", "/broken/")

    assert result.returncode == 1
    broken, broken_errors = row(result.stdout, "/broken/")
    _, home_errors = row(result.stdout, "/")
    assert broken > 0 and broken_errors == broken
    assert home_errors == 0
    assert re.search(rf"^Errors: {broken}$", result.stdout, re.MULTILINE)
    assert f"  /broken/: status 500: {broken}" in result.stdout


def test_a_server_that_is_not_there_is_an_error():
    result = run_script(f"http://127.0.0.1:{free_port()}", "--url", "/")

    assert result.returncode == 1
    assert "Total requests: 0 answered" in result.stdout
    assert re.search(r"^  /: connection refused: \d+$", result.stdout, re.MULTILINE)
