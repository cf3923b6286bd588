"""Reader comments: the validation every front end shares, and the one call that stores a comment.

The HTML form, the JSON API and the CLI all go through :func:`post_comment`, so a comment refused
in one place is refused everywhere with the same message. The two "empty" messages are the ones the
seed's own comment form used; readers have seen them before.
"""

from __future__ import annotations

from presswatch.errors import ValidationError
from presswatch.model import Comment
from presswatch.store.base import Store

EMPTY_COMMENT = "Please enter your comment!"
EMPTY_NAME = "Please enter your name here"

#: Long enough for a real name with titles; short enough to keep the page layout sane.
NAME_MAX_CHARS = 80
#: Roughly two pages of text: room for an argument, not for a pasted article.
COMMENT_MAX_CHARS = 5000


def validate_comment(name: str, comment: str) -> None:
    """Raise ValidationError (field -> message) if ``name`` or ``comment`` is unacceptable.

    Whitespace-only counts as empty. All problems are reported at once, so a form can show each
    message next to its own field.
    """
    errors: dict[str, str] = {}
    name_clean = (name or "").strip()
    comment_clean = (comment or "").strip()
    if not comment_clean:
        errors["comment"] = EMPTY_COMMENT
    elif len(comment_clean) > COMMENT_MAX_CHARS:
        errors["comment"] = (
            f"Your comment is {len(comment_clean)} characters long; please keep it under {COMMENT_MAX_CHARS}."
        )
    if not name_clean:
        errors["name"] = EMPTY_NAME
    elif len(name_clean) > NAME_MAX_CHARS:
        errors["name"] = f"Your name is {len(name_clean)} characters long; please keep it under {NAME_MAX_CHARS}."
    elif any(ch in name_clean for ch in "\r\n"):
        errors["name"] = "Your name must fit on one line."
    # PostgreSQL text cannot hold NUL; refuse it in every backend so they behave alike.
    for field_name, value in (("comment", comment_clean), ("name", name_clean)):
        if field_name not in errors and "\x00" in value:
            errors[field_name] = "Please remove the invisible control characters from this field."
    if errors:
        raise ValidationError(errors)


def post_comment(store: Store, article_id: str, name: str, comment: str) -> Comment:
    """Validate and store a comment on ``article_id``; raises ValidationError or NotFound.

    Surrounding whitespace is trimmed; the text itself is stored as typed (escaping is the job
    of whoever displays it).
    """
    validate_comment(name, comment)
    return store.add_comment(article_id, name.strip(), comment.strip())


__all__ = [
    "COMMENT_MAX_CHARS",
    "EMPTY_COMMENT",
    "EMPTY_NAME",
    "NAME_MAX_CHARS",
    "post_comment",
    "validate_comment",
]
