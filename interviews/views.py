from django.contrib.admin.views.decorators import staff_member_required
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView

from artists.models import Artist
from comments.models import with_comment_count
from comments.sections import section_context

from .choices import Role
from .models import Contributor, Credit, GalleryPhoto, Interview
from .structured_data import article_data, json_ld

HOME_FEATURED = 3
HOME_LATEST = 12


def with_cards(queryset):
    """What an interview card shows beyond the interview: its artists and
    its lead photo."""
    return queryset.select_related("lead_photo").prefetch_related("featured_artists")


def with_article(queryset):
    """Everything the article page shows, in one query per relation (the
    tags come with the interview itself)."""
    return (
        queryset.with_tag_list()
        .select_related("lead_photo__credit")
        .prefetch_related(
            "featured_artists",
            Prefetch("credits", Credit.objects.select_related("contributor")),
            "qa_items",
            Prefetch("gallery", GalleryPhoto.objects.select_related("photo__credit")),
        )
    )


class HomeView(ListView):
    template_name = "home.html"
    context_object_name = "interviews"

    def get_queryset(self):
        return with_cards(Interview.objects.live().filter(is_featured=False))[
            :HOME_LATEST
        ]

    def get_context_data(self, **kwargs):
        featured = with_cards(Interview.objects.live().filter(is_featured=True))
        return super().get_context_data(featured=featured[:HOME_FEATURED], **kwargs)


class InterviewListView(ListView):
    context_object_name = "interviews"
    paginate_by = 20

    def get_queryset(self):
        return with_cards(Interview.objects.live())


class InterviewDetailView(DetailView):
    context_object_name = "interview"
    # The comment view sets this to the reader's bound form when it shows
    # the page again with the form's errors.
    comment_form = None

    def get_queryset(self):
        return with_comment_count(with_article(Interview.objects.live()))

    def get_context_data(self, **kwargs):
        interview = self.object
        absolute = self.request.build_absolute_uri
        lead_photo = interview.lead_photo
        return super().get_context_data(
            canonical_url=absolute(interview.get_absolute_url()),
            share_image_url=absolute(lead_photo.og_url) if lead_photo else None,
            **self.reader_context(interview),
            **kwargs,
        )

    def reader_context(self, interview):
        comments = section_context(self.request, interview, form=self.comment_form)
        data = article_data(interview, self.request)
        if comments["comment_count"]:
            data["commentCount"] = comments["comment_count"]
        return {
            "related": Interview.objects.related_to(interview),
            "structured_data": json_ld(data),
            **comments,
        }


@method_decorator([never_cache, staff_member_required], name="dispatch")
class InterviewPreviewView(InterviewDetailView):
    """An editor's view of any interview, whatever its status. Staff only,
    never cached, and kept out of search engines."""

    def get_queryset(self):
        if not self.request.user.has_perm("interviews.view_interview"):
            raise Http404
        return with_article(Interview.objects.all())

    def reader_context(self, interview):
        # No related list or structured data: a preview is for the editor.
        return {"is_preview": True}

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response


class TagDetailView(ListView):
    """A topic: the live interviews with one tag. A tag that no live
    interview carries has no page."""

    template_name = "interviews/tag_detail.html"
    context_object_name = "interviews"
    paginate_by = 20

    def get_queryset(self):
        live = Interview.objects.live()
        self.tag = get_object_or_404(live.tags(), slug=self.kwargs["slug"])
        return with_cards(live.filter(tags=self.tag))

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class ContributorDetailView(DetailView):
    """A public contributor's credits on live interviews, grouped by role.
    Photos they are credited for count as photo credits; the artist
    portraits they took are listed too."""

    context_object_name = "contributor"

    def get_queryset(self):
        return Contributor.objects.public()

    def get_context_data(self, **kwargs):
        contributor = self.object
        live = Interview.objects.live()
        credits = (
            Credit.objects.filter(contributor=contributor, interview__in=live)
            .select_related("interview")
            .order_by("-interview__publish_at")
        )
        by_role = {}
        for credit in credits:
            by_role.setdefault(credit.role, []).append(credit.interview)
        photo_credited = by_role.setdefault(Role.PHOTO_CREDIT, [])
        for interview in live.filter(
            Q(lead_photo__credit=contributor) | Q(gallery__photo__credit=contributor)
        ).distinct():
            if interview not in photo_credited:
                photo_credited.append(interview)
        photo_credited.sort(key=lambda interview: interview.publish_at, reverse=True)
        roles = [
            (Role(role).label, by_role[role]) for role in Role if by_role.get(role)
        ]
        portraits = Artist.objects.public().filter(portrait__credit=contributor)
        return super().get_context_data(
            roles=roles, portraits=list(portraits), **kwargs
        )
