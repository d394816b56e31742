"""Database expressions Django does not ship for every backend."""

import operator
from functools import reduce

from django.db import connections
from django.db.models import Aggregate, JSONField, Q


class JSONList(Aggregate):
    """A JSON array of one value per row, for folding a small related list
    into its parent's query: `json_group_array` on SQLite, `jsonb_agg` on
    PostgreSQL. The order of the items is not guaranteed: sort them after."""

    function = "JSON_GROUP_ARRAY"
    output_field = JSONField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="JSONB_AGG", **extra_context)


def pk_in_any(candidates, *, using="default"):
    """`pk IN` any of the `candidates` (querysets of one `pk` column), as one
    condition the database answers by primary key.

    PostgreSQL reads the whole table to test an OR of two INs, but answers
    one IN of their UNION from the index; SQLite cannot have a LIMIT inside
    a UNION, and answers the OR from the index itself."""
    candidates = list(candidates)
    if len(candidates) == 1:
        return Q(pk__in=candidates[0])
    if connections[using].features.supports_slicing_ordering_in_compound:
        first, *rest = candidates
        return Q(pk__in=first.union(*rest, all=True))
    return reduce(operator.or_, (Q(pk__in=candidate) for candidate in candidates))
