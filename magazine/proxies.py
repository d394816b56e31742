"""The reader's address behind a reverse proxy, believed only from a proxy.

Behind a load balancer every request comes from the balancer's address, so
the comment rate limit and the login throttle would count one reader: the
balancer. It says whom it speaks for in X-Forwarded-For, but a client can
send that header too. So the header is read only when the request came from
an address in TRUSTED_PROXIES, and then from the right: each proxy appends
the address it was spoken to from, so the rightmost address that is not one
of ours is the reader; anything left of it was written by the reader and
may be made up.

From any other address the forwarded headers are dropped before anything
reads them: a reader cannot claim an address, nor claim to have come over
HTTPS (SECURE_PROXY_SSL_HEADER).
"""

import ipaddress

from django.conf import settings

FORWARDED_HEADERS = (
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
)


def parse_address(text):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


class TrustedProxyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.proxies = list(settings.TRUSTED_PROXIES)

    def is_proxy(self, address):
        return address is not None and any(address in net for net in self.proxies)

    def reader_address(self, forwarded_for):
        """The rightmost address in X-Forwarded-For that is not a proxy of
        ours, or None when the header holds no usable address."""
        reader = None
        for text in reversed(forwarded_for.split(",")):
            address = parse_address(text)
            if address is None:
                break
            reader = address
            if not self.is_proxy(address):
                break
        return reader

    def __call__(self, request):
        meta = request.META
        if self.is_proxy(parse_address(meta.get("REMOTE_ADDR", ""))):
            reader = self.reader_address(meta.get("HTTP_X_FORWARDED_FOR", ""))
            if reader is not None:
                meta["REMOTE_ADDR"] = str(reader)
        else:
            for header in FORWARDED_HEADERS:
                meta.pop(header, None)
        return self.get_response(request)
