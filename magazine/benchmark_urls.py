"""The site's addresses plus the two yardsticks benchmark_site measures
pages against, behind the same middleware as every page:

- the bare view, which does nothing: every page's ratio is to it;
- the floor, the least a page that reads the database can do: the article's
  interview found as the article finds it (live, by its address) and its
  title put in a template of one line. What the floor serves bounds what any
  page made afresh can, however lean its queries and templates.

They come first so that finding them costs one pattern each; what a page
costs to route is part of that page's figure.
"""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template import engines
from django.urls import path

from interviews.models import Interview
from magazine.urls import urlpatterns as site_urlpatterns

FLOOR_TEMPLATE = engines["django"].from_string("<title>{{ interview.title }}</title>")


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


def floor(request, slug):
    interview = get_object_or_404(
        Interview.objects.live().only("title", "slug"), slug=slug
    )
    return HttpResponse(FLOOR_TEMPLATE.render({"interview": interview}, request))


urlpatterns = [
    path("__bare__/", bare, name="benchmark-bare"),
    path("__floor__/<slug:slug>/", floor, name="benchmark-floor"),
    *site_urlpatterns,
]
