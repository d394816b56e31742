"""A translated sentence around a list drawn by the template.

A sentence that names several linked things ("Did you mean A or B?") is
translated whole, with a placeholder where the list goes ("Did you mean
{names}?"), so that a language puts the list where its word order wants it
("혹시 찾으시는 아티스트가 {names}인가요?"). The template writes what comes
before the placeholder, then its list, then what comes after:

    {% translate "Did you mean {names}?" as sentence %}
    {{ sentence|before:"{names}" }}…the links…{{ sentence|after:"{names}" }}
"""

from django import template

register = template.Library()


@register.filter
def before(sentence, placeholder):
    return str(sentence).partition(placeholder)[0]


@register.filter
def after(sentence, placeholder):
    return str(sentence).partition(placeholder)[2]
