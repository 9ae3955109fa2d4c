"""Checks expected.json against pages/: page list, lengths, dates, every match substring
(Traditional pages are converted to Simplified first). Run: python3 validate.py"""
import json, os, re, sys
try:
    import opencc
    t2s = opencc.OpenCC("t2s")
    tr = [opencc.OpenCC(c) for c in ("s2t", "s2tw", "s2hk")]
except ImportError:
    sys.exit("validate.py needs the opencc package (pip install opencc) for the Traditional pages")
base = os.path.dirname(os.path.abspath(__file__))
E = json.load(open(base + "/expected.json"))
files = sorted(os.listdir(base + "/pages"))
assert [e["page"] for e in E] == files, "page list mismatch"
bad = 0
def walk(x, path=""):
    if isinstance(x, dict):
        for k, v in x.items():
            if k in ("match", "issuer_match", "not_expected", "not_expected_soft"):
                for s in v: yield path + "." + k, s
            else:
                yield from walk(v, path + "." + k)
    elif isinstance(x, list):
        for i, v in enumerate(x): yield from walk(v, f"{path}[{i}]")
langs = {}
for e in E:
    raw = open(f"{base}/pages/{e['page']}").read()
    n = len(raw); langs[e["language"]] = langs.get(e["language"], 0) + 1
    if not 300 <= n <= 1200: print("LEN", e["page"], n); bad += 1
    simp = t2s.convert(raw) if e["language"] == "zh-Hant" else raw
    if e["language"] == "zh-Hant" and t2s.convert(raw) == raw: print("NOT TRAD", e["page"]); bad += 1
    y, m, d = e["published"].split("-")
    if not any(p in raw for p in (e["published"], f"{y}年{int(m)}月{int(d)}日", f"{y}年{m}月{d}日")) and y not in raw[:200]:
        print("DATE", e["page"]); bad += 1
    for path, s in walk(e):
        if s not in simp: print("MISSING", e["page"], path, s); bad += 1
        if e["language"] == "zh-Hant" and re.search(r"[\u4e00-\u9fff]", s):
            if not any(c.convert(s) in raw for c in tr):
                print("TRAD-FORM?", e["page"], s, [c.convert(s) for c in tr])
print(langs, "problems:", bad)
sys.exit(1 if bad else 0)
