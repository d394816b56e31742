"""Database expressions Django does not ship for every backend."""

from django.db.models import Aggregate, JSONField


class JSONList(Aggregate):
    """A JSON array of one value per row, for folding a small related list
    into its parent's query: `json_group_array` on SQLite, `jsonb_agg` on
    PostgreSQL. The order of the items is not guaranteed: sort them after."""

    function = "JSON_GROUP_ARRAY"
    output_field = JSONField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="JSONB_AGG", **extra_context)
