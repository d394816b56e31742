"""Requests to a running server as a browser sends them, without a browser.

One connection per request and nothing done behind the test's back: a
redirect is a 302 to look at, not a page fetched in its place. Cookies are
kept by hand, because production marks them Secure and http.cookiejar will
not send a Secure cookie over the plain HTTP of the loopback.
"""

import http.client
import re
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

from tests.admin_pages import FormReader


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    text: str
    # What the answer set (name: value), and the names it deleted.
    cookies: dict
    deleted: set

    def form(self, form_id):
        """What a browser would submit from the form `form_id`, as a dict of
        lists (a field may repeat)."""
        reader = FormReader(form_id)
        reader.feed(self.text)
        assert reader.data, f"no form #{form_id} on the page (status {self.status})"
        return reader.data


def fetch(base, path, *, method="GET", form=None, cookies=None, source=None):
    """One request to the server at `base`; `source` is the loopback address
    it comes from (each address is a reader of its own to the rate limit)."""
    address = urlsplit(base)
    connection = http.client.HTTPConnection(
        address.hostname,
        address.port,
        timeout=15,
        source_address=(source, 0) if source else None,
    )
    headers = {}
    if cookies:
        headers["Cookie"] = "; ".join(
            f"{name}={value}" for name, value in cookies.items()
        )
    body = None
    if form is not None:
        body = urlencode(form, doseq=True)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode()
    finally:
        connection.close()
    set_cookies, deleted = {}, set()
    for line in response.headers.get_all("Set-Cookie") or []:
        parsed = SimpleCookie()
        parsed.load(line)
        for name, morsel in parsed.items():
            if morsel["max-age"] == "0":
                deleted.add(name)
            else:
                set_cookies[name] = morsel.value
    return Answer(response.status, response.headers, text, set_cookies, deleted)


class Browser:
    """One person's cookies, sent to whichever server they reach, as a
    browser sends them to one site behind a load balancer."""

    def __init__(self, source=None):
        self.source = source
        self.cookies = {}

    def request(self, base, path, **kwargs):
        answer = fetch(base, path, cookies=self.cookies, source=self.source, **kwargs)
        self.cookies.update(answer.cookies)
        for name in answer.deleted:
            self.cookies.pop(name, None)
        return answer

    def get(self, base, path):
        return self.request(base, path)

    def post(self, base, path, form):
        return self.request(base, path, method="POST", form=form)

    def log_in(self, base, username, password):
        """The admin's login form, CSRF token and cookie included."""
        form = self.get(base, "/admin/login/").form("login-form")
        form.update(username=[username], password=[password], next=["/admin/"])
        answer = self.post(base, "/admin/login/", form)
        assert answer.status == 302, f"login refused ({answer.status})"
        assert answer.headers["Location"] == "/admin/"
        assert "sessionid" in self.cookies
        return answer


ARTICLE_LINK = re.compile(r'href="(/interviews/[a-z0-9-]+/)"')


def article_paths(page):
    """The article addresses a list page links to, in order, once each."""
    return list(dict.fromkeys(ARTICLE_LINK.findall(page.text)))
