"""The site layer has no models of its own.

This module exists because Django sends `post_migrate` only to apps with a
models module, and the Writer and Editor groups are set up on that signal
(see `MagazineConfig.ready()` and `magazine.roles`). Without it, `migrate` on
a fresh database would leave the site with no staff roles.
"""
