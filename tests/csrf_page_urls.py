"""The site's URLs and a page with a CSRF-protected form, for the page
cache tests."""

from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import include, path

from interviews.models import Interview


def with_a_token(request):
    Interview.objects.exists()  # a query, so that a stored copy would show
    token = get_token(request)
    return HttpResponse(
        f'<form method="post"><input name="csrfmiddlewaretoken" value="{token}">'
    )


urlpatterns = [path("with-a-token/", with_a_token), path("", include("magazine.urls"))]
