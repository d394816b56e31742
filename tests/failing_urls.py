"""The site's URLs and one whose view fails, for the logging tests."""

from django.urls import include, path


def fail(request):
    raise ZeroDivisionError("the view divided by zero")


urlpatterns = [path("fail/", fail), path("", include("magazine.urls"))]
