"""Documentary microsite builder: sources in, checked Markdown pages out.

The pipeline runs in stages, each a module named after what it does:
load -> check -> curate -> render -> write. Nothing in this package knows
the topic of the site it builds.
"""

__version__ = "0.1.0"
