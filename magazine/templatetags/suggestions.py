"""{% suggestions %}: where to go next, for a reader who found nothing
(magazine.suggestions), drawn where the page puts it."""

from django import template

from ..suggestions import drawn_suggestions

register = template.Library()


@register.simple_tag(takes_context=True)
def suggestions(context):
    return drawn_suggestions(context.request)
