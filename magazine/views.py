from collections import Counter

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.generic import ListView, TemplateView

from artists.models import Artist
from artists.search import other_names_matched
from interviews.models import Interview
from releases.models import Release

from .forms import SearchForm
from .suggestions import latest_for_not_found

HOME_FEATURED = 3
HOME_LATEST = 12
HOME_RELEASES = 4
HOME_TOPICS = 8
ARTIST_RESULTS = 12
RESULTS_PER_PAGE = 10


class HomeView(ListView):
    """The front page: a lead story, the featured pieces, the latest, then
    the releases coming up and the topics of the pieces on the page.

    The lead is the newest featured piece, or the newest piece when none is
    featured: editors choose it by featuring, and the page never goes
    without one while anything is live."""

    template_name = "home.html"
    context_object_name = "interviews"
    # Both lists built once, as the article's query is
    # (InterviewDetailView.queryset); each one more than the page shows, in
    # case the lead comes from it.
    pieces = Interview.objects.live().with_cards().with_tag_list()
    queryset = pieces.filter(is_featured=False)[: HOME_LATEST + 1]
    featured_pieces = pieces.filter(is_featured=True)[: HOME_FEATURED + 1]

    def get_context_data(self, **kwargs):
        featured = list(self.featured_pieces.all())
        latest = list(self.object_list)
        lead = (featured or latest or [None])[0]
        featured = [piece for piece in featured if piece is not lead][:HOME_FEATURED]
        latest = [piece for piece in latest if piece is not lead][:HOME_LATEST]
        shown = [piece for piece in [lead, *featured, *latest] if piece]
        releases = list(
            Release.objects.public()
            .upcoming()
            .with_public_credits()
            .order_by("released_at", "title")[:HOME_RELEASES]
        )
        return super().get_context_data(
            lead=lead,
            featured=featured,
            latest=latest,
            upcoming_releases=releases,
            topics=topics_of(shown),
            **kwargs,
        )


def topics_of(interviews, limit=HOME_TOPICS):
    """The tags most of `interviews` carry, from the tag lists their query
    brought (no query of its own): only live pieces' tags, which readers may
    see."""
    counts = Counter()
    tags = {}
    for interview in interviews:
        for tag in interview.tag_list:
            counts[tag.pk] += 1
            tags[tag.pk] = tag
    ranked = sorted(counts, key=lambda pk: (-counts[pk], tags[pk].name.casefold()))
    return [tags[pk] for pk in ranked[:limit]]


class SearchView(TemplateView):
    """Artists by any of their names, and live interviews by name or text.

    An artist found by another name than its own says which ("Soseo,
    formerly SHUUU"), and a query that is only another spelling of an
    artist's name asks "Did you mean Kim Sejeong?". With no query, or
    nothing found, the page suggests the latest pieces and the artists and
    topics they are about."""

    template_name = "search.html"
    page_params = ("q", "page")

    def get_context_data(self, **kwargs):
        # Bound only to a query: any other parameter (a shared link's
        # tracking) leaves the page what it is without one.
        form = SearchForm(self.request.GET if "q" in self.request.GET else None)
        query = form.cleaned_data["q"] if form.is_valid() else ""
        context = super().get_context_data(form=form, query=query, **kwargs)
        if not query:
            # A query refused (too long) gets the form's error, not
            # suggestions that would push it out of sight.
            return context if form.errors else context | {"suggest": True}
        artists = list(Artist.objects.public().matching(query)[:ARTIST_RESULTS])
        matched = other_names_matched(artists, query)
        for artist in artists:
            artist.matched_name = matched.get(artist.pk)
        interviews = (
            Interview.objects.live()
            .with_cards()
            .search(query, artist_ids=[artist.pk for artist in artists])
        )
        paginator = Paginator(interviews, RESULTS_PER_PAGE)
        # An odd page number (zero, negative, past the end) gets the nearest page.
        page = paginator.get_page(self.request.GET.get("page"))
        context |= {
            "artists": artists,
            "did_you_mean": [
                artist
                for artist in artists
                if artist.matched_name and artist.matched_name.is_variant
            ],
            "results": interviews,
            "interviews": page.object_list,
            "page_obj": page,
            "paginator": paginator,
            "is_paginated": page.has_other_pages(),
        }
        if not artists and not paginator.count:
            context["suggest"] = True
        return context


def page_not_found(request, exception):
    """The 404 page: a search box, the latest pieces and the sections.

    Anyone can ask for missing addresses at any rate, so the latest pieces
    come from the cache (`latest_for_not_found`), and the page renders
    without them if the database is down."""
    context = {"latest": latest_for_not_found()}
    return render(request, "404.html", context, status=404)
