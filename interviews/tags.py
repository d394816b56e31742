"""Tags as readers meet them: every tag has an address, whatever its name.

Tags are django-taggit's. A name in Latin, Hangul or any script slugifies as
usual ("K-pop" is k-pop, "케이팝" is 케이팝); one made only of emoji or
symbols takes the symbols' Unicode names ("💜" is purple-heart). A name
with no letter, digit or symbol at all ("!!!") cannot have an address and is
refused wherever tags are typed: the interview form, the tag admin, imports.
"""

import unicodedata

from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.text import without_direction_controls

# taggit's Tag.name and Tag.slug are 100 characters at most. A generated
# slug leaves room for a "-99" that tells two tags apart.
MAX_TAG_LENGTH = 100
MAX_BASE_SLUG = MAX_TAG_LENGTH - 4


def tag_slug(name):
    """The address a tag of this name gets, or "" if it can have none."""
    slug = slugify(name, allow_unicode=True)
    if not slug:
        symbols = [
            unicodedata.name(char, "")
            for char in name
            if unicodedata.category(char).startswith("S")
        ]
        slug = slugify(" ".join(symbols))
    return slug[:MAX_BASE_SLUG].strip("-_")


def tag_problem(name):
    """Why `name` cannot be a tag, or None."""
    if len(name) > MAX_TAG_LENGTH:
        return _(
            "The tag “%(start)s…” is %(length)d characters long; a tag has at "
            "most %(limit)d."
        ) % {"start": name[:30], "length": len(name), "limit": MAX_TAG_LENGTH}
    if not tag_slug(name):
        return _(
            "“%(name)s” cannot be a tag: a tag needs a letter, a digit or an emoji."
        ) % {"name": name}
    return None


def free_slug(tag_model, base, *, exclude_pk=None):
    """`base`, or `base-2`, `base-3`... whichever no other tag has."""
    taken = set(
        tag_model._default_manager.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def prepare_tag(sender, instance, raw=False, **kwargs):
    """pre_save of taggit's Tag: a clean name and a usable, free slug.

    taggit slugifies a new tag's name itself, and an emoji name gives it an
    empty slug, which has no URL: the article carrying the tag and the whole
    sitemap would fail. Whatever a tag's name, this gives it one, also when
    tags are made in code or loaded raw from a fixture."""
    instance.name = without_direction_controls(instance.name)
    if instance.slug and not instance._state.adding:
        return
    base = instance.slug or tag_slug(instance.name) or "tag"
    instance.slug = free_slug(sender, base[:MAX_BASE_SLUG], exclude_pk=instance.pk)


class TagSlugConverter:
    """A tag's slug in a URL: letters of any script, digits, hyphens and
    underscores. Anything else (a NUL byte, a slash) matches no tag route
    and answers 404 before any database sees it."""

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
