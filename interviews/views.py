from django.contrib.admin.views.decorators import staff_member_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView

from artists.models import Artist
from core.pagination import KeysFirstPaginator
from people.models import Contributor

from .choices import Role
from .models import Credit, Interview, public_tags
from .structured_data import article_data, json_ld


class InterviewListView(ListView):
    context_object_name = "interviews"
    paginate_by = 20
    paginator_class = KeysFirstPaginator

    def get_queryset(self):
        return Interview.objects.live().with_cards()


class InterviewDetailView(DetailView):
    """A live interview's article page: the piece, what to read next and its
    structured data. The comments app adds its section by subclassing it
    (comments.views.CommentedArticleView); this view knows nothing of it."""

    context_object_name = "interview"

    def get_queryset(self):
        return Interview.objects.live().with_article()

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
        return {
            "related": Interview.objects.related_to(interview),
            "structured_data": json_ld(self.structured_data(interview)),
        }

    def structured_data(self, interview):
        return article_data(interview, self.request)


@method_decorator([never_cache, staff_member_required], name="dispatch")
class InterviewPreviewView(InterviewDetailView):
    """An editor's view of any interview, whatever its status. Staff only,
    never cached, and kept out of search engines."""

    def get_queryset(self):
        if not self.request.user.has_perm("interviews.view_interview"):
            raise Http404
        return Interview.objects.all().with_article()

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
    paginator_class = KeysFirstPaginator

    def get_queryset(self):
        live = Interview.objects.live()
        self.tag = get_object_or_404(public_tags(), slug=self.kwargs["slug"])
        return live.filter(tags=self.tag).with_cards()

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
