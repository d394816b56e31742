"""Requests refused before any view sees them."""

from django.core.exceptions import BadRequest


class RefuseNulBytesMiddleware:
    """A NUL byte in the path or the query string is refused with a 400.

    No address of the site has one, and PostgreSQL refuses it in any text
    it is given (`DataError`), so a `%00` passed on to a lookup (a tag's
    slug, an admin filter or autocomplete term) would be a server error.
    Form data is left to the forms, which refuse it with a message."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            raise BadRequest("The address holds a NUL byte.")
        return self.get_response(request)


class HeadWithoutBodyMiddleware:
    """A HEAD answer carries the headers of the GET, and no body.

    Django leaves dropping the body to the server; gunicorn does, with a
    warning in the log for each, and load balancers and link checkers send
    HEAD all day. Outermost, so the Content-Length of the GET is kept."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method == "HEAD":
            if response.streaming:
                response.close()
                response.streaming_content = []
            else:
                length = response.get("Content-Length", str(len(response.content)))
                response.content = b""
                response["Content-Length"] = length
        return response
