"""Pagination that costs the same on page 500 as on page 1."""

from django.core.paginator import Page, Paginator
from django.db.models import Subquery


class KeysFirstPaginator(Paginator):
    """Finds a page's rows by their keys first, then fetches those rows.

    An OFFSET makes the database step over every row before the page; done
    on the full rows (long bodies and all) that is as slow as the page is
    deep. Stepping over keys only reads an index that serves the order, and
    the page's own rows are then fetched by key, with everything the
    queryset selects and prefetches: one query still."""

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        keys = self.object_list.values("pk")[bottom:top]
        rows = self.object_list.filter(pk__in=Subquery(keys))
        return Page(rows, number, self)
