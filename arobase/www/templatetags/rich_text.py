from django import template
from django.utils.safestring import mark_safe

from arobase.core.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str | None) -> str:
    """``{{ page.body|markdown }}``: staff-written Markdown as sanitised HTML."""
    return mark_safe(render_markdown(text or ""))  # sanitised by nh3 in render_markdown
