"""People with their posts: 市委副书记、市长吴庆文 gives 吴庆文 both posts; 四川省经济和信息化厅二级巡视员苏平
gives 苏平 the full post. English titles before capitalised names too (General Secretary Xi Jinping)."""
from __future__ import annotations

import re

from ..model import Mention
from .people_en import find_english_people
from .lexicon import COMPOUND_SURNAMES, EN_POSTS, NAME_STOPS, ORG_STOP_EXCEPTIONS, ORG_STOPS, POSTS, SURNAMES
from .scan import occurrences, run_start

VERSION = "people.rules.v13"
_POST_RE = re.compile("(?:" + "|".join(re.escape(p) for p in POSTS) + ")(?:助理)?")  # 院长助理: an assistant's post
_CHAIN_CHAR = re.compile(r"[\u3400-\u9fffA-Za-z0-9、]")
_PUNCT = set("，。；：！？、,.;:!?（）()《》“”\"'\n 　")
_EN_PERSON = re.compile(
    r"\b(" + "|".join(re.escape(p) for p in EN_POSTS) + r")\s+((?:[A-Z][a-z]+)(?:[ -][A-Z][a-z]+){0,2})\b"
)


# a name written before its post, after an organisation or a break, before what the person says or does
_NAME_THEN_POST = re.compile(r"(?:(?<=[局部会司厂院所府处心，。、；：\n ])|^)([\u4e00-\u9fff]{2,3}?)"
                             r"(局长|市长|部长|主委|董事长|总经理|院长|校长|所长|处长|总裁|执行长|县长|区长)"
                             r"(?=表示|指出|说|在|致词|致辞|强调|认为|也|则|今|昨|于|，|、)")


def find_people(text: str) -> list[Mention]:
    """Person mentions (label ``person``) with ``attrs['positions']`` where a post stands before the name."""
    found: dict[str, list[str]] = {}
    spans: list[Mention] = []
    for m in _POST_RE.finditer(text):
        after = m.end()
        if after < len(text) and text[after] == " ":
            after += 1
        name = _name_at(text, after) or _latin_name(text, after) or _japanese_name(text, after, m.group(0))
        if not name:
            continue
        chain = _posts_before(text, m.start(), m.end())
        posts = [p for p, _, _ in chain]
        found.setdefault(name, [])
        for p in posts:
            if p not in found[name]:
                found[name].append(p)
        spans.append(Mention(after, after + len(name), "person", name, 0.8, VERSION,
                             {"positions": posts, "position_spans": [(s, e) for _, s, e in chain]}))
        # 副市长陈刚、赵磊: the names listed after the first share its posts
        j = after + len(name)
        while j < len(text) and text[j] == "、":
            nxt = _name_at(text, j + 1)
            if not nxt or _POST_RE.match(text, j + 1 + len(nxt)):
                break
            found.setdefault(nxt, [])
            for p in posts:
                if p not in found[nxt]:
                    found[nxt].append(p)
            spans.append(Mention(j + 1, j + 1 + len(nxt), "person", nxt, 0.7, VERSION, {"positions": posts}))
            j += 1 + len(nxt)
    for m in _NAME_THEN_POST.finditer(text):  # 管理局杨志清局长在典礼中指出: the name before its post
        name = m.group(1)
        if text[m.start(1)] not in SURNAMES or any(s.start <= m.start(1) < s.end for s in spans):
            continue
        found.setdefault(name, [])
        if m.group(2) not in found[name]:
            found[name].append(m.group(2))
        spans.append(Mention(m.start(1), m.end(1), "person", name, 0.7, VERSION, {"positions": [m.group(2)]}))
    for start, end, name, post in _elected(text):  # 选举叶某为理事长，雷某、夏某为副理事长
        if any(x.start <= start < x.end for x in spans):
            continue
        found.setdefault(name, [])
        if post not in found[name]:
            found[name].append(post)
        spans.append(Mention(start, end, "person", name, 0.7, VERSION, {"positions": [post]}))
    taken_en = set()
    for start, end, name, posts in find_english_people(text):
        found.setdefault(name, [])
        found[name] += [p for p in posts if p not in found[name]]
        spans.append(Mention(start, end, "person", name, 0.6, VERSION, {"positions": posts}))
        taken_en.add((start, end))
    for m in _EN_PERSON.finditer(text):
        name = m.group(2)
        if " " not in name and "-" not in name:
            continue  # one capitalised word after a title is rarely a name (Director Unit)
        if any(s < m.end(2) and m.start(2) < e for s, e in taken_en):
            continue
        found.setdefault(name, []).append(m.group(1))
        spans.append(Mention(m.start(2), m.end(2), "person", name, 0.6, VERSION, {"positions": [m.group(1)]}))
    # Later references to a known name, without a post.
    taken = {(s.start, s.end) for s in spans}
    for name in found:
        for at in occurrences(text, name):
            if (at, at + len(name)) not in taken and not _inside_word(text, at, at + len(name)):
                spans.append(Mention(at, at + len(name), "person", name, 0.7, VERSION, {"positions": []}))
    for s in spans:
        s.attrs["all_positions"] = found.get(s.surface, [])
    return sorted(spans, key=lambda x: x.start)


#: a sentence that elects or appoints people to posts (会议选举…为理事长，…为副理事长)
_ELECTS = re.compile(r"选举|推选|选出|任命|聘任|聘请|增补|当选")
_AS_POST = re.compile(r"为([^，。；、,;]{0,14}?)(" + "|".join(re.escape(p) for p in POSTS) + r")(?:助理)?(?=[，。；、,;]|$)")


def _elected(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, name, post) for each person a sentence elects or appoints: NAME(、NAME)为…POST, in every clause
    of a sentence that says 选举, 任命, 聘任 …"""
    out: list[tuple[int, int, str, str]] = []
    for verb in _ELECTS.finditer(text):
        end = min((k for k in (text.find(c, verb.end()) for c in "。；\n") if k >= 0), default=len(text))
        pos = verb.end()
        while pos < end:
            post = _AS_POST.search(text, pos, end)
            if post is None:
                break
            clause_start = max(text.rfind(c, verb.end(), post.start()) for c in "，,；") + 1
            names, k = [], max(clause_start, verb.end())
            while k < post.start():
                name = _name_at(text, k)
                if name is None:
                    break
                names.append((k, name))
                k += len(name)
                if k < post.start() and text[k] == "、":
                    k += 1
            if names and k == post.start():
                out += [(a, a + len(n), n, post.group(2) + (text[post.end(2):post.end()])) for a, n in names]
            pos = post.end()
    return out


def _inside_word(text: str, s: int, e: int) -> bool:
    return bool(text[s:e].isascii() and ((s > 0 and text[s - 1].isalpha()) or (e < len(text) and text[e].isalpha())))


def _stop_at(text: str, i: int) -> bool:
    if i >= len(text) or text[i] in _PUNCT or not ("\u3400" <= text[i] <= "\u9fff"):
        return True
    return text.startswith(_NAME_STOP_WORDS, i)


_INNER_STOPS = set("的在和与是了等及")
#: the stop words as one tuple for str.startswith, and those of two characters or more
_NAME_STOP_WORDS = tuple(NAME_STOPS)
_LONG_NAME_STOPS = tuple(w for w in NAME_STOPS if len(w) > 1)


def _inner_stop(text: str, i: int) -> bool:
    """A character that cannot be part of a given name: punctuation, a function word, or the start of a
    two-character verb (出席, 表示 …); single characters such as 向 or 东 are ordinary in names."""
    if text[i] in _PUNCT or not ("\u3400" <= text[i] <= "\u9fff") or text[i] in _INNER_STOPS:
        return True
    return text.startswith(_LONG_NAME_STOPS, i)


#: a name in Latin letters right after a Chinese post (执行长Michael Grimes, 总经理 Mark England)
_LATIN_NAME = re.compile(r" ?([A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,2})(?![A-Za-z])")
#: Japanese posts, whose holders' names carry no Chinese surname (社长堀田祐一, 官房长官木原稔)
_JAPANESE_POSTS = ("社长", "长官", "首相", "大臣", "知事")
_JAPANESE_NAME = re.compile(r"[\u4e00-\u9fff\u3040-\u30ff]{2,5}?(?=在|于|表示|强调|指出|说|称|也|则|今|昨|等|，|、|。|\d)")


def _latin_name(text: str, i: int) -> str | None:
    m = _LATIN_NAME.match(text, i)
    return m.group(1) if m is not None else None


def _japanese_name(text: str, i: int, post: str) -> str | None:
    if not post.endswith(_JAPANESE_POSTS):
        return None
    m = _JAPANESE_NAME.match(text, i)
    return m.group(0) if m is not None else None


#: a foreign name written in Chinese characters, its parts joined by a middle dot (德里克·阿博利, 黄仁勋 is Chinese)
_TRANSLITERATED = re.compile(r"[\u4e00-\u9fff]{1,5}(?:[·•・‧][\u4e00-\u9fff]{1,6}){1,2}")


def _name_at(text: str, i: int) -> str | None:
    """A Chinese personal name starting at ``i``: a surname and one or two given-name characters; or a foreign
    name transliterated with a middle dot."""
    if i >= len(text):
        return None
    foreign = _TRANSLITERATED.match(text, i)
    if foreign is not None:
        last_dot = max(foreign.group(0).rfind(c) for c in "·•・‧") + i
        end = next((k for k in range(last_dot + 2, foreign.end()) if _stop_at(text, k)), foreign.end())
        return text[i:end]  # 德里克·阿博利参加了: the name ends where a verb starts
    sur = 2 if text[i:i + 2] in COMPOUND_SURNAMES else (1 if text[i] in SURNAMES else 0)
    if not sur:
        return None
    for given in (2, 1):
        end = i + sur + given
        if end > len(text):
            continue
        chunk = text[i + sur:end]
        if not all("\u3400" <= c <= "\u9fff" for c in chunk):
            continue
        if any(_inner_stop(text, i + sur + k) for k in range(given)):
            continue
        if _stop_at(text, end):
            return text[i:end]
    # right after a post, a name runs on into a word no list has (耿云久首先…, 周华闻讯赶来): most names have two
    # given-name characters
    end = i + sur + 2
    if end <= len(text) and all("\u3400" <= c <= "\u9fff" and c not in _INNER_STOPS for c in text[i + sur:end]) \
            and not any(_inner_stop(text, k) for k in range(i + sur, end)) and _POST_BEFORE.search(text, max(0, i - 8), i) \
            and not _NAMED_THING.match(text, i):
        return text[i:end]
    return None


_POST_BEFORE = re.compile("(?:" + "|".join(re.escape(p) for p in POSTS) + ")(?:助理)?$")
#: what runs on into an organisation's or a zone's name is no person (湖北省长江产业投资集团, 江阴高新区)
_NAMED_THING = re.compile(r"[^，。、；;,\s]{0,10}?(?:公司|集团|高新区|开发区|新区|园区|大学|学院|研究院|研究所|协会|基金|银行|中心)")


def _posts_before(text: str, post_start: int, post_end: int) -> list[tuple[str, int, int]]:
    """The chain of posts ending at ``post_end``, with their spans: 市委常委、浦东新区区委书记 → both, each
    with its qualifier."""
    i = run_start(text, post_start, _CHAIN_CHAR, max(0, post_end - 40))
    chain = text[i:post_end]
    cut = 0
    for stop in ORG_STOPS:
        if stop == "的":
            continue
        pos = chain.rfind(stop)
        if pos >= 0 and _in_place_name(chain, pos):
            continue  # 和 of 呼和浩特市
        if pos >= 0 and not any(exc.find(stop) >= 0 and chain.startswith(exc, pos - exc.find(stop))
                                for exc in ORG_STOP_EXCEPTIONS):
            # a stop inside the last post's own qualifier (二级巡视员) is not a boundary
            if pos + len(stop) <= len(chain) - (post_end - post_start):
                cut = max(cut, pos + len(stop))
    chain = chain[cut:]
    posts = []
    at = i + cut
    for piece in re.split("[、兼]", chain):  # 董事长兼总经理: two posts
        if piece and _POST_RE.search(piece) and piece.removesuffix("助理").endswith(tuple(POSTS)):
            posts.append((piece, at, at + len(piece)))
        at += len(piece) + 1
    return posts or [(text[post_start:post_end], post_start, post_end)]


def _in_place_name(chain: str, pos: int) -> bool:
    """True when the character at ``pos`` lies inside a region name written in ``chain``."""
    from ..reference.regions import regions

    index = regions()
    for start in range(max(0, pos - 6), pos + 1):
        for end in range(pos + 1, min(len(chain), start + 8) + 1):
            if end - start >= 3 and chain[start:end] in index.by_form:
                return True
    return False
