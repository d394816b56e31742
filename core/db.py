"""Database expressions Django does not ship for every backend, and the
upkeep of the planner's statistics."""

import operator
from functools import reduce

from django.db import connections
from django.db.models import (
    Aggregate,
    Count,
    DateTimeField,
    Expression,
    JSONField,
    Q,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils import timezone


class JSONList(Aggregate):
    """A JSON array of one value per row, for folding a small related list
    into its parent's query: `json_group_array` on SQLite, `jsonb_agg` on
    PostgreSQL. The order of the items is not guaranteed: sort them after."""

    function = "JSON_GROUP_ARRAY"
    output_field = JSONField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="JSONB_AGG", **extra_context)


class ClockTime(Expression):
    """The site's clock (`timezone.now()`), read each time the query is
    compiled rather than once when it is built.

    A condition on it, such as "published before now", leaves a queryset
    that does not go stale: a view can build it once, as a class attribute,
    and Django clones it for each request, which costs a fraction of
    building it again. It is the site's clock, not the database's (Django's
    `Now`), so that a test that moves the clock moves what is live."""

    output_field = DateTimeField()

    def as_sql(self, compiler, connection):
        now = self.output_field.get_db_prep_value(timezone.now(), connection)
        return "%s", [now]


def pk_in_any(candidates, *, using="default"):
    """`pk IN` any of the `candidates` (querysets of one `pk` column), as one
    condition the database answers by primary key.

    PostgreSQL reads the whole table to test an OR of two INs, but answers
    one IN of their UNION from the index; SQLite cannot have a LIMIT inside
    a UNION, and answers the OR from the index itself."""
    # A part's ordering (a model's default) is a sort for nothing inside a
    # union, unless the part is cut by it: a contributor's 14,000 credits
    # were sorted by position to be tested for liveness.
    candidates = [c if c.query.is_sliced else c.order_by() for c in candidates]
    if len(candidates) == 1:
        return Q(pk__in=candidates[0])
    if connections[using].features.supports_slicing_ordering_in_compound:
        first, *rest = candidates
        return Q(pk__in=first.union(*rest, all=True))
    return reduce(operator.or_, (Q(pk__in=candidate) for candidate in candidates))


def count_of(rows, key):
    """How many of `rows` (filtered on an OuterRef) each row of the outer
    query has, 0 for none, counted from the index `key` leads: each outer
    row's count reads its own few index entries. A join grouped by the
    outer row reads every related row to count them all, every time;
    `COUNT(*)` rather than a column's count spares PostgreSQL a visit to the
    table for each."""
    counted = rows.order_by().values(key).annotate(count=Count("*")).values("count")
    return Coalesce(Subquery(counted), 0)


def refresh_planner_statistics(using="default"):
    """Tell the database's query planner what the tables hold now (ANALYZE).

    SQLite has only what the last ANALYZE found, and plans by it however
    the tables have grown since: statistics taken while the archive held
    three interviews made an article take seconds at 100,000, and a section
    of the sitemap minutes. PostgreSQL's autovacuum analyzes a table that
    has grown by a tenth, where it is on. About two seconds on SQLite at
    100,000 interviews, six on PostgreSQL."""
    with connections[using].cursor() as cursor:
        cursor.execute("ANALYZE")
