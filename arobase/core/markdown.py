"""Markdown written by staff (pages, methodology) turned into safe HTML.

Staff accounts can be stolen and texts pasted from elsewhere, so the HTML that Markdown produces is sanitised with
nh3 (an allow-list: no scripts, no event attributes, no ``javascript:`` links) before it reaches a page.
"""

from __future__ import annotations

import markdown
import nh3

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "dl",
    "dt",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}
# A wide table scrolls inside its own focusable region instead of making the page scroll sideways (reflow, 320 px).
TABLE_WRAPPER = '<div class="table-scroll" role="region" tabindex="0" aria-label="Tableau (défilable)"><table>'


def render_markdown(text: str) -> str:
    """HTML for Markdown ``text``, sanitised; raw HTML in the text survives only where the allow-list permits."""
    html = markdown.markdown(text or "", extensions=["extra", "sane_lists"], output_format="html")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return cleaned.replace("<table>", TABLE_WRAPPER).replace("</table>", "</table></div>")
