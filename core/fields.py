"""Model fields with no domain of their own."""

from django.db import models
from django.utils.safestring import mark_safe


class RenderedHTMLField(models.TextField):
    """HTML that the project's own renderer made, and sanitized as its last
    step, from a text field beside it: stored so that pages and feeds read
    it instead of rendering on every request. It is never edited by hand,
    and it reads back marked safe for templates."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        return mark_safe(value) if value is not None else value
