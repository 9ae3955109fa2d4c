"""The region brief (issue 6, item 10): a Chinese-language brief of a region's chain map, strengths, gaps,
complementary regions, attraction targets and recent events, every claim cited to its document and sentence.

``write_brief(icatlas.open("icatlas.db"), "苏州", Path("brief.pdf"))`` writes HTML or, through headless Chromium,
PDF. The brief reads everything through the :class:`~icatlas.atlas.Atlas` it is given.
"""
from .render import Sources, find_chromium, gather, html_to_pdf, render_html, write_brief

__all__ = ["Sources", "find_chromium", "gather", "html_to_pdf", "render_html", "write_brief"]
