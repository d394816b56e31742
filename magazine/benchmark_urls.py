"""The site's addresses plus the yardstick that benchmark_site measures
every page against: a view that does nothing, behind the same middleware.

It comes first so that finding it costs one pattern; what a page costs to
route is part of that page's figure.
"""

from django.http import HttpResponse
from django.urls import path

from magazine.urls import urlpatterns as site_urlpatterns


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("__bare__/", bare, name="benchmark-bare"), *site_urlpatterns]
