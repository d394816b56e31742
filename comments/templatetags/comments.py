"""The comments section under an article, drawn where the article's
template asks for it: `{% load comments %}{% comment_section interview %}`.

The interview knows nothing of comments; this tag brings the approved
threads and the form, as django-contrib-comments' tags do."""

from django import template

from ..sections import section_context

register = template.Library()


@register.inclusion_tag("comments/includes/section.html", takes_context=True)
def comment_section(context, interview, form=None):
    """The section for `interview`; `form` is a reader's bound form when the
    article is shown again with its errors."""
    request = context["request"]
    return {
        "interview": interview,
        "messages": context.get("messages"),
        # A missing variable reaches the tag as "": no bound form.
        **section_context(request, interview, form=form or None),
    }
