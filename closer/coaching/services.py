"""Writes for coaching: comments. (The consent itself is the accounts app's.)"""

from __future__ import annotations

from django.contrib.auth.models import User

from closer.coaching.models import Comment
from closer.pipeline.models import Opportunity


def comment_add(*, opportunity: Opportunity, author: User, body: str) -> Comment:
    return Comment.objects.create(
        owner_id=opportunity.owner_id,
        opportunity=opportunity,
        author=author,
        author_name=author.email or author.get_username(),
        body=body.strip(),
    )
