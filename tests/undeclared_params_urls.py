"""The site's URLs and a page that reads a query parameter its view does
not declare, for the page cache tests."""

from django.http import HttpResponse
from django.urls import include, path

from interviews.models import Interview


def reads_undeclared(request):
    Interview.objects.exists()  # a query, so that a stored copy would show
    return HttpResponse(f"Hello {request.GET.get('name', 'reader')}")


urlpatterns = [
    path("undeclared/", reads_undeclared),
    path("", include("magazine.urls")),
]
