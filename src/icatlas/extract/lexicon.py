"""Word lists the rule-based extractors lean on. Data, kept in one place so it can be reviewed."""
from __future__ import annotations

SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝洪赖萧傅凃阎"
)
COMPOUND_SURNAMES = {"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "夏侯", "令狐", "司徒"}

# Posts, longest first so that 副市长 wins over 市长.
POSTS = sorted(
    """总书记 书记 副书记 党组书记 党委书记 司长 副司长 署长 副署长 执行长 社长 长官 首相 大臣 知事 市长 副市长 常务副市长 省长 副省长 常务副省长 区长 副区长 县长 副县长 主任 副主任
    局长 副局长 厅长 副厅长 部长 副部长 处长 副处长 巡视员 一级巡视员 二级巡视员 副巡视员 调研员 秘书长 副秘书长 常委 委员 主席 副主席
    董事长 副董事长 董事 总经理 副总经理 总裁 副总裁 首席执行官 总监 院长 副院长 校长 副校长 所长 副所长 理事长 副理事长 会长 副会长
    主编 记者 通讯员 总理 副总理 国务委员 创始人 联合创始人 首席科学家 教授 院士 研究员 总工程师 行长 副行长 负责人 局长助理 主任助理
    党工委书记 管委会主任 市委书记 省委书记 区委书记 县委书记 市委常委 省委常委 区委常委 执行董事 总经济师 大使 参赞
    总统 副总统 主委 副主委 副总 资深副总 资深处长 组长 副组长 领导
    资深副总经理 资深经理 协理 资深协理 共同总经理 执行长 共同执行长 营运长 财务长 技术长 发言人 分局长 建筑师""".split(),
    key=len,
    reverse=True,
)
EN_POSTS = sorted(
    """General Secretary|President|Vice President|Premier|Vice Premier|Mayor|Vice Mayor|Deputy Mayor|Governor|Vice Governor
    |Party Secretary|Secretary|Director|Deputy Director|Director General|Chairman|Vice Chairman|Chairwoman|Minister
    |Vice Minister|CEO|Chief Executive|General Manager|Professor|Academician|Editor|Reporter|Dean|President of""".replace("\n", "").split("|"),
    key=len,
    reverse=True,
)

# Words that end a name or start a new clause: a person's name or an organisation's name stops here.
NAME_STOPS = sorted(
    """出席 表示 指出 说 强调 补充 预期 展望 坦承 致词 要求 参加 在 一行 等 和 与 及 主持 讲话 介绍 会见 调研 考察 带队 致辞 今天 昨天 今日 昨日 日前 近日 先后
    也 还 均 分别 率 率队 陪同 到 来到 走进 对 向 为 是 就 的 于 将 已 则 又 都 指 称 认为 透露 告诉 同志 代表 发言 宣布 见证 一同
    提出 听取 察看 前往 接受 答 回答 坦言 作 做 进行 同 共同 参观 来 去 视察 发表 看来 谈到 直言 会 上午 下午 晚上 当天 此前 随后 现场
    当日 透过 通过 闻讯 首先 随即 亲自 专程 带领 教授 院士 研究员 博士 先生 女士""".split(),
    key=len,
    reverse=True,
)
ORG_STOPS = sorted(
    """在 的 是 为 由 对 向 将 了 来到 走进 参观 位于 成立 签订 签署 签约 举行 召开 发布 表示 指出 拥有 建成 据 把 被 从 让 给 并
    还 到 等 即 也 要 已 又 称 与会 出席 参加 会见 调研 考察 获得 入选 授牌 聚焦 推动 加快 支持 组织 通过 包括 其中 以及 暨
    同 跟 共同 携手 发起 牵头 作为 设立 落户 打造 引进 培育 这家 一家 多家 旗下 下属 收购 中标 入驻 汇报 分别 听取 了解 察看 前往
    希望 认为 依托 联合 宣布 正式 完成 实现 新增 已有 还有 共有 另有 既有 也有 均有 建有 设有 共建 合建 建设 亿元 万元 美元 目前 当前 首个 我国 全国 唯一 过去 一年 近年来 此前 发挥 建立 加强 推进 围绕
    落实 贯彻 部署 符合 在于 预计 鼓励 双双 全资子公司 控股子公司 子公司 形成 完善 构建 集聚 聚集 汇聚 引导 强化 提升 实施 开展 举办 搭建 组建 新建 依靠 面向 服务 带动 吸引 助力 赴 与 和 及
    制造商 供应商 生产商 提供商 服务商 厂商 龙头企业 企业 透过 扩建 新设 陆资 外资 台资 港资 单位 选举 当选 运营方 主办方 承办方 投资方 建设方 合作方 甲方 乙方""".split(),
    key=len,
    reverse=True,
)
# 和, 与 and 及 join two names only when the text before them already ends an organisation name;
# otherwise they belong to one name (电子薄膜与集成器件国家重点实验室, 经济和信息化厅).
WEAK_JOINERS = ("和", "与", "及")
# A name that starts with one of these verbs has swallowed the verb (投资上海某某有限公司).
LEADING_VERBS = ("投资", "收购", "控股", "参股", "入股", "建设", "打造", "成立", "设立", "引进", "并购")
# Cores that make a bare generic phrase rather than a name (两地协会, 一批企业集团).
GENERIC_CORE_ENDS = ("两地", "双方", "各方", "各地", "多家", "一批", "一家", "这些", "相关", "有关", "全市", "全省",
                     "全国", "企业", "龙头", "骨干", "该", "本", "其", "各", "等", "上下游", "上市", "关联", "开盘时")
# '和' inside names such as 经济和信息化厅 is not a boundary.
ORG_STOP_EXCEPTIONS = ("和信息化", "和改革", "和技术", "和城乡", "和社会", "共和国", "与信息", "建设银行", "建设集团",
                       "建设投资", "建设发展", "建设工程", "建设管理", "建设有限", "企业管理", "企业发展", "企业服务",
                       "企业咨询", "企业集团", "服务中心", "服务平台", "服务有限")

# Organisation suffixes with their type; ``strong`` ones make an organisation on their own, weak ones
# (厅, 局, 中心 ...) only after a region or a capitalised name.
ORG_SUFFIXES: list[tuple[str, str, bool]] = sorted(
    [
        ("股份有限公司", "company", True), ("有限责任公司", "company", True), ("有限公司", "company", True),
        ("集团公司", "company", True), ("(集团)", "company", True), ("（集团）", "company", True), ("集团", "company", True), ("公司", "company", True),
        ("科技园", "park", True), ("产业园", "park", True), ("工业园", "park", True), ("创新园", "park", True),
        ("协会", "association", True), ("学会", "association", True), ("商会", "association", True),
        ("联盟", "association", True), ("联合会", "association", True), ("促进会", "association", True),
        ("研究院", "institute", True), ("研究所", "institute", True), ("研究中心", "institute", True),
        ("实验室", "institute", True), ("设计院", "institute", True), ("科学院", "institute", True),
        ("大学", "university", True), ("学院", "university", True),
        ("管理委员会", "government", True), ("管委会", "government", True), ("委员会", "government", False),
        ("人民政府", "government", True), ("政府", "government", False), ("办公室", "government", False),
        ("厅", "government", False), ("局", "government", False), ("委", "government", False),
        ("双创基地", "platform", True), ("创新中心", "platform", True), ("基地", "platform", False),
        ("平台", "platform", False), ("中心", "platform", False),
        ("基金", "fund", True), ("银行", "company", True), ("交易所", "organization", True),
        ("日报", "media", True), ("电视台", "media", True), ("新闻", "media", False), ("报社", "media", True),
    ],
    key=lambda x: len(x[0]),
    reverse=True,
)
# Bare words that look like organisations but name none.
ORG_GENERIC = set(
    """公司 该公司 本公司 子公司 分公司 母公司 上市公司 全资子公司 控股子公司 合资公司 独资公司 新公司 集团 该集团 联盟 协会 大学 学院 中心 基地
    平台 政府 企业 研究院 实验室 产业园 基金 产业基金 委员会 办公室 管委会 科技园 工业园 创新中心 国家重点实验室 重点实验室 市政府 省政府
    区政府 人民政府 总公司 本集团 该中心 的公司 家公司 多家公司""".split()
)
EN_ORG_HEADS = (
    "Association|Alliance|University|Group|Office|Company|Corporation|Corp|Co\\.|Ltd\\.?|Limited|Inc\\.?|Institute"
    "|Committee|Commission|Department|Ministry|Bureau|Council|Academy|Laboratory|Labs|Lab|Center|Centre|Fund|Park|League"
    "|Federation|Society|Bank|Government|Administration|Agency|Chamber|Holdings|Technologies|Technology|Semiconductor"
    "|Electronics|Microelectronics|Semiconductors|Semi|Foundry|Foundries|Capital|Ventures|Investments|Partners"
)
EN_ORG_TYPES = [
    ("association", ("Association", "Alliance", "League", "Federation", "Society", "Chamber")),
    ("university", ("University",)),
    ("institute", ("Institute", "Academy", "Laboratory", "Labs", "Lab")),
    ("government", ("Office", "Committee", "Commission", "Department", "Ministry", "Bureau", "Council", "Government",
                    "Administration", "Agency")),
    ("park", ("Park",)),
    ("fund", ("Fund",)),
    ("platform", ("Center", "Centre")),
]
