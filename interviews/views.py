from dataclasses import dataclass

from django.contrib.admin.views.decorators import staff_member_required
from django.core.paginator import InvalidPage
from django.db.models import Count, F, Window
from django.db.models.functions import Lower, RowNumber
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import translation
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView
from taggit.models import Tag

from artists.models import Artist
from core.pagination import KeysFirstPaginator
from core.structured_data import json_ld
from people.models import Contributor

from .choices import Language, Role
from .models import (
    LONG_TEXTS,
    Correction,
    Credit,
    Interview,
    ShareLink,
    TaggedInterview,
    live_condition,
    public_tags,
)
from .revisions import render_as_saved
from .structured_data import article_data

# A contributor's page shows this many of each role's newest credits; the
# role's own page lists them all, this many a page.
CREDITS_PER_ROLE = 12
CREDITS_PAGE = 40
# A topic page offers this many related topics: those most often carried
# with it by the RELATED_TOPICS_FROM live interviews it was last put on.
RELATED_TOPICS = 8
RELATED_TOPICS_FROM = 50


def render_in(language, render):
    """The response of `render()`, drawn with the chrome (navigation, labels,
    dates, byline) in `language`.

    A page's language is that of its address, never the reader's browser or
    a cookie: the page cache keeps one copy per address. The response is
    rendered inside the override, since a TemplateResponse would otherwise
    render later, in whatever language the worker has by then; leaving the
    override restores it, so the next request starts in the site's language.
    """
    with translation.override(language):
        response = render()
        if hasattr(response, "render"):
            response.render()
        return response


class InterviewListView(ListView):
    """The live interviews, newest first; `?lang=ko` narrows them to one
    language (an unknown code is a 404), and is drawn in it."""

    context_object_name = "interviews"
    paginate_by = 20
    paginator_class = KeysFirstPaginator
    # The query parameters that make the page what it is: the page cache
    # keys it by these and drops any others (magazine.pagecache).
    page_params = ("page", "lang")

    def get_queryset(self):
        interviews = Interview.objects.live().with_cards()
        self.language = self.request.GET.get("lang", "")
        if not self.language:
            return interviews
        if self.language not in Language.values:
            raise Http404("The magazine publishes in no such language.")
        return interviews.filter(published_in=self.language)

    def get(self, request, *args, **kwargs):
        language = request.GET.get("lang", "")
        if language not in Language.values:
            # No language, or one the queryset refuses with a 404.
            return super().get(request, *args, **kwargs)
        return render_in(
            language,
            lambda: super(InterviewListView, self).get(request, *args, **kwargs),
        )

    def get_context_data(self, **kwargs):
        if not self.language:
            return super().get_context_data(**kwargs)
        return super().get_context_data(
            language=Language(self.language), page_language=self.language, **kwargs
        )


class InterviewDetailView(DetailView):
    """A live interview's article page: the piece, what to read next and its
    structured data. The comments app adds its section by subclassing it
    (comments.views.CommentedArticleView); this view knows nothing of it."""

    context_object_name = "interview"
    # Built once, and cloned by Django for each request: building it costs
    # more than running it. It never goes stale, since `live()` reads the
    # clock as each request's query is compiled (core.db.ClockTime).
    queryset = Interview.objects.live().with_article()

    def get(self, request, *args, **kwargs):
        # DetailView.get, with the page drawn in the language of the piece.
        self.object = self.get_object()
        return render_in(
            self.object.published_in,
            lambda: self.render_to_response(self.get_context_data(object=self.object)),
        )

    def get_context_data(self, **kwargs):
        interview = self.object
        absolute = self.request.build_absolute_uri
        lead_photo = interview.lead_photo
        return super().get_context_data(
            canonical_url=absolute(interview.get_absolute_url()),
            # <html lang>: a Korean version is a Korean page, chrome and all.
            page_language=interview.published_in,
            share_image_url=absolute(lead_photo.og_url) if lead_photo else None,
            **self.reader_context(interview),
            **kwargs,
        )

    def reader_context(self, interview):
        return {
            # As cards: with their photos and artists, in the same one query.
            "related": Interview.objects.with_cards().related_to(interview),
            "structured_data": json_ld(self.structured_data(interview)),
        }

    def structured_data(self, interview):
        return article_data(interview, self.request)


class CorrectionListView(ListView):
    """Every correction on a live interview, newest first, each linking to
    its note on the article. A correction goes with its piece when the piece
    is taken off the site."""

    template_name = "interviews/correction_list.html"
    context_object_name = "corrections"
    paginate_by = 50
    paginator_class = KeysFirstPaginator
    page_params = ("page",)

    def get_queryset(self):
        return (
            Correction.objects.public()
            .select_related("interview")
            .defer(*(f"interview__{name}" for name in LONG_TEXTS))
        )


class PreviewMixin:
    """A page that is not for readers: no related list or structured data,
    no comments, never cached, kept out of search engines."""

    def reader_context(self, interview):
        return {"is_preview": True}

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response


@method_decorator([never_cache, staff_member_required], name="dispatch")
class InterviewPreviewView(PreviewMixin, InterviewDetailView):
    """An editor's view of any interview, whatever its status. Staff only."""

    def get_queryset(self):
        if not self.request.user.has_perm("interviews.view_interview"):
            raise Http404
        return Interview.objects.all().with_article()


@method_decorator(never_cache, name="dispatch")
class SharedPreviewView(PreviewMixin, InterviewDetailView):
    """One interview's preview for whoever holds its share link, no login
    needed. A tampered, expired or revoked link is a plain 404 that says
    nothing of what it was for."""

    def get(self, request, *args, **kwargs):
        pk = ShareLink.pk_from_token(self.kwargs["token"])
        links = ShareLink.objects.active().select_related("version__revision")
        self.share_link = links.filter(pk=pk).first() if pk else None
        if self.share_link is None:
            raise Http404("No such preview.")
        show = super().get
        if self.share_link.version is None:
            return show(request, *args, **kwargs)
        return render_as_saved(
            self.share_link.version.revision, lambda: show(request, *args, **kwargs)
        )

    def get_object(self, queryset=None):
        return get_object_or_404(
            Interview.objects.all().with_article(), pk=self.share_link.interview_id
        )

    def reader_context(self, interview):
        return {**super().reader_context(interview), "share_link": self.share_link}


class TagDetailView(ListView):
    """A topic: the live interviews with one tag. A tag that no live
    interview carries has no page."""

    template_name = "interviews/tag_detail.html"
    context_object_name = "interviews"
    paginate_by = 20
    paginator_class = KeysFirstPaginator
    page_params = ("page",)

    def get_queryset(self):
        live = Interview.objects.live()
        self.tag = get_object_or_404(public_tags(), slug=self.kwargs["slug"])
        return live.filter(tags=self.tag).with_cards()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            tag=self.tag, related_topics=self.related_topics(), **kwargs
        )

    def related_topics(self):
        """The other tags carried by the live interviews this tag was last
        put on, the most shared first: one query, read from a bounded number
        of this tag's rows however big the topic. Every tag a live interview
        carries is public (see `public_tags`), so none needs asking about.

        The tag's rows are walked newest first in their own index
        (`tagged_interview_newest_pieces`, as `related_to` reads them) and stopped
        at the first RELATED_TOPICS_FROM live ones: sorting every live
        interview with the tag by its publication time first was a sixth
        of a topic page at 100,000 interviews. Grouped in one pass over
        those interviews' tag rows: counting each candidate tag's share in a
        subquery of its own ran the newest interviews' query once per tag
        (60 ms a topic page on PostgreSQL at 10,000 interviews)."""
        newest = (
            TaggedInterview.objects.filter(
                live_condition("content_object__"), tag=self.tag
            )
            .order_by("-pk")
            .values("content_object")[:RELATED_TOPICS_FROM]
        )
        rows = (
            TaggedInterview.objects.filter(content_object__in=newest)
            .exclude(tag=self.tag)
            .values("tag_id", "tag__name", "tag__slug")
            .annotate(shared=Count("pk"))
            .order_by("-shared", Lower("tag__name"))[:RELATED_TOPICS]
        )
        return [
            Tag(id=row["tag_id"], name=row["tag__name"], slug=row["tag__slug"])
            for row in rows
        ]


@dataclass
class RoleCredits:
    """A contributor's newest live interviews in one role, and how many
    there are in all."""

    role: str
    label: str
    interviews: list
    total: int

    @property
    def has_more(self):
        return self.total > len(self.interviews)


class ContributorDetailView(DetailView):
    """A public contributor's credits on live interviews, grouped by role:
    the newest CREDITS_PER_ROLE of each, with a paged list of all of them
    at `?role=`. Photos they are credited for count as photo credits; the
    artist portraits they took are listed too."""

    context_object_name = "contributor"
    page_params = ("role", "page")

    def get_queryset(self):
        return Contributor.objects.public()

    def get(self, request, *args, **kwargs):
        role = request.GET.get("role")
        # An unknown role is the overview, at its own address, and so is a
        # page number with no role (the overview has one page): not a copy
        # of it for each made-up role or number, rendered and kept.
        unknown_role = role is not None and role not in Role.values
        if unknown_role or (role is None and "page" in request.GET):
            return redirect(request.path)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        contributor = self.object
        role = self.request.GET.get("role")
        if role is not None:
            return super().get_context_data(
                **self.one_role(contributor, role), **kwargs
            )
        portraits = Artist.objects.public().filter(portrait__credit=contributor)
        return super().get_context_data(
            roles=self.roles(contributor), portraits=list(portraits), **kwargs
        )

    def roles(self, contributor):
        # The newest of each role but photo credits (below) and each role's
        # count, in one query that reads no interview's row; then those
        # interviews.
        newest = (
            Credit.objects.filter(
                live_condition("interview__"), contributor=contributor
            )
            .exclude(role=Role.PHOTO_CREDIT)
            .annotate(
                newest=Window(
                    RowNumber(),
                    partition_by=[F("role")],
                    order_by=F("interview__publish_at").desc(),
                ),
                role_total=Window(Count("*"), partition_by=[F("role")]),
            )
            .filter(newest__lte=CREDITS_PER_ROLE)
            .values_list("role", "interview", "role_total")
            # Nothing but the roles and pieces, which the index of each
            # contributor's credits holds: no credit's row is read (an
            # agency's 14,000 photo credits were read only to be left out).
            .order_by()
        )
        newest = list(newest)
        # Photo credits come from their credits and from the photos they
        # are credited under: the newest keys, each carrying the count of
        # all of them, read from the liveness index (an agency credited on
        # 13,000 pieces' photos took 80 ms to sort whole rows on SQLite; its
        # keys, 25). Ranked above as well, they were read twice: 40 ms more
        # for that agency on either database.
        photo_credits = list(
            Interview.objects.live()
            .credited_to(contributor, role=Role.PHOTO_CREDIT)
            .annotate(total=Window(Count("pk")))
            .values_list("pk", "total")[:CREDITS_PER_ROLE]
        )
        # Then every interview shown, in one query.
        shown = {pk for _, pk, _ in newest} | {pk for pk, _ in photo_credits}
        interviews = Interview.objects.defer(*LONG_TEXTS).in_bulk(shown)
        by_role, totals = {}, {}
        for role, pk, total in newest:
            by_role.setdefault(role, []).append(interviews[pk])
            totals[role] = total
        for credited in by_role.values():
            credited.sort(key=lambda interview: interview.publish_at, reverse=True)
        by_role[Role.PHOTO_CREDIT] = [interviews[pk] for pk, _ in photo_credits]
        totals[Role.PHOTO_CREDIT] = photo_credits[0][1] if photo_credits else 0
        return [
            RoleCredits(role, Role(role).label, by_role[role], totals[role])
            for role in Role
            if by_role.get(role)
        ]

    def one_role(self, contributor, role):
        interviews = Interview.objects.live().credited_to(contributor, role=role)
        paginator = KeysFirstPaginator(interviews.defer(*LONG_TEXTS), CREDITS_PAGE)
        try:
            page = paginator.page(self.request.GET.get("page", 1))
        except InvalidPage:
            # As on every list: a number no page has is not found, rather
            # than the nearest page made afresh and kept for each number.
            raise Http404("The contributor has no such page of credits.") from None
        return {
            "role": RoleCredits(
                role, Role(role).label, page.object_list, paginator.count
            ),
            "page_obj": page,
            "paginator": paginator,
            "is_paginated": page.has_other_pages(),
        }
