"""Page structure: title, dateline, publish date, body, and the tail that is not the article.

Works on the normalised (Simplified) text, line by line. The body starts at the first line of prose
and ends at the first tail marker (editor and reprint lines, related-article blocks, comment prompts,
上一篇/下一篇 ...); a trailing run of list-like lines (headline lists, teasers, bylines) is cut too.
Lists inside the article survive because they read as prose (they end in 。 or ；) and prose follows.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..dates import find_full_date
from .aligned import Aligned

_BULLET = r"^[\s\-–—•·*>|【\[（(]*"
TAIL_MARKER = re.compile(
    _BULLET + r"(?:"
    r"责任编辑|本文编辑|编辑[:：]|编辑\s|责编|原标题|原文标题|标签[:：]|相关(?:推荐|阅读|新闻|文章|报道|链接|资讯|专题)"
    r"|推荐阅读|延伸阅读|热点推荐|热门推荐|热门文章|热门资讯|热点新闻|精彩推荐|猜你喜欢|为你推荐|更多(?:精彩|新闻|阅读|资讯)"
    r"|上一篇|下一篇|上一条|下一条|本文转载|转载(?:请|自|须)|本文来源[:：]|文章来源[:：]|免责声明|声明[:：]|版权(?:所有|声明)"
    r"|发表评论|我要评论|网友评论|评论区|登录后|分享到|分享至|扫一扫|扫描二维码|打印本页|关闭窗口|返回顶部|返回首页|纠错"
    r"|editors?[:：]|edited by|related(?: articles| news| stories| posts| reading)?[:：]?\s*$|tags?[:：]|share (?:this|on)"
    r"|copy\s?right|all (?:rights )?reserved|see also[:：]|previous(?: article| post)?[:：]|next(?: article| post)?[:：]|read more|recommended"
    r"|comments?\s*[(:：\d]|leave a (?:comment|reply)|©"
    r")",
    re.I,
)
INLINE_EDITOR = re.compile(r"\s*[（(](?:责任编辑|编辑|责编|editors?|edited by)[:：\s][^)）]{1,40}[)）][.。]?\s*$", re.I)
RELATED_MARKER = re.compile(
    _BULLET + r"(?:相关|推荐阅读|延伸阅读|热点|热门|精彩推荐|猜你喜欢|为你推荐|更多|上一篇|下一篇|上一条|下一条|related|recommended|read more|previous|next)",
    re.I,
)
CAPTION = re.compile(
    r"^(?:[（(][^)）]{0,24}(?:图|图片|资料|摄|视频|仅供参考)[^)）]{0,24}[)）]|本文图.{0,20}|图片来源.{0,30}|图[:：].{0,30}"
    r"|(?:photo|image|picture)s?(?: by| source)?[:：].{0,60})$",
    re.I,
)
HEAD_NOISE = re.compile(
    r"^(?:[\s\-–—•·*>|_=~]*$"
    r"|[（(][^)）]{0,24}(?:图|图片|资料|摄|视频|来源|仅供参考)[^)）]{0,24}[)）]$"
    r"|.{0,40}(?:首页|当前位置|您的位置|你的位置)\s*[>›»].*"
    r"|(?:首页|home)\s*[>›»/].*"
    # a site's menu: five or more short items between bars (首页| 滚动| 国内| 国际| …)
    r"|(?:[^|｜\n]{1,10}[|｜]){4,}[^|｜\n]{0,10}"
    r"|本文图|图片来源|图[:：]|字号|浏览[:：]|阅读[:：]|点击[:：]|打印|收藏"
    r"|(?:来源|作者|编辑|记者|发布|时间|日期|发布时间|发布日期|source|author|by)[:：].*"
    r")",
    re.I,
)
KEYWORD_LABEL = re.compile(r"^(?:关键字|关键词|keywords?)\s*[:：]\s*", re.I)
LEDE_START = re.compile(r"据|本报|记者|新华社|中新网|\d{1,2}月\d{1,2}日|今天|昨天|昨日|近日|日前|今年|\d{4}年")
PUBLISHED_LABEL = re.compile(
    r"(?:发布时间|发布日期|发表时间|发表日期|发布于|更新时间|最后更新|时间|日期|来源|published(?: on)?|updated|posted(?: on)?"
    r"|release(?:d)?(?: time| date| on)?|date)\s*[:：]?\s*",
    re.I,
)
NAV_DATE = re.compile(_BULLET + r"(?:上一篇|下一篇|previous|next)", re.I)
DATELINE = re.compile(
    r"(?:"
    r"[^\s，。,；;：:]{0,14}?(?:讯|\d{1,2}月\d{1,2}日电|日电)(?:\s*[（(][^)）]{0,24}[)）])?"
    r"|据[^\s，。,]{1,14}?(?:消息|报道)"
    r"|[A-Z][A-Z .'-]{2,30},\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s+\d{4})?\s*(?:\([A-Za-z][A-Za-z .'&-]{0,40}\))?\s*(?:--|—|-)"
    r"|\([A-Za-z]+\)\s*[A-Z][A-Z .'-]{2,30},\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*(?:--|—|-)"
    r")"
)
#: an agency's dateline or a reporter's byline on a line of its own, with the city it was filed from and the day
HEAD_DATELINE = re.compile(r"[^\s，。,；;：:]{1,12}\s*[／/]\s*[\u4e00-\u9fff]{2,4}\s*\d{1,2}日[电讯]"
                           # a byline with the city and the day (鉅亨网记者张某某 台北 2025-10-28 20:17)
                           r"|[^\n]{0,30}?记者[^\s，。,；;/／\n]{2,4}\s+[\u4e00-\u9fff]{2,4}\s+\d{4}[-/]\d{1,2}[-/]\d{1,2}[^\n]{0,12}")
SENTENCE_END = "。！？；!?;…”\"’』」）)"
TIMESTAMP = re.compile(r"(?:^|\s)(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d\d(?::\d\d)?)?(?:\s|$)")
LIST_START = re.compile(r"^(?:[-–—•·*]|\d{1,2}\s|\d{1,2}[.、)）]\s*\D)")


@dataclass
class Structure:
    """Where things are in the normalised text (line-based spans)."""

    body: tuple[int, int]
    title: tuple[int, int] | None = None
    dateline: tuple[int, int] | None = None
    published: str | None = None
    published_from: str | None = None
    head: tuple[int, int] = (0, 0)
    tail: tuple[int, int] = (0, 0)
    cut: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class _Line:
    start: int
    end: int
    text: str


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    for raw in text.split("\n"):
        if raw.strip():
            out.append(_Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return out


_ASCII_LETTERS = re.compile(r"[A-Za-z]")


def is_english(line: str) -> bool:
    letters = len(_ASCII_LETTERS.findall(line))
    return letters > 0.6 * max(1, len(line) - line.count(" "))


def _cut_prose(s: str) -> bool:
    """An English sentence cut off before its end (a stored excerpt stops mid-sentence): ten words or more, mostly in
    lower case or with a verb of saying (Wang Lixin, Chairman of …, said: "…), which no headline has."""
    words = s.split()
    return len(words) >= 10 and (sum(w[:1].islower() for w in words) >= 0.5 * len(words)
                                 or re.search(r",? (?:said|says|told|added|noted)\b", s) is not None)


def is_prose(line: str) -> bool:
    s = line.strip()
    if PUBLISHED_LABEL.match(s) and len(s) < 60:
        return False  # 发布时间：2023-09-07 来源：… is page metadata
    if is_english(s):
        words = len(s.split())
        return (words >= 8 and s[-1] in ".!?\"')") or words >= 25 or _key_point(s)
    if len(s) >= 60:
        return True
    # a closing quote ends a sentence only after sentence punctuation (。” but not 建设“芯”高地")
    end = s.rstrip("”\"’』」")
    return len(s) >= 14 and bool(end) and (end[-1] in "。！？；!?;…）)" or any(p in s[:-1] for p in "。！？；"))


def _key_point(s: str) -> bool:
    """A bulleted summary sentence under an English headline (• The project … began construction last Saturday,
    according to reports): a sentence of the article, though it ends without a full stop."""
    return s[:1] in "•·" and len(s.split()) >= 10


def is_listy(line: str) -> bool:
    """A line that reads like a headline, a teaser, a byline or a date rather than the article."""
    s = line.strip()
    if s.endswith(("…", "...", "…”", "...”")) or TIMESTAMP.search(s) or TAIL_MARKER.search(s):
        return True
    if s.startswith(("(", "（")) and s.endswith((")", "）", ").", "）。")) and len(s) <= 40:
        return True
    if is_english(s) and _key_point(s):
        return False
    if LIST_START.match(s) and not s.endswith(("。", "；", ";", ".")):
        return True
    if is_english(s):
        return len(s.split()) < 8 or s[-1] not in ".!?\"')"
    return len(s) <= 40 and s[-1] not in SENTENCE_END and s[-1] not in "，,："


def find_structure(text: str) -> Structure:
    """The title, body, tail and publish date of a normalised page text."""
    lines = _lines(text)
    if not lines:
        return Structure(body=(0, 0))
    first = next((i for i, ln in enumerate(lines) if is_prose(ln.text) and not _head_noise(ln.text)), 0)
    last = len(lines)
    teasers: list[int] = []
    for i in range(first + 1, len(lines)):
        if TAIL_MARKER.match(lines[i].text):
            if _teaser_inside(lines, i) or (i - first <= 4 and _meta_before_prose(lines, i)):
                teasers.append(i)  # 更多新闻：<one headline> between two paragraphs of the article
                continue
            last = i
            break
    # A trailing run of list-like lines (headlines, teasers, bylines) is not the article.
    while last - 1 > first and is_listy(lines[last - 1].text) \
            and not (last == len(lines) and _cut_prose(lines[last - 1].text)):
        last -= 1  # (the page's very last line may be a sentence a stored excerpt cut off: that is the article)
    body_start = lines[first].start
    body_end = lines[last - 1].end
    m = INLINE_EDITOR.search(text, lines[last - 1].start, body_end)
    if m and m.start() > body_start:
        body_end = m.start()
    m = KEYWORD_LABEL.match(lines[first].text)
    if m:
        body_start = _after_keywords(lines[first], m.end())
    st = Structure(body=(body_start, body_end), head=(0, body_start), tail=(body_end, len(text)))
    st.cut = [(ln.start, ln.end) for k, ln in enumerate(lines[first + 1: last - 1], first + 1)
              if CAPTION.match(ln.text.strip()) or k in teasers]
    head_lines = lines[:first]
    title_line = next((ln for ln in head_lines if not _head_noise(ln.text) and not _is_meta(ln.text)
                       and not _not_a_title(ln.text) and not HEAD_DATELINE.fullmatch(ln.text.strip())), None) \
        or next((ln for ln in head_lines if not _head_noise(ln.text) and not _is_meta(ln.text)), None)
    if title_line is not None:
        st.title = (title_line.start, title_line.end)
    d = DATELINE.match(text, body_start, body_end)
    if d and d.end() > body_start:
        st.dateline = (body_start, d.end())
    else:  # a dateline on a line of its own above the article (中央社／ 新竹24日电)
        line = next((ln for ln in head_lines if HEAD_DATELINE.fullmatch(ln.text.strip())), None)
        if line is not None:
            st.dateline = (line.start, line.end)
    st.published, st.published_from = _published(text, lines, first, last, st)
    return st


# a teaser line inside an article: a "more news" label and one headline on the same line
_TEASER = re.compile(_BULLET + r"(?:更多(?:新闻|新聞|精彩|阅读|閱讀|资讯|資訊)|延伸阅读|延伸閱讀|相关(?:新闻|阅读|报道)|相關(?:新聞|閱讀|報導)"
                     r"|推荐阅读|推薦閱讀|热门推荐|read more|related|see also)\s*[:：]\s*\S.{2,80}$", re.I)


def _teaser_inside(lines: list[_Line], i: int) -> bool:
    """Line ``i`` is a one-headline teaser with the article going on after it (a paragraph of prose within the next
    three lines, before any other tail marker)."""
    if not _TEASER.match(lines[i].text.strip()):
        return False
    for ln in lines[i + 1: i + 4]:
        if TAIL_MARKER.match(ln.text):
            return False
        if (is_prose(ln.text) or _cut_prose(ln.text.strip())) and len(ln.text.strip()) >= 30:
            return True
    return False


def _meta_before_prose(lines: list[_Line], i: int) -> bool:
    """Line ``i``, near the top of the body, is a short metadata line of a reposted article (【原标题：…】, 【来源：…】,
    编辑：…) with the article's paragraphs after it."""
    if len(lines[i].text.strip()) > 60:
        return False
    for ln in lines[i + 1: i + 5]:
        if is_prose(ln.text) and len(ln.text.strip()) >= 40:
            return True
    return False


_PHOTO = re.compile(r"\b(?:Photo|Image|Picture)s?(?: by| source| credit)?\s*:|图片来源|图/|摄影", re.I)


def _not_a_title(line: str) -> bool:
    """A head line that is no headline: a photo caption, or an English section label of a few words."""
    s = line.strip()
    return bool(_PHOTO.search(s)) or (is_english(s) and len(s.split()) < 5)


def _head_noise(line: str) -> bool:
    return bool(HEAD_NOISE.match(line.strip()))


def _is_meta(line: str) -> bool:
    return bool(KEYWORD_LABEL.match(line)) or (TIMESTAMP.search(line) is not None and len(line) < 50)


def _after_keywords(line: _Line, label_end: int) -> int:
    rest = line.text[label_end:]
    lede = LEDE_START.search(rest, 0, 24)
    if lede:
        return line.start + label_end + lede.start()
    space = re.search(r"\s", rest)
    if space and space.start() <= 24:
        return line.start + label_end + space.end()
    return line.start + label_end


def _published(text: str, lines: list[_Line], first: int, last: int, st: Structure) -> tuple[str | None, str | None]:
    # 1. a labelled date in the head, or in the tail before any related-articles block
    tail_meta: list[_Line] = []
    for ln in lines[last:]:
        if RELATED_MARKER.match(ln.text) or (TIMESTAMP.search(ln.text) and not PUBLISHED_LABEL.search(ln.text)):
            break
        tail_meta.append(ln)
    for ln in lines[:first] + tail_meta:
        label = PUBLISHED_LABEL.search(ln.text)
        if label:
            found = find_full_date(ln.text[label.end():])
            if found:
                return found[0], "page"
    # 2. a date in the dateline or a bare date line in the head
    if st.dateline:
        found = find_full_date(text[st.dateline[0]: st.dateline[1] + 20])
        if found:
            return found[0], "dateline"
    for ln in lines[:first]:
        found = find_full_date(ln.text)
        if found and len(ln.text) < 60:
            return found[0], "page"
    # 3. the dates of the neighbouring articles in 上一篇/下一篇 navigation
    for ln in lines[last:]:
        if NAV_DATE.match(ln.text):
            found = find_full_date(ln.text)
            if found:
                return found[0], "neighbours"
    return None, None


def apply_structure(a: Aligned, st: Structure) -> tuple[Aligned, Aligned, Aligned]:
    """(head, body, tail) of an aligned text, by the structure found in it."""
    return (a.slice(*st.head), a.slice(*st.body), a.slice(*st.tail))
