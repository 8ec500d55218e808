#!/usr/bin/env python3
"""Write fixtures/notices/cn-YYYY.txt, one State Council holiday notice per year, from
rules/calendars/cn.yaml.

Each file is the year's schedule as cn.yaml has it, written in the wording of the notices
(国务院办公厅关于XXXX年部分节假日安排的通知): title, document number, addressees, preamble,
numbered items, closing paragraph, signature. They are reconstructions, not copies: the
wording varies from year to year on purpose so that every form `complaint::notice` accepts
is used somewhere (numbering or none, one item per line or all on one line, full-width or
ASCII punctuation, 星期X or 周X or no weekday, "至3日" / "至2月3日" / a full date, 放假调休 /
放假公休 / 放假 / 调休放假, 放假1天, 与周末连休, 补休, lunar notes beside the weekday, a
make-up day in the year before written with or without its year).

Where cn.yaml departs from a notice's words, the file follows cn.yaml (see
fixtures/notices/README.md): 2015, 2019 and 2020 hold the schedule in force after the special
notices of those years; 2019 清明节/端午节/中秋节 and 2024 元旦 are written as the spans cn.yaml
has, not as "放假，与周末连休".

The unit test in src/notice.rs parses every file and checks it gives back cn.yaml's spans and
make-up days for that year. Run from the repository root, Python 3 standard library only:

    python3 scripts/make-cn-notices.py
"""
import datetime as dt
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
CALENDAR = ROOT / "rules" / "calendars" / "cn.yaml"
OUT = ROOT / "fixtures" / "notices"

HOLIDAY = re.compile(r"- \{name: ([^,]+), from: ([\d-]+)(?:, to: ([\d-]+))?\}")
MAKEUP = re.compile(r"- \{date: ([\d-]+), for: ([^}]+)\}")
YEAR = re.compile(r"# (\d{4})\b:? ?(.*)")

ANNIVERSARY = "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日"
CN_NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
WEEKDAYS = "一二三四五六日"

# How a year's notice is laid out; anything not given takes DEFAULT.
DEFAULT = dict(
    numbering="cn",  # cn 一、 | arabic 1. | paren （一） | none
    layout="lines",  # lines: one item per line | run: all items on one line
    weekday="星期",  # prefix of the weekday beside a date, or None for no weekdays
    on_holidays=False,  # weekdays beside the days off too, not just beside make-up days
    ascii=False,  # ASCII punctuation in the items
    month_always=False,  # "1月1日至1月3日" rather than "1月1日至3日"
    dash="至",
    yearless=False,  # a make-up day in the year before written without its year
)
STYLE = {
    2004: dict(weekday=None),
    2005: dict(dash="—"),
    2006: dict(dash="—", yearless=True),
    2007: dict(numbering="none", on_holidays=True, dash="—"),
    2009: dict(month_always=True),
    2010: dict(layout="run"),
    2011: dict(numbering="paren"),
    2012: dict(numbering="arabic", ascii=True, on_holidays=True, dash="-"),
    2013: dict(on_holidays=True),
    2021: dict(numbering="none", layout="run"),
}
for _year in range(2019, 2027):
    STYLE[_year] = dict(STYLE.get(_year, {}), weekday="周", on_holidays=True)

# How a single-day holiday, or a span given as a day off plus a 补休 day, is worded.
FORMS = {
    (2004, "元旦"): "one_day",
    (2014, "元旦"): "one_day",
    (2014, "清明节"): "buxiu",
    (2014, "端午节"): "weekend",
    (2014, "中秋节"): "weekend",
    (2015, "清明节"): "buxiu",
    (2015, "劳动节"): "weekend",
    (2015, "端午节"): "buxiu",
    (2015, "中秋节"): "plain",
    (2016, "元旦"): "weekend",
    (2016, "清明节"): "weekend",
    (2016, "劳动节"): "buxiu",
    (2017, "元旦"): "buxiu",
    (2017, "劳动节"): "weekend",
    (2018, "元旦"): "weekend",
    (2018, "端午节"): "weekend",
    (2018, "中秋节"): "weekend",
    (2020, "元旦"): "total_one",
    (2023, "清明节"): "total_one",
    (2024, "端午节"): "weekend",
    (2025, "元旦"): "no_swap",
}
SINGLE = {
    "one_day": "放假1天。",
    "total_one": "放假，共1天。",
    "weekend": "放假，与周末连休。",
    "plain": "放假。",
    "no_swap": "放假1天，不调休。",
}
# The verb of a span, where it is not 放假调休 (with make-up days) or 放假 (without).
VERB = {
    (2010, "元旦"): "放假公休",
    (2011, "元旦"): "放假公休",
    (2009, "清明节"): "放假公休",
    (2015, ANNIVERSARY): "调休放假",
}
LUNAR = {
    (2025, "春节"): ("农历除夕", "农历正月初七"),
    (2026, "春节"): ("农历腊月二十八", "农历正月初七"),
}
AFTER = {
    (2024, "春节"): "鼓励各单位结合带薪年休假等制度落实，安排职工在除夕（2月9日）休息。",
}
CLOSING = (
    "节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作，遇有重大突发事件，"
    "要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。"
)
ASCII = str.maketrans({"：": ":", "，": ",", "。": ".", "（": "(", "）": ")"})


def read_calendar():
    """{year: (document, [(name, from, to)], [(date, for)])} grouped by the year comments."""
    years, section, year = {}, None, None
    for line in CALENDAR.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith((" ", "#")):
            section = line.split(":")[0]
            continue
        text = line.strip()
        if section not in ("holidays", "makeup_workdays"):
            continue
        if m := YEAR.match(text):
            year = int(m.group(1))
            document = re.split(r";| \(", m.group(2))[0].strip()
            entry = years.setdefault(year, [None, [], []])
            if section == "holidays":
                entry[0] = document if "〔" in document else None
        elif m := HOLIDAY.match(text):
            to = dt.date.fromisoformat(m.group(3)) if m.group(3) else None
            years[year][1].append((m.group(1), dt.date.fromisoformat(m.group(2)), to))
        elif m := MAKEUP.match(text):
            years[year][2].append((dt.date.fromisoformat(m.group(1)), m.group(2)))
    return years


def implied_year(day, anchor, year):
    """The year the parser gives a date written without one (see src/notice.rs)."""
    if anchor is None:
        return year
    if anchor.month == 1 and day.month == 12:
        return anchor.year - 1
    if anchor.month == 12 and day.month == 1:
        return anchor.year + 1
    return anchor.year


class Writer:
    def __init__(self, year):
        self.year = year
        # Make-up days listed with their month each time ("2月14日、2月28日上班") from 2014 on.
        self.style = dict(DEFAULT, list_months=year >= 2014, **STYLE.get(year, {}))

    def weekday(self, day, note=None, force=False):
        prefix = self.style["weekday"]
        if prefix is None or not (force or self.style["on_holidays"]):
            return f"（{note}）" if note else ""
        weekday = f"{prefix}{WEEKDAYS[day.weekday()]}"
        return f"（{note}、{weekday}）" if note else f"（{weekday}）"

    def date(self, day, anchor, previous=None, full_year=False, listed=False):
        """`day` as the parser reads it back: year, month and day only where needed."""
        implied = implied_year(day, anchor, self.year)
        same_year = previous is not None and previous.year == day.year
        foreign = day.year != self.year and not (self.style["yearless"] or same_year)
        if full_year or day.year != implied or foreign:
            return f"{day.year}年{day.month}月{day.day}日"
        months = self.style["list_months"] if listed else self.style["month_always"]
        if previous and previous.month == day.month and not months:
            return f"{day.day}日"
        return f"{day.month}月{day.day}日"

    def days_off(self, name, start, end, makeups):
        notes = LUNAR.get((self.year, name), (None, None))
        text = self.date(start, None) + self.weekday(start, notes[0])
        form = FORMS.get((self.year, name))
        if form == "buxiu":
            return text + f"放假，{end.month}月{end.day}日{self.weekday(end, force=True)}补休。"
        if form:
            assert end is None, (self.year, name)
            return text + SINGLE[form]
        assert end is not None, f"{self.year} {name}: a single day needs a FORMS entry"
        later = self.date(end, start, previous=start, full_year=end.year != start.year)
        verb = VERB.get((self.year, name), "放假调休" if makeups else "放假")
        days = (end - start).days + 1
        return text + self.style["dash"] + later + self.weekday(end, notes[1]) + f"{verb}，共{days}天。"

    def workdays(self, start, makeups):
        written, previous = [], None
        for day in makeups:
            written.append(self.date(day, start, previous, listed=True) + self.weekday(day, force=True))
            previous = day
        return "、".join(written) + "上班。" if written else ""

    def item(self, number, name, start, end, makeups):
        body = self.days_off(name, start, end, makeups) + self.workdays(start, makeups)
        body += AFTER.get((self.year, name), "")
        numbering = {
            "cn": f"{CN_NUMERALS[number]}、",
            "arabic": f"{number + 1}. ",
            "paren": f"（{CN_NUMERALS[number]}）",
            "none": "",
        }[self.style["numbering"]]
        line = f"{numbering}{name}：{body}"
        return line.translate(ASCII) if self.style["ascii"] else line

    def notice(self, document, holidays, makeups):
        items = []
        for number, (name, start, end) in enumerate(holidays):
            served = [day for day, serves in makeups if serves == name]
            items.append(self.item(number, name, start, end, served))
        names = []
        for name, _, _ in holidays:
            names += [n for n in name.split("、") if n not in names and name != ANNIVERSARY]
        listed = "、".join(names[:-1]) + "和" + names[-1]
        lines = [f"国务院办公厅关于{self.year}年部分节假日安排的通知"]
        lines += [document] if document else []
        lines += [
            "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
            f"经国务院批准，现将{self.year}年{listed}放假调休日期的具体安排通知如下。",
        ]
        lines += ["".join(items)] if self.style["layout"] == "run" else items
        lines += [CLOSING, "国务院办公厅"]
        return "\n".join(lines) + "\n"


def main():
    years = read_calendar()
    OUT.mkdir(parents=True, exist_ok=True)
    for year, (document, holidays, makeups) in sorted(years.items()):
        names = {name for name, _, _ in holidays}
        stray = [serves for _, serves in makeups if serves not in names]
        assert not stray, f"{year}: make-up days for {stray}, which is no holiday that year"
        path = OUT / f"cn-{year}.txt"
        path.write_text(Writer(year).notice(document, holidays, makeups), encoding="utf-8")


if __name__ == "__main__":
    main()
