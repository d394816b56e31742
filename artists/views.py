from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.views.generic import DetailView, ListView

from core.pagination import KeysFirstPaginator

from .models import AgencyPeriod, AliasKind, Artist, Membership

# The artist page lists this many interviews, newest first, then links on.
INTERVIEWS_ON_ARTIST_PAGE = 24
ARTISTS_PER_PAGE = 120
# ...and this many of those that only mention them.
MENTIONS_ON_ARTIST_PAGE = 12


class ArtistIndexView(ListView):
    """The public artists by name, a page at a time, each with how many live
    interviews feature them (counted for the page's artists only)."""

    template_name = "artists/artist_index.html"
    context_object_name = "artists"
    paginate_by = ARTISTS_PER_PAGE
    paginator_class = KeysFirstPaginator
    page_params = ("page",)

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
            .prefetch_related(
                "aliases",
                "links",
                Prefetch(
                    "agency_history",
                    AgencyPeriod.objects.select_related("agency").order_by(
                        "-start_date"
                    ),
                ),
            )
        )

    def get_context_data(self, **kwargs):
        artist = self.object
        memberships = (
            Membership.objects.public()
            .filter(Q(member=artist) | Q(group=artist))
            .select_related("member__portrait", "group__portrait")
        )
        groups = [m for m in memberships if m.member_id == artist.pk]
        lineup = [m for m in memberships if m.group_id == artist.pk]
        # Interviews are reached through the relation they declare to
        # artists, with their own rules: artists never import the app above.
        live = Artist.interviews.field.model.objects.live()
        # One more than the page shows tells whether there are older ones.
        found = list(
            live.featuring(artist, lineup).with_cards()[: INTERVIEWS_ON_ARTIST_PAGE + 1]
        )
        interviews = found[:INTERVIEWS_ON_ARTIST_PAGE]
        mark_members(interviews, lineup)
        mentioned_in = (
            live.filter(mentioned_artists=artist)
            .exclude(pk__in=[interview.pk for interview in interviews])
            .with_cards()[:MENTIONS_ON_ARTIST_PAGE]
        )
        # Releases too are reached through the relation they declare.
        discography = (
            Artist.releases.field.model.objects.public()
            .filter(credits__artist=artist)
            .order_by("-released_at")
        )
        today = timezone.localdate()
        # The header says "formerly SHUUU" apart from the other spellings,
        # and leaves out the Hangul name it already shows.
        aliases = [
            alias for alias in artist.aliases.all() if alias.name != artist.hangul_name
        ]
        return super().get_context_data(
            former_names=[a for a in aliases if a.kind == AliasKind.FORMER_NAME],
            other_names=[a for a in aliases if a.kind != AliasKind.FORMER_NAME],
            groups=groups,
            members=[m for m in lineup if not m.has_ended(today)],
            former_members=[m for m in lineup if m.has_ended(today)],
            sub_units=Artist.objects.public().filter(parent=artist)
            if artist.is_group
            else [],
            parent=Artist.objects.public().filter(pk=artist.parent_id).first()
            if artist.parent_id
            else None,
            interviews=interviews,
            mentioned_in=mentioned_in,
            discography=discography,
            has_older_interviews=len(found) > INTERVIEWS_ON_ARTIST_PAGE,
            **kwargs,
        )


def mark_members(interviews, lineup):
    """On a group's page, each interview's `group_members`: the members it
    features, as (member, whether they were in the group when it was
    published), so a card can say "with Kim Sejeong, then a member"."""
    by_member = {membership.member_id: membership for membership in lineup}
    for interview in interviews:
        interview.group_members = []
    if not by_member or not interviews:
        return
    by_pk = {interview.pk: interview for interview in interviews}
    features = Artist.interviews.through.objects.filter(
        interview__in=by_pk, artist__in=by_member
    ).values_list("interview", "artist")
    for interview_pk, member_pk in features:
        interview = by_pk[interview_pk]
        membership = by_member[member_pk]
        published = timezone.localdate(interview.publish_at)
        interview.group_members.append(
            (membership.member, not membership.has_ended(published))
        )
