"""Embedding schema.org JSON-LD in a page, inertly."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

# Inside <script>, "</script>" or "<!--" in a title would end or bend the
# element: escaping <, > and & as JSON \u escapes keeps the data unchanged.
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld(data):
    """`data` as the body of a <script type="application/ld+json">."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
    return mark_safe(text.translate(SCRIPT_ESCAPES))
