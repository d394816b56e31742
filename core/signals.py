"""Signals with no domain of their own."""

from django.dispatch import Signal

# Sent after a change to what readers may see that sends no model signal of
# its own (a queryset update, a bulk insert): comments moderated in bulk, an
# archive seeded. The site layer's page cache listens (magazine.pagecache).
# `comments_of`, when given, says that all that changed is the comments of
# those interviews (pks), which show on their own pages alone.
content_changed = Signal()
