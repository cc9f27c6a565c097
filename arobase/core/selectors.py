from django.shortcuts import get_object_or_404

from arobase.core.models import Page


def page_by_key(key: str) -> Page:
    """The editable page ``key`` (raises Http404 when staff have not got it yet)."""
    return get_object_or_404(Page, key=key)
