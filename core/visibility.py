"""What makes an artist, a contributor or a photo public.

Such a row is public when public content shows it (a live interview features
the artist, credits the contributor, leads with the photo) or when an editor
made it public on its own. The content that shows it belongs to a higher app
than the row itself: artists know nothing of interviews. So each model keeps
a `ShownBy` registry, and the higher apps register, in their
`AppConfig.ready()`, the reasons for which their content shows its rows.
`public()` on the model's queryset asks every reason at once.
"""

from functools import reduce
from operator import or_

from django.db.models import Q


class ShownBy:
    """The reasons for which public content shows rows of one model.

    A reason is a callable taking `upcoming` and returning a `Q` over the
    model: the rows that content live now shows, or with `upcoming=True`
    also the rows it will show once what is scheduled goes live (what a
    writer may no longer change on their own).
    """

    def __init__(self):
        self.reasons = []

    def register(self, reason):
        if reason not in self.reasons:
            self.reasons.append(reason)
        return reason

    def condition(self, *, upcoming=False):
        if not self.reasons:
            # No reason means no row is shown: never an empty Q, which would
            # match every row.
            return Q(pk__in=[])
        return reduce(or_, (reason(upcoming=upcoming) for reason in self.reasons))
