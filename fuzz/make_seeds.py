#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Writes the seed corpora corpora/fuzz/<fuzzer>/ of the safi fuzzers from the hand-written texts below (every text is original; nothing comes from third-party corpora).
"""Usage: fuzz/make_seeds.py [REPO_DIR [SAFI]]

Rewrites the files named seed-* in corpora/fuzz/<fuzzer>/ for every fuzzer.
Other files there (the regression seeds, named regress-*) are left alone.
The dedup_state seeds are state files written by `SAFI dedup sketch` (the
path of a built safi command) from the dedup seeds; without SAFI they are
left as they are. The output is the same on every run, so the committed
seeds can be checked with `git diff`.
"""

import json
import os
import subprocess
import sys
import tempfile

# (name, bytes): short texts that hit what Arabic web text holds.
TEXTS = [
    ("harakat", "بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ"),
    ("news-sentence", "قالت وزارة الصحة إن المستشفى أعلنت عن مبادرة جديدة، وأضافت: «سنبدأ غداً»."),
    ("tatweel", "أضـــف تعليقـــك ـ كلمـــة"),
    ("presentation-forms", "ﺑﺴﻢ ﷲ ﷺ ﻻ ﻷ ﻹ ﻵ ﻼ ﺍﻟﻌﺮﺑﻴﺔ"),
    ("madda-hamza-marks", "ا\u0653 ا\u0654 ا\u0655 و\u0654 ي\u0654 ه\u0654 ۓ ا\u0654\u064e"),
    ("shadda-fatha-order", "بَّ بَّ مُّ دِّ ﱞ ﹽ"),
    ("quranic-marks", "كلمة\u06d6 اخرى\u06da نص\u06e2 ذٰلك ۩ ؐ ؚ \u08d3\u08e2\u08ff"),
    ("persian", "کتاب\u200cهای فارسی یک ی ۱۲۳۴ ۀ ہ ۂ ې ے"),
    ("digits", "٠١٢٣٤٥٦٧٨٩ ۰۱۲۳ 2024 ١٢٫٥٪ ٣٬٠٠٠"),
    ("bidi-soup", "\u202bمرحبا\u202c \u200fabc\u200e \u2067نص\u2069 \u061c١٢ \u202e\u202d\u2066\u2068\ufeff\u200b\u2060\u00ad"),
    ("whitespace-mix", "  كلمة\t\t\u00a0 اخرى \u3000\r\n\r\n  سطر  \u2028 ثالث\u2029\x0b\x0cنهاية \u202f\u205f\u1680\u2000\u200a  "),
    ("line-breaks", "a\rb\r\r\nc\n\u0085d\n\n\r\n \r\n\t\n"),
    ("zwnj-zwj", "لا\u200dم\u200cي \u200c\u200c \u200d"),
    ("ornate-parentheses", "\ufd3eنص\ufd3f \ufdfd \ufdfa\ufdfb \ufdf2 \ufdfc"),
    ("markup", "<p class=\"x\">مرحبا (WHO) &nbsp; «اقرأ أيضاً» ‹›</p>\n"),
    ("sallallahou-run", "\ufdfa" * 12),
    ("long-mark-run", "ب" + "\u0651\u064e" * 120 + " ت" + "\u064e\u0651" * 40),
    ("lone-marks", "\u064e\u0651 بداية\n\u0652\u0670\u0654 \u0301\u0308"),
    ("tatweel-lines", "ـــ\nــــــ\n\nـ\r\nـ ـ"),
    ("punctuation-symbols", "،؛؟!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ ٪ ۔ ©®™ € ¿¡ — …"),
    ("case-folding", "ΣΊΣΥΦΟΣ Straße ǅ İstanbul ΐ ΰ ﬁ Å Ω K ẞ"),
    ("latin-reorder", "a\u0308\u0301\u0323 e\u0301 o\u031b\u0323 \u1e0b\u0323 q\u0307\u0323"),
    ("hangul", "\u1100\u1161\u11a8 \uac00\u11a8 한국어"),
    ("alef-variants", "ٱ ٲ ٳ آ أ إ ى ة ؤ ئ ء"),
    ("supplementary", "👍🏽 \U0001d400 \U0001f1f8\U0001f1e6 \U0001d15e \U00010fff"),
    ("compatibility", "Ａｂｃ ① ㎏ ½ ﬃ ｶ ﾞ ™ ℌ"),
    ("nuls", "\x00ب\x00\x00 \x00\n\x00"),
    ("empty", ""),
    ("single-letter", "ب"),
    ("replacement-char", "\ufffdب\ufffd"),
    ("paragraph", "أعلنت الحكومة اليوم عن خطة جديدة لتطوير التعليم في المدارس الحكومية، "
                  "وقال الوزير في مؤتمر صحفي إن الخطة تشمل بناء مئة مدرسة جديدة خلال "
                  "ثلاث سنوات وتدريب المعلمين على المناهج الحديثة. وأضاف أن التمويل "
                  "سيأتي من الميزانية العامة ومن شركاء دوليين، مشيراً إلى أن المرحلة "
                  "الأولى ستبدأ في العاصمة قبل أن تمتد إلى المحافظات الأخرى.\n"),
    ("paragraph-noise", "الخبر  العاجل :  ارتفاع  أسعار  النفط\t\tفي  الأسواق  العالمية\r\n"
                        "قالت مصادر  مطلعة إن الأسعار ارتفعت بنسبة ٣٫٥٪ صباح اليوم ،  "
                        "بعد  إعلان  منظمة  أوبك  خفض  الإنتاج  لمدة  ستة  أشهر\u00a0\u00a0"
                        "وتوقع محللون استمرار الارتفاع خلال الأسبوع المقبل  \r\n\r\n"
                        "شـــارك الخبـــر  تابعونا على فيسبوك وتويتر  \u200f(@news)\u200e \n"),
]

# (name, bytes): ill-formed UTF-8 in Arabic context.
ILL_FORMED = [
    ("bad-bytes", b"\xd8\xa8\xff\xd8\xa7\xfe\xf5 \xc0\xaf"),
    ("truncated-arabic", "كلمة".encode() + b"\xd9 " + "نص".encode() + b"\xd8"),
    ("surrogates", b"\xed\xa0\x80\xed\xbf\xbf \xed\xa0\xbd\xed\xb2\xa9 \xed\x9f\xbf"),
    ("overlongs", b"\xc0\x80 \xc1\xbf \xe0\x80\xaf \xe0\x9f\xbf \xf0\x80\x80\xaf \xf0\x8f\xbf\xbf"),
    ("above-max", b"\xf4\x90\x80\x80 \xf4\x8f\xbf\xbf \xf8\x88\x80\x80\x80 \xfc\x84\x80\x80\x80\x80"),
    ("lone-continuations", b"\x80\xbf \x80\x80\x80 \xd8\xa8\x80"),
    ("truncated-sequences", b"\xe2\x80 \xf0\x9f\x98 \xf0\x9f \xe0\xa0 \xc3"),
    ("ill-formed-in-marks", "ب".encode() + b"\xd9" + "\u064e".encode() + b"\xff" + "\u0651".encode()),
    ("ill-formed-in-whitespace", b" \xa0 \xc2 \xe2\x80\xa8 \xe2\x80 \r\xff\n"),
    ("ill-formed-at-end", "سلام".encode() + b"\xf0\x9f\x98"),
]

# Byte 0 bits 4-6 of both headers pick the SIMD target (0 = default, k =
# the (k-1)-th supported one); the seeds cycle through all eight values.
TARGET_SHIFT = 4


def target_bits(i):
    return (i % 8) << TARGET_SHIFT


# Option sets for the differential fuzzer: (name, 24-bit value; bits 0-16
# operations, bit 17 NFKC). Bit numbers are those of safi::Operation.
OPTION_SETS = [
    ("nfc-all-operations", (1 << 17) - 1),
    ("nfkc-all-operations", (1 << 18) - 1),
    ("nfc-casefold-only", 1 << 14),
    ("nfkc-zwnj-to-space-only", (1 << 17) | (1 << 5)),
    ("nfc-presentation-forms-harakat", (1 << 12) | (1 << 1)),
    ("nfkc-whitespace-only", (1 << 17) | (1 << 16)),
    ("nfc-line-breaks-only", 1 << 15),
    ("nfkc-punctuation-casefold", (1 << 17) | (1 << 13) | (1 << 14)),
    ("nfc-remove-zwnj-and-to-space", (1 << 4) | (1 << 5) | (1 << 16)),
    ("nfkc-folds", (1 << 17) | 0xFC0),
]

PROFILES = ["search", "dedup", "display", "nfc", "nfkc"]
ERROR_BIT = 8
OPTION_SET_SELECTOR = 5


def utf8(text):
    return text if isinstance(text, bytes) else text.encode("utf-8")


def differential_seeds():
    """Header (see fuzz_normalize_differential.cc) + text."""
    seeds = {}
    for i, (name, text) in enumerate(TEXTS):
        profile = i % len(PROFILES)
        seeds["%s-%s" % (PROFILES[profile], name)] = (
            bytes([profile | target_bits(i), 0, 0, 0]) + utf8(text))
    for i, (name, text) in enumerate(ILL_FORMED):
        profile = i % len(PROFILES)
        seeds["%s-%s" % (PROFILES[profile], name)] = bytes([profile, 0, 0, 0]) + text
        seeds["%s-error-%s" % (PROFILES[profile], name)] = (
            bytes([profile | ERROR_BIT, 0, 0, 0]) + text)
    for i, (name, bits) in enumerate(OPTION_SETS):
        text = utf8(TEXTS[(3 * i) % len(TEXTS)][1]) + utf8(TEXTS[(3 * i + 1) % len(TEXTS)][1])
        header = bytes([OPTION_SET_SELECTOR, bits & 0xFF, (bits >> 8) & 0xFF, bits >> 16])
        seeds["options-" + name] = header + text
    return seeds


def utf8_seeds():
    """The text alone."""
    seeds = {name: utf8(text) for name, text in TEXTS}
    seeds.update({name: text for name, text in ILL_FORMED})
    return seeds


def stream_split_seeds():
    """Flags, chunk-size count - 1, chunk sizes (see fuzz_stream_split.cc), text."""
    splits = [[1], [2, 3], [0, 1, 5], [7], [3, 0, 0, 4], [64], [1, 2, 3, 4, 5, 6], [255]]
    seeds = {}
    for i, (name, text) in enumerate(TEXTS):
        sizes = splits[i % len(splits)]
        seeds[name] = bytes([target_bits(i), len(sizes) - 1] + sizes) + utf8(text)
    for i, (name, text) in enumerate(ILL_FORMED):
        sizes = splits[i % len(splits)]
        seeds[name] = bytes([0, len(sizes) - 1] + sizes) + text
        seeds["error-" + name] = bytes([1, len(sizes) - 1] + sizes) + text
    return seeds


# Team-written page parts for the dedup seeds.
ARTICLE_LINES = [
    "افتتاح مكتبة عامة جديدة في وسط المدينة",
    "افتتحت البلدية صباح اليوم مكتبة عامة جديدة تضم أكثر من عشرين ألف كتاب في مجالات العلوم والآداب والتاريخ.",
    "وقال مدير المكتبة إن القاعة الرئيسية تتسع لمئتي قارئ وإن قسم الأطفال يقدم ورشا أسبوعية للقراءة والكتابة.",
]
OTHER_LINES = [
    "انطلاق بطولة المدارس لكرة السلة بمشاركة ثلاثين فريقا",
    "انطلقت مساء أمس منافسات بطولة المدارس لكرة السلة في الصالة المغطاة بحضور عدد كبير من أولياء الأمور.",
]
BOILERPLATE_LINES = [
    "أضف تعليقك",
    "لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *",
    "مقالات ذات صلة",
    "رياضة",
    "انطلقت مساء أمس منافسات بطولة المدارس لكرة السلة في الصالة...",
    "شارك على فيسبوك",
    "جميع الحقوق محفوظة © 2024",
]


def page(lines, crlf=False):
    return ("\r\n" if crlf else "\n").join(lines) + "\n"


def dedup_crawls():
    """(name, JSONL text) crawls: pages with boilerplate, copies, teasers."""
    a = page(ARTICLE_LINES + BOILERPLATE_LINES)
    b = page(OTHER_LINES + BOILERPLATE_LINES[:2])
    records = [
        {"id": "a", "url": "https://www.news.example/a", "text": a},
        {"id": "b", "url": "https://news.example/b", "text": b},
        {"id": 7, "url": None, "text": page(ARTICLE_LINES, crlf=True), "tags": ["x", {"k": 1}]},
        {"id": "c", "url": "https://mirror.example/c", "text": page(ARTICLE_LINES[:2])},
    ]
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    return [
        ("crawl", "\n".join(lines) + "\n"),
        ("one-page", lines[0] + "\n"),
        ("malformed", "\n".join([
            lines[1],
            '{"id": "u", "text": "unterminated',
            '{"id": "w", "text": 3}',
            '{"text": "no id"}',
            '{"id": "d", "id": "e", "text": ""}',
            '[1, 2]',
            '{"id": "t", "text": "x"} trailing',
            '{"id": "v", "text": "\\ud800"}',
            lines[0],
        ]) + "\n"),
    ]


def dedup_seeds():
    """Mode byte (see fuzz_dedup.cc) + JSONL, or raw documents split at 0x1E."""
    seeds = {}
    for i, (name, text) in enumerate(dedup_crawls()):
        seeds["jsonl-" + name] = bytes([(i << 1) | target_bits(i)]) + utf8(text)
    raw = "\x1e".join([page(ARTICLE_LINES + BOILERPLATE_LINES), page(ARTICLE_LINES),
                       page(OTHER_LINES + BOILERPLATE_LINES[2:5]), ""])
    seeds["raw-pages"] = bytes([1 | (3 << 1)]) + utf8(raw)
    seeds["raw-ill-formed"] = bytes([1]) + b"\xd8\xa8\xff\r\n\x1e\x00\x00\n\x1e" + ILL_FORMED[0][1]
    return seeds


def c_api_seeds():
    """Profile/mode byte, capacity percent, chunk size - 1, output buffer
    size (see fuzz_c_api.cc), then the text (documents split at 0x1E)."""
    shapes = [(100, 0, 1), (99, 2, 3), (50, 6, 0), (255, 63, 16), (0, 0, 255)]
    seeds = {}
    for i, (name, text) in enumerate(TEXTS):
        percent, chunk, out = shapes[i % len(shapes)]
        seeds[name] = bytes([i % len(PROFILES) | target_bits(i), percent, chunk, out]) + utf8(text)
    for i, (name, text) in enumerate(ILL_FORMED):
        percent, chunk, out = shapes[i % len(shapes)]
        seeds["error-" + name] = bytes([i % len(PROFILES) | ERROR_BIT, percent, chunk, out]) + text
    pages = "\x1e".join([page(ARTICLE_LINES + BOILERPLATE_LINES), page(ARTICLE_LINES)])
    seeds["dedup-pages"] = bytes([1, 100, 15, 8]) + utf8(pages)
    return seeds


def dedup_state_seeds(safi):
    """Repair-mode byte (see fuzz_dedup_state.cc) + states of the crawls."""
    seeds = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in dedup_crawls()[:2]:
            crawl = os.path.join(tmp, name + ".jsonl")
            state = os.path.join(tmp, name + ".state")
            with open(crawl, "w", encoding="utf-8") as f:
                f.write(text)
            subprocess.run([safi, "dedup", "sketch", crawl, "-o", state], check=True)
            with open(state, "rb") as f:
                data = f.read()
            seeds[name] = b"\x00" + data
            seeds[name + "-repair"] = b"\x01" + data
    empty = os.path.join(tempfile.gettempdir(), "safi-empty-seed.state")
    subprocess.run([safi, "dedup", "sketch", "-o", empty], input=b"", check=True)
    with open(empty, "rb") as f:
        seeds["empty"] = b"\x00" + f.read()
    os.remove(empty)
    return seeds


def write(directory, seeds):
    os.makedirs(directory, exist_ok=True)
    for old in os.listdir(directory):
        if old.startswith("seed-"):
            os.remove(os.path.join(directory, old))
    for name, data in sorted(seeds.items()):
        with open(os.path.join(directory, "seed-" + name), "wb") as f:
            f.write(data)
    print("%s: %d seeds" % (os.path.normpath(directory), len(seeds)))


def main():
    repo = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
    base = os.path.join(repo, "corpora", "fuzz")
    write(os.path.join(base, "normalize_differential"), differential_seeds())
    write(os.path.join(base, "utf8"), utf8_seeds())
    write(os.path.join(base, "stream_split"), stream_split_seeds())
    write(os.path.join(base, "dedup"), dedup_seeds())
    write(os.path.join(base, "c_api"), c_api_seeds())
    if len(sys.argv) > 2:
        write(os.path.join(base, "dedup_state"), dedup_state_seeds(sys.argv[2]))


if __name__ == "__main__":
    main()
