from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.views.generic import DetailView, ListView

from core.pagination import KeysFirstPaginator

from .models import Artist, Membership

# The artist page lists this many interviews, newest first, then links on.
INTERVIEWS_ON_ARTIST_PAGE = 24
ARTISTS_PER_PAGE = 120


class ArtistIndexView(ListView):
    """The public artists by name, a page at a time, each with how many live
    interviews feature them (counted for the page's artists only)."""

    template_name = "artists/artist_index.html"
    context_object_name = "artists"
    paginate_by = ARTISTS_PER_PAGE
    paginator_class = KeysFirstPaginator

    def get_queryset(self):
        # Interviews are reached through the relation they declare to
        # artists ("interviews"), with their own live rule: artists never
        # import the app above them.
        live = Artist.interviews.field.model.objects.live()
        count = (
            live.filter(featured_artists=OuterRef("pk"))
            .order_by()
            .values("featured_artists")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return (
            Artist.objects.public()
            .annotate(interview_count=Coalesce(Subquery(count), 0))
            .order_by("name", "pk")
        )


class ArtistDetailView(DetailView):
    """Profile, names, links, memberships in both directions and interviews."""

    context_object_name = "artist"

    def get_queryset(self):
        # Built per request: public() depends on the time.
        return (
            Artist.objects.public()
            .select_related("agency", "portrait__credit")
            .prefetch_related("aliases", "links")
        )

    def get_context_data(self, **kwargs):
        artist = self.object
        memberships = (
            Membership.objects.public()
            .filter(Q(member=artist) | Q(group=artist))
            .select_related("member", "group")
        )
        # One query more than the page shows tells whether there are older ones.
        interviews = list(
            artist.interviews.live().select_related("lead_photo")[
                : INTERVIEWS_ON_ARTIST_PAGE + 1
            ]
        )
        return super().get_context_data(
            groups=[m for m in memberships if m.member_id == artist.pk],
            members=[m for m in memberships if m.group_id == artist.pk],
            interviews=interviews[:INTERVIEWS_ON_ARTIST_PAGE],
            has_older_interviews=len(interviews) > INTERVIEWS_ON_ARTIST_PAGE,
            **kwargs,
        )
