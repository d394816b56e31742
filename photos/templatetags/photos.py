from django import template

register = template.Library()

# How wide a photo is drawn in the article column (see .interview in
# site.css): the browser picks the rendition from these and the srcset.
COLUMN_SIZES = "(min-width: 46rem) 42rem, calc(100vw - 2rem)"
# ...and a wide one, across the page (.photo-wide: the article's lead photo).
WIDE_SIZES = "(min-width: 72rem) 68rem, calc(100vw - 2rem)"


@register.inclusion_tag("photos/includes/figure.html")
def figure(photo, *, lazy=True, number=None, total=None, sizes=None, wide=False):
    """A photo as <figure>: a <picture> of WebP and JPEG renditions with
    their sizes, and its caption and credit ("Image 3 of 8" in a gallery).
    Photos below the fold load lazily; the first one on a page (lazy=False)
    loads at once. A `wide` photo spans the page, not the text column."""
    return {
        "photo": photo,
        "lazy": lazy,
        "number": number,
        "total": total,
        "sizes": sizes or (WIDE_SIZES if wide else COLUMN_SIZES),
        "wide": wide,
    }
