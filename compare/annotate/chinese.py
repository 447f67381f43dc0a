"""Chinese figures, dates and names, with values that meet their English (or any Latin-script) counterparts.

Why: the rules for other languages look for numbers between word boundaries
and names in capitalised words; Chinese has neither spaces nor capitals, so
"今年34岁" gave no number, "6.1万名" no 61,000 and "四川" no place.  A Chinese
report then had no checkable details: its names and figures tables were
empty, and the events stage's anchors (names, numbers, dates across
languages) could not bring a Chinese original and its English translation
together.

- Numbers: Arabic digits inside Chinese text, full-width digits, scale
  characters after them ("6.1万" = 61000, "3.5亿" = 350000000, "8000余名"),
  Chinese numerals ("三千五百", "两百万", "百分之三十五"), per cent signs.  A
  numeral is read only when it is well formed (digit, then scale), so "万一"
  (in case), "千万" (by all means) and "一些" stay words.
- Dates: "2021年5月30日", "5月30日", "2021年5月", "2019年", relative days and
  years ("今天", "去年") and weekdays ("周三", "上周三"), resolved by
  ``compare.annotate.dates.resolve`` against the report's base date (its
  publication date, or one inferred from its text), never today's.
- Names: jieba's part-of-speech tags (its dictionary ships in the wheel; no
  network) propose people (nr, nrfg, nrt), places (ns) and organisations
  (nt); a proposal is kept on evidence, since jieba tags many ordinary words
  nr or ns ("祝福", "大省"): a person needs a common Chinese surname or an
  entry of the well-known foreign names below, a place a country name (babel's
  territory names in Chinese), a listed city or province, or an
  administrative suffix ("眉山市"); an organisation a listed name or a head
  character ("...社", "...部").  Each kept name carries a Latin form (the
  mention's value): the English territory name or the gazetteer's name for
  a country, the table's spelling for listed names, otherwise pinyin joined
  as names are written ("张雄" -> "Zhang Xiong", "眉山市" -> "Meishan"), so
  a name in a Chinese report meets the same name in a translation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from unidecode import unidecode

FULL_WIDTH = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, "％": "%", "．": "."})
"""Full-width digits, per cent and decimal point to ASCII, one character for one (offsets are kept)."""

DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
SMALL_UNIT = {"十": 10, "百": 100, "千": 1000}
BIG_UNIT = {"万": 10_000, "亿": 100_000_000}
SCALE = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3, "百": 1e2}
UNITS = ("%", "美元", "欧元", "英镑", "日元", "卢布", "人民币", "元", "块", "人次", "人", "名", "位", "岁", "公里",
         "千米", "平方公里", "平方米", "米", "吨", "公斤", "千克", "亩", "家", "座", "次", "起", "辆", "架", "艘",
         "枚", "例", "倍", "个百分点", "个", "天", "小时", "分钟", "周", "年", "户", "所", "项", "条", "件", "只",
         "头", "棵", "株", "套", "栋", "层", "处", "间", "场", "届", "篇", "部", "支", "批", "颗")
"""Words after a number that make it a quantity ("34岁", "8000余名", "百万元")."""
_UNIT_RE = "|".join(re.escape(u) for u in sorted(UNITS, key=lambda u: (-len(u), u)))
_CN = "零〇一二两三四五六七八九十百千万亿"
_ARABIC = re.compile(
    r"(?<![\d.])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s?(?:[余多](?=万亿|亿|万|千))?(?P<scale>万亿|亿|万|千|百)?"
    rf"(?P<approx>余|多)?(?P<unit>{_UNIT_RE})?")
_NUMERAL = re.compile(rf"(?P<pct>百分之)?(?P<num>[{_CN}]+(?:点[零〇一二三四五六七八九]+)?)(?P<approx>余|多)?(?P<unit>{_UNIT_RE})?")

_YMD = re.compile(r"(?<!\d)(?:(?P<year>1[89]\d\d|20\d\d)\s?年\s?)?(?P<month>1[0-2]|0?[1-9])\s?月"
                  r"(?:\s?(?P<day>3[01]|[12]\d|0?[1-9])\s?[日号])?")
_ISO = re.compile(r"(?<![\d.])(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?!\d)")
_YMD_CN = re.compile(r"(?:(?P<year>[一二三四五六七八九〇零]{4})年)?(?P<month>十[一二]?|[一二三四五六七八九])月"
                     r"(?:(?P<day>三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九])[日号])?")
_YEAR = re.compile(r"(?<![\d.])(?P<year>1[89]\d\d|20\d\d)\s?年(?!代)")
_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_WEEK = re.compile(r"(?P<which>上个?|下个?|本|这)?(?:周|星期|礼拜)(?P<day>[一二三四五六日天])")
RELATIVE = {"今天": ("day", 0), "今日": ("day", 0), "昨天": ("day", -1), "昨日": ("day", -1), "前天": ("day", -2),
            "明天": ("day", 1), "明日": ("day", 1), "今年": ("year", 0), "去年": ("year", -1), "前年": ("year", -2),
            "明年": ("year", 1), "本月": ("month", 0), "上月": ("month", -1), "上个月": ("month", -1),
            "下月": ("month", 1), "下个月": ("month", 1)}
_AGE = re.compile(r"\s?(?:\d+|[零〇一二两三四五六七八九十百]+)\s?周?岁")
"""An age after "今年" ("今年34岁": 34 years old this year): the year of no occasion, so no date (a date there made
the nearest year mentioned, not the story's, the report's year)."""
_RELATIVE = re.compile("|".join(sorted(RELATIVE, key=lambda p: (-len(p), p))))


def normalise(text: str) -> str:
    """Full-width digits and signs as ASCII, every other character as it was (the same length)."""
    return text.translate(FULL_WIDTH)


def numeral_value(text: str) -> int | None:
    """The value of a Chinese numeral ("三千五百万" -> 35000000, "十二" -> 12), None when it is not one.

    Well formed only: a digit is followed by a scale or ends the numeral, scales fall within each section
    ("五百三十"), and a numeral starts with a digit or "十" ("万一" and "千万" are words).  Four digits alone
    ("二〇二一") read as digits.
    """
    if not text or not (text[0] in DIGIT or text[0] == "十"):
        return None
    if all(c in DIGIT for c in text):
        return int("".join(str(DIGIT[c]) for c in text)) if len(text) >= 3 else (DIGIT[text[0]] if len(text) == 1
                                                                                 else None)
    total, section, digit, last_small = 0, 0, None, 10_000
    last_big = 10 ** 13
    for c in text:
        if c in DIGIT:
            if digit is not None and DIGIT[c] != 0 and DIGIT[digit] != 0:
                return None  # two digits in a row ("七八": seven or eight)
            digit = c
        elif c in SMALL_UNIT:
            unit = SMALL_UNIT[c]
            if unit >= last_small:
                return None
            section += (DIGIT[digit] if digit is not None else 1) * unit
            digit, last_small = None, unit
        else:
            unit = BIG_UNIT[c]
            if unit >= last_big:
                return None
            section += DIGIT[digit] if digit is not None else 0
            if section == 0:
                return None
            total += section * unit
            section, digit, last_small, last_big = 0, None, 10_000, unit
    return total + section + (DIGIT[digit] if digit is not None else 0)


@dataclass(frozen=True, slots=True)
class ChineseNumber:
    start: int
    end: int
    text: str
    value: str
    type: str  # number | quantity


def _fmt(value: float) -> str:
    return str(int(value)) if value == int(value) else repr(round(value, 6))


def find_chinese_numbers(text: str, taken=()) -> list[ChineseNumber]:
    """Figures in Chinese text, outside the spans in ``taken`` (the dates, found first)."""
    norm = normalise(text)
    out: list[ChineseNumber] = []
    spans = list(taken)

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in spans)

    for m in _ARABIC.finditer(norm):
        if not free(m.start(), m.end()):
            continue
        value = float(m.group("num").replace(",", ""))
        if m.group("scale"):
            value *= SCALE[m.group("scale")]
        end = m.end()
        kind = "quantity" if m.group("scale") or m.group("unit") else "number"
        out.append(ChineseNumber(m.start(), end, text[m.start():end], _fmt(value), kind))
        spans.append((m.start(), end))
    for m in _NUMERAL.finditer(norm):
        if not free(m.start(), m.end()):
            continue
        raw = m.group("num")
        whole, _, fraction = raw.partition("点")
        value = numeral_value(whole)
        if value is None and whole[:1] in "百千" and len(whole) >= 2 and whole[1] in BIG_UNIT and m.group("unit"):
            value = numeral_value("一" + whole)  # "百万元": a million yuan
        if value is None:
            continue
        has_scale = any(c in SMALL_UNIT or c in BIG_UNIT for c in whole)
        if not (m.group("pct") or fraction or (len(whole) >= 2 and has_scale) or len(whole) >= 3
                or (m.group("unit") and value >= 2)):
            continue  # "一个", "三国": a lone numeral is a word unless a unit follows it
        number = float(f"{value}.{''.join(str(DIGIT[c]) for c in fraction)}") if fraction else float(value)
        kind = "quantity" if m.group("pct") or m.group("unit") or any(c in BIG_UNIT for c in whole) else "number"
        start = m.start()
        out.append(ChineseNumber(start, m.end(), text[start:m.end()], _fmt(number), kind))
        spans.append((start, m.end()))
    return sorted(out, key=lambda n: (n.start, n.end))


def _cn_int(text: str | None) -> int | None:
    if not text:
        return None
    if all(c in DIGIT for c in text):
        return int("".join(str(DIGIT[c]) for c in text))
    return numeral_value(text)


def find_chinese_dates(text: str):
    """Date expressions in Chinese text as ``DateMatch`` values, unresolved (``dates.resolve`` fills them in)."""
    from compare.annotate.dates import DateMatch

    norm = normalise(text)
    found: list = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    def add(match: DateMatch) -> None:
        found.append(match)
        taken.append((match.start, match.end))

    for pattern, reader in ((_ISO, int), (_YMD, int), (_YMD_CN, _cn_int)):
        for m in pattern.finditer(norm):
            if not free(m.start(), m.end()):
                continue
            year = reader(m.group("year")) if m.group("year") else None
            month = reader(m.group("month"))
            day = reader(m.group("day")) if m.group("day") else None
            if month is None or not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
                continue
            if year is None and day is None and m.start() > 0 and norm[m.start() - 1] == "第":
                continue  # "第7月": the seventh month of something, a count
            precision = "day" if day else "month"
            add(DateMatch(m.start(), m.end(), text[m.start():m.end()], None, precision, relative=year is None,
                          day=day, month=month, year=year))
    for m in _WEEK.finditer(norm):
        if not free(m.start(), m.end()):
            continue
        which = (m.group("which") or "").rstrip("个")
        weekday = _WEEKDAY[m.group("day")]
        offset = {"上": ("week", -1), "下": ("week", 1), "本": ("week", 0), "这": ("week", 0)}.get(which)
        add(DateMatch(m.start(), m.end(), text[m.start():m.end()], None, "day", True, weekday=weekday,
                      offset=offset))
    for m in _RELATIVE.finditer(norm):
        if not free(m.start(), m.end()) or _AGE.match(norm, m.end()):
            continue
        offset = RELATIVE[m.group(0)]
        add(DateMatch(m.start(), m.end(), m.group(0), None, offset[0], True, offset=offset))
    for m in _YEAR.finditer(norm):
        if free(m.start(), m.end()):
            year = int(m.group("year"))
            add(DateMatch(m.start(), m.end(), text[m.start():m.end()], str(year), "year", year=year))
    return sorted(found, key=lambda d: (d.start, d.end))


# --- names -----------------------------------------------------------------------------------------------------

SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆"
    "汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍"
    "庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华"
    "喻祁蒲房滕屈饶解牟艾尤阳时穆司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师"
    "仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝习李朴")
COMPOUND_SURNAMES = frozenset({"欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "令狐",
                               "夏侯", "司徒", "宇文", "澹台"})
SURNAME_READING = {"曾": "Zeng", "单": "Shan", "解": "Xie", "朴": "Park", "查": "Zha", "仇": "Qiu", "区": "Ou",
                   "长孙": "Zhangsun", "尉迟": "Yuchi", "万": "Wan", "乐": "Yue", "盖": "Ge", "缪": "Miao",
                   "覃": "Qin", "翟": "Zhai", "单于": "Chanyu"}
"""Surnames read otherwise than the character's commonest reading (unidecode's)."""

WELL_KNOWN = {
    # people whose Chinese names are transliterations: no Chinese surname, no pinyin spelling
    "特朗普": "Donald Trump", "川普": "Donald Trump", "拜登": "Joe Biden", "普京": "Vladimir Putin",
    "默克尔": "Angela Merkel", "马克龙": "Emmanuel Macron", "约翰逊": "Boris Johnson", "安倍晋三": "Shinzo Abe",
    "安倍": "Shinzo Abe", "菅义伟": "Yoshihide Suga", "文在寅": "Moon Jae-in", "金正恩": "Kim Jong Un",
    "古特雷斯": "Antonio Guterres", "埃尔多安": "Recep Tayyip Erdogan", "莫迪": "Narendra Modi",
    "拉夫罗夫": "Sergey Lavrov", "蓬佩奥": "Mike Pompeo", "布林肯": "Antony Blinken", "泽连斯基": "Volodymyr Zelensky",
    "奥巴马": "Barack Obama", "哈里斯": "Kamala Harris", "佩洛西": "Nancy Pelosi", "谭德塞": "Tedros Adhanom",
    "马杜罗": "Nicolas Maduro", "梅德韦杰夫": "Dmitry Medvedev", "肖尔茨": "Olaf Scholz", "冯德莱恩": "Ursula von der Leyen",
    "孟晚舟": "Meng Wanzhou",
}
WELL_KNOWN_TYPE = {"孟晚舟": "person"}
PLACES = {
    # provinces, regions and large cities, with their customary spellings (unidecode misreads some: 广州, 重庆, 厦门)
    "北京": "Beijing", "上海": "Shanghai", "天津": "Tianjin", "重庆": "Chongqing", "广州": "Guangzhou",
    "深圳": "Shenzhen", "成都": "Chengdu", "武汉": "Wuhan", "西安": "Xi'an", "杭州": "Hangzhou", "南京": "Nanjing",
    "长沙": "Changsha", "长春": "Changchun", "厦门": "Xiamen", "青岛": "Qingdao", "大连": "Dalian", "沈阳": "Shenyang",
    "哈尔滨": "Harbin", "郑州": "Zhengzhou", "济南": "Jinan", "合肥": "Hefei", "福州": "Fuzhou", "南昌": "Nanchang",
    "昆明": "Kunming", "贵阳": "Guiyang", "南宁": "Nanning", "海口": "Haikou", "兰州": "Lanzhou", "西宁": "Xining",
    "银川": "Yinchuan", "乌鲁木齐": "Urumqi", "拉萨": "Lhasa", "呼和浩特": "Hohhot", "石家庄": "Shijiazhuang",
    "太原": "Taiyuan", "苏州": "Suzhou", "无锡": "Wuxi", "宁波": "Ningbo", "温州": "Wenzhou", "香港": "Hong Kong",
    "澳门": "Macau", "台北": "Taipei", "河北": "Hebei", "山西": "Shanxi", "陕西": "Shaanxi", "辽宁": "Liaoning",
    "吉林": "Jilin", "黑龙江": "Heilongjiang", "江苏": "Jiangsu", "浙江": "Zhejiang", "安徽": "Anhui",
    "福建": "Fujian", "江西": "Jiangxi", "山东": "Shandong", "河南": "Henan", "湖北": "Hubei", "湖南": "Hunan",
    "广东": "Guangdong", "海南": "Hainan", "四川": "Sichuan", "贵州": "Guizhou", "云南": "Yunnan", "甘肃": "Gansu",
    "青海": "Qinghai", "内蒙古": "Inner Mongolia", "广西": "Guangxi", "西藏": "Tibet", "宁夏": "Ningxia",
    "新疆": "Xinjiang", "华盛顿": "Washington", "纽约": "New York", "伦敦": "London", "巴黎": "Paris",
    "柏林": "Berlin", "莫斯科": "Moscow", "东京": "Tokyo", "首尔": "Seoul", "平壤": "Pyongyang", "武汉市": "Wuhan",
    "南特": "Nantes", "布鲁塞尔": "Brussels", "日内瓦": "Geneva", "维也纳": "Vienna", "罗马": "Rome",
    "马德里": "Madrid", "加拉加斯": "Caracas", "新德里": "New Delhi", "悉尼": "Sydney", "温哥华": "Vancouver",
    "俄": "Russia", "美": "United States", "中": "China", "日": "Japan", "英": "United Kingdom", "法": "France",
    "德": "Germany", "朝鲜半岛": "Korean Peninsula",
}
ORGANISATIONS = {
    "新华社": "Xinhua", "新华网": "Xinhua", "联合国": "United Nations", "北约": "NATO", "欧盟": "European Union",
    "世卫组织": "World Health Organization", "世界卫生组织": "World Health Organization", "华为": "Huawei",
    "汇丰": "HSBC", "汇丰银行": "HSBC", "白宫": "White House", "克里姆林宫": "Kremlin", "东盟": "ASEAN",
    "外交部": "Foreign Ministry", "国务院": "State Council", "中新社": "China News Service",
    "人民日报": "People's Daily", "央视": "CCTV", "中央电视台": "CCTV",
}
PLACE_SUFFIXES = ("省", "市", "县", "区", "州", "镇", "村", "乡")
"""Administrative suffixes: "眉山市" is Meishan (English writes "Meishan City" or "Meishan")."""
ORG_HEADS = ("社", "部", "局", "院", "委员会", "委", "厅", "署", "公司", "集团", "银行", "大学", "学院", "医院", "中心",
             "协会", "基金会", "法院", "检察院", "党", "军", "组织")
GENERIC = frozenset({"城市", "大省", "农村", "乡村", "地区", "全国", "国家", "党组织", "党委", "政府", "基层", "中心",
                     "社会", "学院", "大学", "医院", "银行", "公司", "集团", "军", "党"})
"""Words jieba may tag as a place or organisation that name none."""


@lru_cache(maxsize=1)
def _territories() -> dict[str, str]:
    """Chinese country and region names (babel's CLDR data) -> their English names."""
    from babel import Locale

    zh, en = Locale("zh").territories, Locale("en").territories
    out = {}
    for code, name in zh.items():
        if code in en and not code.isdigit() and len(name) >= 2:
            out[name] = en[code]
    for code in ("US", "GB", "KR", "KP"):
        out.setdefault({"US": "美国", "GB": "英国", "KR": "韩国", "KP": "朝鲜"}[code], en[code])
    return out


def pinyin(text: str) -> str:
    """Syllables joined as one word, capitalised ("四川" -> "Sichuan"): how places are spelled in Latin script."""
    return unidecode(text).replace(" ", "").lower().capitalize()


def person_latin(name: str) -> str | None:
    """A Chinese name in Latin script, surname first ("张雄" -> "Zhang Xiong"); None without a Chinese surname."""
    if name in WELL_KNOWN:
        return WELL_KNOWN[name]
    surname = name[:2] if name[:2] in COMPOUND_SURNAMES else name[:1]
    if surname not in SURNAMES and surname not in COMPOUND_SURNAMES:
        return None
    given = name[len(surname):]
    family = SURNAME_READING.get(surname) or pinyin(surname)
    return f"{family} {pinyin(given)}" if given else family


def _gazetteer_name(english: str) -> str:
    from compare.annotate.names import gazetteer_entry

    entry = gazetteer_entry(english)
    return entry.name if entry is not None else english


@dataclass(frozen=True, slots=True)
class ChineseName:
    start: int
    end: int
    text: str
    type: str  # person | place | organisation
    latin: str  # the name in Latin script: a gazetteer name, a table's spelling or pinyin
    canonical: bool  # the gazetteer's own entry


@lru_cache(maxsize=1)
def _tagger():
    import logging

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    tagger = jieba.posseg.POSTokenizer(jieba.Tokenizer())  # a tokenizer of its own: the words added stay here
    for word, tag in (*((w, "nr") for w in WELL_KNOWN), *((w, "ns") for w in PLACES if len(w) > 1),
                      *((w, "nt") for w in ORGANISATIONS)):
        tagger.add_word(word, 10_000, tag)
    return tagger


COMMON_WORD = 100
"""A word jieba's dictionary counts this often is an ordinary word even where tagged a name ("许可": 623, "祝福": 327;
the names it lists count less: "李斯" 72, "习近平" 4)."""


def _dictionary_count(word: str) -> int:
    return _tagger().tokenizer.FREQ.get(word, 0) if word not in WELL_KNOWN else 0


def classify(word: str, tag: str) -> tuple[str, str] | None:
    """(type, Latin form) of a word jieba tagged, or None when the tag has no evidence beside it."""
    if word in WELL_KNOWN:
        return WELL_KNOWN_TYPE.get(word, "person"), WELL_KNOWN[word]
    if word in ORGANISATIONS:
        return "organisation", ORGANISATIONS[word]
    territories = _territories()
    if word in territories:
        return "place", _gazetteer_name(territories[word])
    if len(word) >= 2 and word in PLACES:
        return "place", _gazetteer_name(PLACES[word])
    if word in GENERIC or len(word) < 2:
        return None
    if tag in ("nr", "nrfg") and (2 <= len(word) <= 3 or (len(word) == 4 and word[:2] in COMPOUND_SURNAMES)):
        if _dictionary_count(word) >= COMMON_WORD or word.endswith(("左右", "们", "等")):
            return None  # jieba's dictionary tags common words nr ("许可" permission, "祝福" blessing)
        latin = person_latin(word)
        return ("person", latin) if latin else None
    if tag == "ns":
        if word[:-1] in PLACES and word.endswith(PLACE_SUFFIXES):
            return "place", _gazetteer_name(PLACES[word[:-1]])
        if len(word) >= 3 and word.endswith(PLACE_SUFFIXES):
            return "place", pinyin(word[:-1])
        return None
    if tag == "nt" and len(word) >= 3 and word.endswith(ORG_HEADS):
        return "organisation", pinyin(word)
    return None


INTERPUNCT = "·・•‧"
"""The dot between the parts of a foreign name written in Chinese ("约翰·刘易斯": John Lewis)."""
PERSON_TAGS = ("nr", "nrfg", "nrt")
NAME_TAGS = ("nr", "nrfg", "nrt", "ns", "nt", "nz")
BODY_ENDINGS = ("委", "局", "署", "厅", "办")
"""Last characters of a body's short name ("卫健委": the health commission), not of a given name; jieba tags some
such abbreviations nr ("卫健委" read as a person "Wei Jianwei", W bench w058)."""
_SPELLING = re.compile(r"\s*[（(]\s*(?P<latin>[A-Z][A-Za-z.'’-]*(?:\s+[A-Z][A-Za-z.'’-]*)*)\s*[）)]")
"""A Latin spelling in brackets after a name: how Chinese news gives a foreign name's own spelling."""


def _tokens(text: str) -> list[tuple[str, str, int, int]]:
    """jieba's words with their tags and offsets."""
    out = []
    position = 0
    for pair in _tagger().cut(text):
        start = text.find(pair.word, position)
        if start < 0:
            continue
        position = start + len(pair.word)
        out.append((pair.word, pair.flag, start, position))
    return out


def _foreign_chains(text: str, tokens) -> list[tuple[int, int, int, int]]:
    """Foreign names written with the interpunct: (first token, last token, start, end) of each chain of words
    joined by "·" where a word of it is tagged a person ("约翰·刘易斯", "米奇·麦康奈尔").

    Why: jieba cuts such a name at the dot and tags its parts nr, and each part then read as a Chinese surname
    and given name ("刘易斯": "Liu Yisi", "米奇": "Mi Qi", W bench w062): a transliterated name is one word, not a
    Chinese name."""
    chains = []
    k = 0
    while k < len(tokens):
        last = k
        while last + 2 < len(tokens) and tokens[last + 1][0] in INTERPUNCT and CJK_WORD.fullmatch(tokens[last + 2][0]) \
                and tokens[last + 1][2] == tokens[last][3] and tokens[last + 2][2] == tokens[last + 1][3]:
            last += 2
        if last > k and CJK_WORD.fullmatch(tokens[k][0]) and any(tokens[t][1] in PERSON_TAGS
                                                                 for t in range(k, last + 1, 2)):
            first = k
            # a part jieba cut further ("博尔|克斯", Borquez; "帕特里|西奥", Patricio): the name words that touch it
            while first - 1 > (chains[-1][1] if chains else -1) and _name_piece(tokens[first - 1]) \
                    and tokens[first - 1][3] == tokens[first][2]:
                first -= 1
            while last + 1 < len(tokens) and _name_piece(tokens[last + 1]) and tokens[last + 1][2] == tokens[last][3]:
                last += 1
            chains.append((first, last, tokens[first][2], tokens[last][3]))
        k = last + 1
    return chains


CJK_WORD = re.compile(r"[\u4e00-\u9fff]+")


def _name_piece(token) -> bool:
    """A word in characters that jieba tags a person's or place's name: a piece of a transliterated name."""
    return token[1] in (*PERSON_TAGS, "ns") and CJK_WORD.fullmatch(token[0]) is not None and token[0] not in PLACES


def _fragment(tokens, k: int) -> bool:
    """A person word that touches another name word jieba could not place: one name cut in pieces ("杜特|尔特",
    Duterte; "马拉尼|昂州", Maranhão; "马拉卡|南宫", Malacañang), not a Chinese name (W bench w059, w060)."""
    for n in (k - 1, k + 1):
        if 0 <= n < len(tokens) and tokens[n][1] in NAME_TAGS and CJK_WORD.fullmatch(tokens[n][0]) \
                and (tokens[n][3] == tokens[k][2] or tokens[n][2] == tokens[k][3]) \
                and classify(tokens[n][0], tokens[n][1]) is None and not find_chinese_dates(tokens[n][0]):
            return True  # a date jieba tags nr ("张雄上周三说": last Wednesday) cuts no name
    return False


def foreign_parts(text: str) -> dict[str, str]:
    """Each word of the text's "·" chains with its word of the chain's bracketed spelling ("刘易斯": "Lewis" after
    "约翰·刘易斯（John Lewis）"), "" where the text gives none or spells the word two ways: read over the whole
    report, since the chain and the part alone ("刘易斯的公开追悼会") are often in different sentences."""
    return _foreign_parts(text, _tokens(text))


def _foreign_parts(text: str, tokens: list[tuple[str, str, int, int]]) -> dict[str, str]:
    """:func:`foreign_parts` from the text's jieba tokens, for a caller that has them already (jieba's tagger is
    the costliest step of reading a Chinese text: a sentence is cut once, not once for the names and again here)."""
    parts: dict[str, str] = {}
    for first, last, _start, end in _foreign_chains(text, tokens):
        spelled = _SPELLING.match(text, end)
        words = spelled.group("latin").split() if spelled else []
        chain = [tokens[t][0] for t in range(first, last + 1, 2)]
        for n, part in enumerate(chain):
            given = words[n] if len(words) == len(chain) else (words[-1] if words and n == len(chain) - 1 else "")
            parts[part] = given if parts.get(part, given) == given else ""
    return parts


def find_chinese_names(text: str, parts: dict[str, str] | None = None) -> list[ChineseName]:
    """People, places and organisations in Chinese text, each with its Latin form.

    A foreign name written in Chinese is one name: a chain of words joined by "·" is one person, in Latin script
    where the text gives its spelling in brackets ("约翰·刘易斯（John Lewis）"), else with no Latin form ("": the
    report shows it as written, never an invented romanisation); a chain's word written alone ("刘易斯", a word
    of ``parts``, ``foreign_parts`` of the whole report) is that name's part, not a Chinese name."""
    from compare.annotate.entities import _GAZ

    tokens = _tokens(text)
    parts = {**_foreign_parts(text, tokens), **(parts or {})}
    out: list[ChineseName] = []
    in_chain: set[int] = set()
    for first, last, start, end in _foreign_chains(text, tokens):
        spelled = _SPELLING.match(text, end)
        latin = spelled.group("latin") if spelled else ""
        in_chain.update(range(first, last + 1))
        out.append(ChineseName(start, end, text[start:end], "person", latin, latin in _GAZ))
    for k, (word, tag, start, end) in enumerate(tokens):
        if k in in_chain or not tag.startswith("n"):
            continue
        if word in parts and word not in WELL_KNOWN and tag in PERSON_TAGS:
            out.append(ChineseName(start, end, word, "person", parts[word], parts[word] in _GAZ))
            continue
        found = classify(word, tag)
        if found is None:
            continue
        kind, latin = found
        if kind == "person" and word not in WELL_KNOWN and (word.endswith(BODY_ENDINGS) or _fragment(tokens, k)):
            continue
        out.append(ChineseName(start, end, word, kind, latin, latin in _GAZ))
    return sorted(out, key=lambda n: (n.start, n.end))


def romanised(text: str, latin: str | None) -> bool:
    """Whether ``latin`` is the pinyin this module made of a Chinese person's name (not a listed spelling, not one
    the text gives): a guess that a reader cannot check, since a transliterated foreign name ("杜达", Duda) reads
    as a surname and a given name ("Du Da") that no text writes."""
    return bool(latin) and CJK_CHARACTER_RE.search(text) is not None and text not in WELL_KNOWN \
        and latin == person_latin(text)


CJK_CHARACTER_RE = re.compile(r"[\u3400-\u9fff]")


__all__ = ["ChineseName", "ChineseNumber", "find_chinese_dates", "find_chinese_names", "find_chinese_numbers",
           "foreign_parts", "normalise", "numeral_value", "person_latin", "romanised"]
