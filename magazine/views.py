from django.core.paginator import Paginator
from django.views.generic import ListView, TemplateView

from artists.models import Artist
from interviews.models import Interview

from .forms import SearchForm

HOME_FEATURED = 3
HOME_LATEST = 12
ARTIST_RESULTS = 12
RESULTS_PER_PAGE = 10


class HomeView(ListView):
    """The front page: featured pieces, then the latest."""

    template_name = "home.html"
    context_object_name = "interviews"

    def get_queryset(self):
        live = Interview.objects.live().with_cards()
        return live.filter(is_featured=False)[:HOME_LATEST]

    def get_context_data(self, **kwargs):
        featured = Interview.objects.live().filter(is_featured=True).with_cards()
        return super().get_context_data(featured=featured[:HOME_FEATURED], **kwargs)


class SearchView(TemplateView):
    """Artists by any of their names, and live interviews by name or text."""

    template_name = "search.html"

    def get_context_data(self, **kwargs):
        form = SearchForm(self.request.GET or None)
        query = form.cleaned_data["q"] if form.is_valid() else ""
        context = super().get_context_data(form=form, query=query, **kwargs)
        if not query:
            return context
        artists = list(Artist.objects.public().matching(query)[:ARTIST_RESULTS])
        interviews = (
            Interview.objects.live()
            .with_cards()
            .search(query, artist_ids=[artist.pk for artist in artists])
        )
        paginator = Paginator(interviews, RESULTS_PER_PAGE)
        # An odd page number (zero, negative, past the end) gets the nearest page.
        page = paginator.get_page(self.request.GET.get("page"))
        return context | {
            "artists": artists,
            "results": interviews,
            "interviews": page.object_list,
            "page_obj": page,
            "paginator": paginator,
            "is_paginated": page.has_other_pages(),
        }
