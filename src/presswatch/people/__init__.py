"""People across articles: one identity per person, a gender estimate, who gets quoted."""

from presswatch.people.identity import NameForm, NameSeen, Resolution, block_of, parse_name, resolve_block

__all__ = ["NameForm", "NameSeen", "Resolution", "block_of", "parse_name", "resolve_block"]
