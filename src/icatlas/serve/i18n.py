"""The page chrome in Chinese (default) and English: ``?lang=en`` or the ``lang`` cookie."""
from __future__ import annotations

from typing import Callable

from fastapi import Request

from .i18n_collab import COLLAB_STRINGS

LANGS = ("zh", "en")

STRINGS: dict[str, tuple[str, str]] = {
    # event, organisation and relation types shown in tables
    "meeting": ("会议", "meeting"), "agreement_signed": ("协议签署", "agreement signed"),
    "project_signed": ("项目签约", "project signed"), "investment": ("投资", "investment"),
    "organization_founded": ("机构成立", "organisation founded"), "production_milestone": ("投产进展", "production milestone"),
    "policy_released": ("政策发布", "policy released"), "official_visit": ("调研考察", "official visit"),
    "award": ("表彰授牌", "award"), "acquisition": ("收购", "acquisition"), "bid_won": ("中标", "bid won"),
    "financing": ("融资", "financing"),
    "company": ("企业", "company"), "government": ("政府部门", "government"), "association": ("协会联盟", "association"),
    "university": ("高校", "university"), "institute": ("科研院所", "institute"), "park": ("园区", "park"),
    "fund": ("基金", "fund"), "platform": ("平台", "platform"), "media": ("媒体", "media"),
    "organization": ("其他机构", "organisation"),
    "member_of": ("成员", "member of"), "subsidiary_of": ("子公司", "subsidiary of"), "located_in": ("所在地", "located in"),
    "signed_with": ("签约", "signed with"), "invests_in": ("投资", "invests in"), "partner_of": ("合作", "partner of"),
    "site": ("集成电路产业地图", "IC industry atlas"),
    "home": ("首页", "Home"),
    "search": ("搜索", "Search"),
    "compare": ("区域对比", "Compare"),
    "upload": ("上传文档", "Upload"),
    "curation": ("人工校对", "Curation"),
    "login": ("登录", "Log in"),
    "logout": ("退出", "Log out"),
    "documents": ("文档", "Documents"),
    "entities": ("实体", "Entities"),
    "events": ("事件", "Events"),
    "figures": ("数据", "Figures"),
    "organizations": ("机构", "Organisations"),
    "map_title": ("产业链强度地图", "Chain strength by province"),
    "segment": ("产业链环节", "Chain segment"),
    "provinces": ("省份", "Provinces"),
    "recent_events": ("最新事件", "Recent events"),
    "recent_documents": ("最新文档", "Recent documents"),
    "no_chart": ("地图组件未安装（运行 scripts/install.sh）；下表列出相同数据。",
                 "The map library is not installed (run scripts/install.sh); the list shows the same data."),
    "region": ("区域", "Region"),
    "chain": ("产业链图谱", "Chain map"),
    "gaps": ("补链方向", "Gaps"),
    "complements": ("互补区域", "Complementary regions"),
    "timeline": ("事件时间线", "Events timeline"),
    "spread": ("区域分布", "Spread across regions"),
    "top_orgs": ("重点机构", "Top organisations"),
    "profile": ("概况", "Profile"),
    "segments": ("所属环节", "Segments"),
    "evidence": ("证据", "Evidence"),
    "relations": ("关系", "Relations"),
    "sources": ("来源", "Sources"),
    "participants": ("参与方", "Participants"),
    "date": ("日期", "Date"),
    "place": ("地点", "Place"),
    "amount": ("金额", "Amount"),
    "type": ("类型", "Type"),
    "name": ("名称", "Name"),
    "count": ("数量", "Count"),
    "status": ("状态", "Status"),
    "reason": ("原因", "Reason"),
    "priority": ("优先级", "Priority"),
    "strong": ("强", "strong"),
    "weak": ("弱", "weak"),
    "absent": ("缺失", "absent"),
    # the labels of a chain node in a region, and what each means
    "leading": ("规模领先", "leading"), "specialised": ("专业化集聚", "specialised"), "present": ("已有", "present"),
    "thin": ("偏弱", "thin"),
    "means_leading": ("同级地区中按规模排名前 5（或前 10%）", "among the largest of its level by size (top 5 or top decile)"),
    "means_specialised": ("区位熵 ≥ 1 且不低于同级 75 分位，规模高于 25 分位", "LQ ≥ 1 and in the top quarter, size above the bottom quarter"),
    "means_present": ("已有企业，规模与集聚度居中", "firms present, neither leading nor specialised"),
    "means_thin": ("已有企业，规模低于同级有该环节地区的中位数", "present, but smaller than most regions that have it"),
    "means_absent": ("暂无该环节企业", "no chain firm here"),
    "size": ("规模", "size"), "rank": ("排名", "rank"), "label": ("标签", "label"),
    "support": ("科研与支撑（不计数）", "research and support (not counted)"),
    "subregions": ("下辖地区与园区", "Districts, cities and parks"),
    "cities_map": ("各市企业分布", "Firms by city"),
    "gap_thin": ("本地 {n} 家，规模 {size}，低于同级中位数", "{n} here, size {size}, below the median of its level"),
    "gap_needed": ("本地需要它的环节", "needed by"),
    "firms": ("企业", "firms"),
    "results": ("结果", "Results"),
    "title": ("标题", "Title"),
    "text": ("正文", "Text"),
    "published": ("发布日期", "Published"),
    "token": ("令牌", "Token"),
    "submit": ("提交", "Submit"),
    "confirm": ("确认", "Confirm"),
    "correct": ("更正", "Correct"),
    "rename": ("重命名", "Rename"),
    "merge": ("合并", "Merge"),
    "merge_into_this": ("将另一机构并入此机构", "Merge another organisation into this one"),
    "merge_hint": ("机构编号或全称", "its id or full name"),
    "aliases": ("别名", "Aliases"),
    "registry": ("登记来源", "Registry"),
    "reference": ("参考数据", "reference data"),
    "correct_entity": ("更正", "correct"),
    "country": ("国家", "country"), "province": ("省级", "province"), "city": ("地级市", "city"),
    "county": ("区县", "county / district"), "district": ("区县", "district"), "group": ("区域组合", "region group"), "zone": ("园区/开发区", "zone"),
    "all_events": ("全部事件", "All events"),
    "all_documents": ("全部文档", "All documents"),
    "since": ("起始", "Since"), "until": ("截至", "Until"), "filter": ("筛选", "Filter"),
    "currency": ("币种", "Currency"),
    # participants' roles in an event
    "role_participant": ("参与", "participant"), "role_signer": ("签约方", "signer"), "role_party": ("一方", "party"),
    "role_visitor": ("调研方", "visitor"), "role_visited": ("被调研方", "visited"), "role_producer": ("生产方", "producer"),
    "role_investor": ("投资方", "investor"), "role_investee": ("被投资方", "investee"), "role_target": ("收购标的", "target"),
    "role_project": ("项目", "project"), "role_awardee": ("获奖方", "awardee"), "role_awarder": ("颁奖方", "awarder"),
    "role_financed": ("融资方", "financed"), "role_founder": ("发起方", "founder"),
    "role_organization": ("成立机构", "organisation founded"), "role_issuer": ("发布方", "issuer"),
    "role_acquirer": ("收购方", "acquirer"), "role_bidder": ("中标方", "bidder"), "target_value": ("目标", "target"),
    "role_attendee": ("出席", "attendee"), "role_witness": ("见证", "witness"),
    # an event's status, and the acts joined into one occurrence
    "status": ("状态", "Status"), "status_done": ("已发生", "happened"), "status_planned": ("计划中", "planned"),
    "status_ongoing": ("进行中", "ongoing"), "expected_date": ("预计时间", "expected"),
    "facets": ("各环节及原文", "What the page tells, sentence by sentence"),
    "untitled": ("（无标题）", "(untitled)"),
    "previous": ("上一页", "Previous"), "next": ("下一页", "Next"),
    "relevant": ("相关", "relevant"), "off_topic": ("无关", "off-topic"), "relevance": ("相关性", "Relevance"),
    "file": ("文件", "File"), "or_paste": ("或粘贴正文", "or paste the text"),
    "not_found": ("页面不存在", "Page not found"), "back_home": ("返回首页", "Back to the home page"),
    "more_orgs": ("其余机构", "More organisations"),
    "all_orgs": ("全部机构", "All organisations"),
    "origin": ("来源", "Origin"),
    "origin_news": ("仅见于新闻", "found in pages only"), "origin_registry": ("登记名录", "a registry"),
    "origin_reference": ("内置名录", "bundled registry"), "origin_import": ("导入名录", "imported registry"),
    "orgs_found": ("共 {n} 家机构", "{n} organisations"),
    "orgs_shown": ("本页第 {from}–{to} 家", "{from}–{to} on this page"),
    "orgs_first": ("此处列出前 {shown} 家，共 {n} 家", "the first {shown} of {n} are listed here"),
    "orgs_every_segment": ("本环节全部机构（含各类型及地区未知者）",
                           "every organisation in this segment (all types, place unknown too)"),
    "orgs_every_region": ("位于此地的全部机构（含各类型）", "every organisation located here (all types)"),
    "gap_absent": ("本地暂无企业（全国 {n} 家）", "no firm here ({n} nationwide)"),
    "gap_weak": ("本地 {n} 家，区位熵 {lq} 低于强链标准", "{n} here, LQ {lq} below the strong bar"),
    "gap_linked": ("上下游关联 {n} 个环节", "linked by flow to {n} segments"),
    "gap_clusters": ("规模领先地区", "leading elsewhere"), "gap_no_cluster": ("他处暂无规模领先地区", "no leading cluster elsewhere"),
    "gap_events": ("近期事件 {n} 起", "{n} recent events"),
    "field": ("字段", "Field"),
    "value": ("值", "Value"),
    "read_only": ("只读模式：未配置令牌，上传与校对已关闭。", "Read-only: no token is configured; upload and curation are off."),
    "who": ("操作人", "Who"),
    "action": ("操作", "Action"),
    "target": ("对象", "Target"),
    "before": ("修改前", "Before"),
    "after": ("修改后", "After"),
    "at": ("时间", "At"),
    "region_a": ("区域 A", "Region A"),
    "region_b": ("区域 B", "Region B"),
    "a_strong": ("A 领先或专业化而 B 不是", "Leading or specialised in A, not in B"),
    "b_strong": ("B 领先或专业化而 A 不是", "Leading or specialised in B, not in A"),
    "original": ("原文", "Original"),
    "none": ("暂无", "None"),
    "lang_switch": ("English", "中文"),
}

STRINGS.update(COLLAB_STRINGS)


def lang_of(request: Request) -> str:
    q = request.query_params.get("lang")
    if q in LANGS:
        return str(q)
    c = request.cookies.get("lang")
    return str(c) if c in LANGS else "zh"


def translator(lang: str) -> Callable[[str], str]:
    i = 1 if lang == "en" else 0

    def t(key: str) -> str:
        pair = STRINGS.get(key)
        if pair is None and key.startswith("role_"):
            return key[5:]  # a role without a label reads as itself
        return pair[i] if pair else key
    return t
