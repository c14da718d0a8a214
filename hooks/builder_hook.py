"""MkDocs hook file named in mkdocs.yml: the builder's hook, from the installed package.

It lives outside ``builder/`` so that a project folder never holds a second,
partial ``builder`` folder that would shadow the installed package.
"""

from builder.mkdocs_hook import *  # noqa: F401,F403  (MkDocs looks up the on_* functions here)
