"""People in English text (machine-translated Chinese news): pinyin names with the posts written around them.

A name is a capitalised pinyin surname (from the Chinese surname list) and one or two capitalised given-name
words: Chen Lixin, Ouyang Ming, Xiao-gang Wang is not handled. Its post is the title phrase right before it
("Wuxi Municipal Party Secretary Gao Feng", "Party Secretary of Hunan University Zhou Quan") or the apposition
right after it ("Su Ping, second-level inspector of the Sichuan Provincial Department of ..., said").
"""
from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import COMPOUND_SURNAMES, SURNAMES

# the head words of posts, lower case
HEADS = ("secretary", "mayor", "governor", "chairman", "chairwoman", "chairperson", "president", "director",
         "director-general", "minister", "inspector", "commissioner", "chief executive", "ceo", "cto", "cfo",
         "general manager", "manager", "dean", "professor", "academician", "head", "leader", "chief", "premier",
         "counsel", "officer", "founder", "partner", "researcher", "engineer", "principal", "vice", "analyst",
         "economist", "spokesperson", "spokesman", "spokeswoman", "lawmaker", "legislator", "member")
_HEAD_RE = re.compile(r"\b(?:" + "|".join(re.escape(h) for h in HEADS) + r")\b", re.I)
# words after a name that make it a place or an organisation, not a person (Zhang Jiang Hi-Tech Park)
_NOT_PERSON_AFTER = re.compile(r"\s+(?:Park|Group|Technology|Technologies|Co\b|University|District|Road|Street|Town|"
                               r"Hi-Tech|High-Tech|Industrial|Zone|Province|City|County|Lake|River|Bay|New Area|"
                               r"Semiconductor|Microelectronics|Electronics|Holdings|Corp|Inc\b|Ltd|Limited|Company|"
                               r"Institute|Lab|Laboratory|Fund|Capital|Investment|Association|Alliance|Center|Centre|"
                               r"\()")
# a short aside in brackets after a name (a photo caption's "back row, center")
_ASIDE = re.compile(r"\s*\([^()\n]{1,40}\)")
_WORD = re.compile(r"[A-Z][a-z]+(?:-[a-z]+)?")
_TITLE_WORD = re.compile(r"(?:[A-Z][\w'’.-]*|of|the|and|for|in|on|&)$")
_STOP_TITLE = {"The", "And", "Officials", "Present", "Included", "Including", "Attended", "By", "With", "Met",
               "Said", "Both", "Meanwhile", "Also", "Then", "At", "In", "On", "On behalf of"}


@lru_cache(maxsize=1)
def pinyin_surnames() -> frozenset[str]:
    from pypinyin import Style, lazy_pinyin

    out = set()
    for s in [*SURNAMES, *COMPOUND_SURNAMES]:
        py = "".join(lazy_pinyin(s, style=Style.NORMAL, errors="ignore"))
        if py and py.isascii() and py.isalpha():
            out.add(py.capitalize())
    return frozenset(out - {"He", "Du", "Ma", "Yu", "Bai", "Fan", "Long", "Yin", "Wan", "Hong", "An", "Man",
                            "Ban", "Bo", "Mi", "Ning", "Shang", "Hang", "Lan", "Lang"} | {"Ma", "Yu", "Du", "He"})


#: surnames as Taiwan (Wade-Giles) and Hong Kong and Macau (Cantonese) write them, where pinyin differs
ROMAN_SURNAMES = frozenset(
    "Au Chai Chan Chang Chao Cheong Cheung Chiang Chien Chiu Choi Chou Chow Chu Chuang Chung Fung Ho Hsiao Hsieh Hsu "
    "Huang Hui Hung Jen Kao Ko Kuan Kuo Kwan Kwok Kwong Lai Lam Lau Law Lee Leung Liao Lo Lui Mak Ng Poon Shih Siu So "
    "Sze Tam Tang Teng Tong Tsai Tsang Tsao Tse Tseng Tsoi Tsou Tsu Tu Wong Yau Yeh Yen Yeung Yip Yuen Yung".split())
_HYPHENATED = re.compile(r"^[A-Z][a-z]+-[a-z]+$")  # a given name of two syllables joined (Cheng-wen, Ngai-chiu)
# a Western given name before a Hong Kong or Macau surname (Robert Tsu, Sunny Chai Ngai-chiu), with a post after it
_WESTERN = re.compile(r"(?<![A-Za-z.-])([A-Z][a-z]{2,})\s([A-Z][a-z]+)((?:\s[A-Z][a-z]+-[a-z]+)?)(?![A-Za-z-])")
# a name's own Chinese characters in brackets after it (Wu Cheng-wen (吳誠文) told …)
_TITLE_PARTS = {"general", "deputy", "executive", "senior", "party", "acting", "honorary", "former", "mr", "mrs", "ms",
                "dr", "madam", "professor", "councillor", "legislator", "lawmaker", "spokesman", "spokeswoman"}
_HANZI_ASIDE = re.compile(r"\s*[(（][\u4e00-\u9fff]{2,4}[)）]")

_NAME = re.compile(r"(?<![A-Za-z])([A-Z][a-z]+)((?: [A-Z][a-z]+(?:-[a-z]+)?){1,2})(?![A-Za-z-])")
_SPEAKS = re.compile(r"\s+(?:said|says|told|noted|stressed|pointed out|added|introduced|explained|emphasized|"
                     r"emphasised|stated|remarked|shared|spoke|addressed|presented|highlighted|revealed|urged)\b"
                     # or a name set off by where the person comes from ("Wang Xinsheng, from the Harbin Institute …")
                     r"|,\s+(?:from|of)\s+(?:the\s+)?[A-Z]")


def find_english_people(text: str) -> list[tuple[int, int, str, list[str]]]:
    """(start, end, name, posts) for each person named in English ``text``."""
    surnames = pinyin_surnames()
    out: list[tuple[int, int, str, list[str]]] = []
    for w in re.finditer(r"(?<![A-Za-z-])[A-Z][a-z]+", text):  # never the second half of a hyphenated name
        m = _NAME.match(text, w.start())
        if m is None:
            continue
        sur, rest = m.group(1), m.group(2)
        roman = (sur in ROMAN_SURNAMES or sur in surnames) and bool(_HYPHENATED.match(rest.strip()))  # Hsu Maw-shin
        if sur not in surnames and not roman:
            continue
        given = rest.strip(" -").split(" ")
        if len(given) > 1 and given[-1] not in _given_ok(given[-1]):
            rest = " " + given[0]
        start, end = m.start(1), m.start(2) + len(rest)
        name = text[start:end]
        hanzi = _HANZI_ASIDE.match(text, end) if "-" in rest else None  # 吳誠文 after Wu Cheng-wen; Hua Hong (华虹) is a firm
        aside = hanzi or _ASIDE.match(text, end)  # Sun Dong (back row, center), secretary for …: the post after it
        if (_NOT_PERSON_AFTER.match(text, end) and not hanzi and not (aside and _post_after(text, aside.end()))) \
                or any(w in {"University", "Province", "City"} for w in name.split()):
            continue
        if not roman and not all(_is_pinyin_word(w) for w in name.replace("-", " ").split()):
            continue
        after = aside.end() if aside else end
        posts = [*_post_before(text, start), *([p] if (p := _post_after(text, after)) else [])]
        if not posts and not _SPEAKS.match(text, after):
            continue  # a pinyin pair with no post and no speech is as often a place (Su Zhe for 苏浙)
        if out and out[-1][0] <= start < out[-1][1]:
            continue
        out.append((start, end, name, posts))
    return _any_origin(text, _named_after_post(text, _given_first(text, _western(text, out))))


# a Taiwanese name written given name first, its two syllables hyphenated (Po-Wen Yen, Cheng-Wen Wu)
_GIVEN_FIRST = re.compile(r"(?<![A-Za-z.-])([A-Z][a-z]+-[A-Za-z][a-z]+)\s([A-Z][a-z]+)(?![A-Za-z-])")


def _given_first(text: str, found: list[tuple[int, int, str, list[str]]]) -> list[tuple[int, int, str, list[str]]]:
    """``found`` with the names written given name first (Po-Wen Yen, CEO of …), each with a post or a speech."""
    surnames = pinyin_surnames()
    out = list(found)
    for m in _GIVEN_FIRST.finditer(text):
        if m.group(2) not in ROMAN_SURNAMES and m.group(2) not in surnames:
            continue
        if any(s < m.end() and m.start() < e for s, e, _, _ in out):
            continue
        aside = _ASIDE.match(text, m.end())
        after = aside.end() if aside else m.end()
        posts = [*_post_before(text, m.start()), *([p] if (p := _post_after(text, after)) else [])]
        if posts or _SPEAKS.match(text, after):
            out.append((m.start(), m.end(), m.group(0), posts))
    return sorted(out)


# a name of any origin right after its post and a comma, then the sentence's end or a verb of saying ("…," said the
# company's chief executive, Sanjay Jha.)
_POST_THEN_NAME = re.compile(
    r"\b(?i:(" + "|".join(re.escape(h) for h in HEADS if h not in ("vice", "head", "chief", "partner", "leader"))
    + r"))(?:\s+of\s+(?:the\s+)?[A-Z][\w&'’. -]{1,50}?)?,\s+"
    r"([A-Z][a-z]+(?:\s[A-Z]\.)?(?:\s(?:de\s|van\s|von\s)?[A-Z][a-z]+){1,2})"
    r"(?=\s*(?:[.;]|,\s+(?:said|says|told|noted|added)\b)|\s+(?:said|says|told|noted|added)\b)")


def _named_after_post(text: str, found: list[tuple[int, int, str, list[str]]]) -> list[tuple[int, int, str, list[str]]]:
    """``found`` with the people named right after their post and a comma, whatever the name's origin."""
    out = list(found)
    for m in _POST_THEN_NAME.finditer(text):
        s, e = m.start(2), m.end(2)
        if any(a < e and s < b for a, b, _, _ in out) or _NOT_PERSON_AFTER.match(text, e) \
                or m.group(2).split()[0] in _STOP_TITLE or _HEAD_RE.search(m.group(2)):
            continue
        out.append((s, e, m.group(2), [m.group(1).lower()]))
    return sorted(out)


# a name of any origin (Mark Liu, Lisa Su, C.C. Wei, Pat Gelsinger): initials or a capitalised given name, then one
# or two capitalised words
_ANY_NAME = re.compile(r"(?<![A-Za-z.&'’-])((?:[A-Z]\.\s?){1,2}[A-Z][a-z]+|[A-Z][a-z]+(?:\s[A-Z]\.)?"
                       r"(?:\s(?:de\s|van\s|von\s)?[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?){1,2})(?![A-Za-z-])")
_HEAD_BEFORE = re.compile(r"\b(?i:" + "|".join(re.escape(h) for h in HEADS) + r")\s+$")
_HONORIFIC = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Madam|Prof)\.?\s+$")
#: capitalised words that name no person: months, days, places, and the words of organisations' and posts' names
_NOT_NAME_WORDS = frozenset("""January February March April May June July August September October November December
Monday Tuesday Wednesday Thursday Friday Saturday Sunday China Chinese Taiwan Taiwanese Japan Japanese Korea Korean
America American Europe European Asia Asian India Indian Germany German Hong Kong Macau Beijing Shanghai Shenzhen
The This That These Those Its Their Our His Her We They It He She In On At For And Of Party Secretary Mayor Governor
Chairman President Director Minister Vice Deputy Executive Chief Officer General Manager Senior Board Committee
Council Government Ministry Bureau Department Commission Office Administration Association Alliance Group Company
Corp Inc Ltd Limited Holdings Technology Technologies Semiconductor Semiconductors Microelectronics Electronics
Manufacturing Foundry Fund Capital Investment Investments Bank Securities Park Zone Area District City County Province
Industrial Industry Institute University Academy College School Lab Laboratory Center Centre Research Science
Sciences News Daily Post Times Reuters Xinhua Bloomberg Nikkei Agency Press Global International National Mr Mrs Ms
Dr Prof""".split())


def _any_origin(text: str, found: list[tuple[int, int, str, list[str]]]) -> list[tuple[int, int, str, list[str]]]:
    """``found`` with the people of any origin whose post is written right before or after the name (TSMC chairman
    Mark Liu; Lisa Su, chief executive of AMD,) or who are named with an honorific (Dr. Lisa Su)."""
    out = list(found)
    for m in _ANY_NAME.finditer(text):
        s, e, name = m.start(1), m.end(1), m.group(1)
        words = re.findall(r"[A-Za-z]+", name)
        if words[0] in pinyin_surnames() and all(_is_pinyin_word(w) for w in words):
            continue  # a pinyin name surname first is the pinyin finder's (Yin Zhiyao), with its own checks
        if any(w in _NOT_NAME_WORDS or w.lower() in _TITLE_PARTS or _HEAD_RE.fullmatch(w.lower()) for w in words):
            continue
        if any(a < e and s < b for a, b, _, _ in out) or (_NOT_PERSON_AFTER.match(text, e)
                                                           and not _HANZI_ASIDE.match(text, e)):
            continue  # (Frank Huang (黃崇仁) is a person: the name's own characters after it)
        aside = _ASIDE.match(text, e)
        after = _post_after(text, aside.end() if aside else e)
        # the post's head word right before the name (TSMC chairman Mark Liu), not a post that ends in an
        # organisation's name (Chairman of Jiangxi … Group and Chairman of Jiangxi Haiyuan Composite …)
        before = _post_before(text, s) if _HEAD_BEFORE.search(text, max(0, s - 30), s) else []
        honoured = _HONORIFIC.search(text, max(0, s - 8), s) is not None
        if before or after or honoured:
            out.append((s, e, name, [*before, *([after] if after else [])]))
    return sorted(out)


def _western(text: str, out: list[tuple[int, int, str, list[str]]]) -> list[tuple[int, int, str, list[str]]]:
    """``out`` with the people named by a Western given name and a Hong Kong or Macau surname, each with the post
    written in apposition after the name (Philip Yung (back row, 1st left), director-general of …)."""
    found = list(out)
    for m in _WESTERN.finditer(text):
        if m.group(2) not in ROMAN_SURNAMES or m.group(1) in ROMAN_SURNAMES or m.group(1) in _STOP_TITLE \
                or _HEAD_RE.fullmatch(m.group(1).lower()) or m.group(1).lower() in _TITLE_PARTS:
            continue
        inner = [f for f in found if m.start() < f[0] and f[1] == m.end()]  # Sunny before Chai Ngai-chiu
        if any(s < m.end() and m.start() < e for s, e, _, _ in found if (s, e) not in {(f[0], f[1]) for f in inner}):
            continue
        aside = _ASIDE.match(text, m.end())
        post = _post_after(text, aside.end() if aside else m.end())
        if post or inner:
            found = [f for f in found if f not in inner]
            found.append((m.start(), m.end(), m.group(0), [post] if post else inner[0][3]))
    return sorted(found)


def _given_ok(word: str) -> set[str]:
    return {word} if _is_pinyin_word(word) else set()


_SYLLABLE = re.compile(
    r"^(?:(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|"
    r"ia|ie|iu|ua|uo|ue|ui|er|a|e|i|o|u|v))+$", re.I)


def _is_pinyin_word(word: str) -> bool:
    """Every piece of ``word`` reads as pinyin syllables (Lixin, Xiaogang), which English words rarely do."""
    return all(_SYLLABLE.match(p) for p in word.split("-") if p) and len(word) <= 12


_LOWER_POST = re.compile(r"((?:[A-Z][\w&'’-]*\s+){0,4})((?:vice\s+|deputy\s+|executive\s+)?(?:chairman|chairwoman|president|"
                         r"general manager|chief executive|director|founder|ceo|cto|cfo|mayor|governor|"
                         r"party secretary|secretary-general|secretary|minister|commissioner))\s+$")


def _post_before(text: str, start: int) -> list[str]:
    """The title phrase that ends right before a name: capitalised words (and of/the/and) ending in a post head;
    or a post in lower case after the organisation's name (Xinhe chairman Lin Weiming)."""
    low = _LOWER_POST.search(text, max(0, start - 80), start)
    if low is not None and low.end() == start:
        return [(low.group(1) + low.group(2)).strip()]
    words = list(re.finditer(r"[\w'’.&-]+", text[max(0, start - 160):start]))
    offset = max(0, start - 160)
    if not words or text[offset + words[-1].end():start].strip():
        return []
    phrase: list[re.Match[str]] = []
    for w in reversed(words):
        gap = text[offset + w.end():offset + (phrase[0].start() if phrase else start - offset)]
        if gap.strip() or not _TITLE_WORD.match(w.group(0)) or w.group(0) in _STOP_TITLE:
            break
        phrase.insert(0, w)
    while phrase and phrase[0].group(0) in {"of", "the", "and", "for", "in", "on", "&"}:
        phrase.pop(0)
    if not phrase:
        return []
    title = text[offset + phrase[0].start():offset + phrase[-1].end()]
    # "Deputy Secretary of the Municipal Party Committee and Mayor": two posts; "Jinan Vice Mayor Han Bing and
    # Shandong University President": the part before "and" ends in a name, not a post
    return [p.strip() for p in title.split(" and ") if _ends_in_head(p)]


def _ends_in_head(title: str) -> bool:
    """The post's head word ends the title, or ends it before "of ..." (Party Secretary of Hunan University)."""
    words = title.split(" of ")[0].split()
    return bool(words) and bool(_HEAD_RE.fullmatch(words[-1].lower()))


_TITLED_NAME = re.compile(r"\b(?i:" + "|".join(re.escape(h) for h in HEADS) + r")\s+(?!(?i:"
                          + "|".join(re.escape(h) for h in HEADS) + r")\b)[A-Z][a-z]+(?:\s[A-Z][a-z]+(?:-[a-z]+)?"
                          r"|-[a-z]+){1,2}$")


def _post_after(text: str, end: int) -> str | None:
    """The apposition after a name: ", second-level inspector of the ... Department," ending at a comma or a verb."""
    m = re.match(r",\s*((?:the\s+)?[\w'’.&() -]{3,180}?)"
                 r"(?:[,;]|\.(?=\s|$)|\s+(?:said|says|met|visited|noted|added|stated|pointed)\b|[ \t]*(?:\n|$))",
                 text[end:end + 240])  # a list's line ends the apposition too (• President: Ding Wenwu, president of …)
    if not m:
        return None
    phrase = m.group(1).strip()
    if _TITLED_NAME.search(phrase):
        return None  # ", council Minister Wu Cheng-wen,": the next person of a list, not this one's post
    first = re.split(r" (?:of|at|with|for) ", phrase)[0]
    if not _HEAD_RE.search(first) or len(first.split()) > 6:
        return None
    return phrase
