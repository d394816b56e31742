"""schema.org JSON-LD for an article page (embedded by core.structured_data)."""

from artists.structured_data import artist_entity

from .choices import Role


def person_or_organisation(contributor, request):
    return {
        "@type": "Person" if contributor.kind == "person" else "Organization",
        "name": contributor.name,
        "url": request.build_absolute_uri(contributor.get_absolute_url()),
    }


def article_data(interview, request):
    """The `NewsArticle` of an interview: who wrote, translated and shot it,
    which artists it is about, and its corrections (which count as changes
    in `dateModified`). Uses only prefetched relations."""
    credited = {}
    for credit in interview.credits.all():
        credited.setdefault(credit.role, []).append(
            person_or_organisation(credit.contributor, request)
        )
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": interview.title,
        "url": request.build_absolute_uri(interview.get_absolute_url()),
        "mainEntityOfPage": request.build_absolute_uri(interview.get_absolute_url()),
        "datePublished": interview.publish_at,
        "dateModified": interview.modified_at,
        "inLanguage": interview.published_in,
        "author": credited.get(Role.INTERVIEWER, []) + credited.get(Role.WRITER, []),
        "about": [artist_entity(a, request) for a in interview.featured_artists.all()],
        "mentions": [artist_entity(a, request) for a in interview.public_mentions],
        "keywords": [tag.name for tag in interview.tag_list],
        "publisher": {"@type": "Organization", "name": "K-pop Magazine"},
    }
    if interview.standfirst:
        data["description"] = interview.standfirst
    if interview.lead_photo:
        # The share crop (1200 x 630) and the widest rendition.
        photo = interview.lead_photo
        data["image"] = [
            request.build_absolute_uri(photo.og_url),
            request.build_absolute_uri(photo.largest_url),
        ]
    if interview.correction_list:
        data["correction"] = [
            {
                "@type": "CorrectionComment",
                "text": correction.note,
                "datePublished": correction.made_at,
                "url": request.build_absolute_uri(correction.get_absolute_url()),
            }
            for correction in interview.correction_list
        ]
    # The piece's other live versions (read with the article: no query).
    absolute = request.build_absolute_uri
    others = [version for version in interview.live_versions if not version.is_current]
    original = next((version for version in others if version.is_original), None)
    if original is not None:
        data["translationOfWork"] = {"@id": absolute(original.url)}
    elif others and interview.version_of_id is None:
        data["workTranslation"] = [{"@id": absolute(v.url)} for v in others]
    if Role.TRANSLATOR in credited:
        data["translator"] = credited[Role.TRANSLATOR]
    if Role.EDITOR in credited:
        data["editor"] = credited[Role.EDITOR]
    photos = credited.get(Role.PHOTOGRAPHER, []) + credited.get(Role.PHOTO_CREDIT, [])
    if photos:
        data["contributor"] = photos
    return data
