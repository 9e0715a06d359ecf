# SPDX-License-Identifier: Apache-2.0
"""Tests of the safi Python module: profiles, str and bytes input, options, ill-formed UTF-8, streams, threads, and dedup (checked against the safi command)."""
import concurrent.futures
import json
import os
import random
import subprocess
import tempfile
import unittest

import safi

# Hamza alef, harakat, two spaces, teh marbuta, lam-alef ligature U+FEF7,
# Arabic-Indic digits, CRLF, alef maksura; and its search-profile form.
ARABIC = "أَحْمَدُ  فاطِمَةُ ﻷ ١٢٣\r\nبنى"
ARABIC_SEARCH = "احمد فاطمه لا 123\nبني"
# U+FDFA: one code point whose NFKC is 18 code points.
SALLALLAHOU = "\ufdfa"
SALLALLAHOU_NFKC = "صلى الله عليه وسلم"


class ModuleTest(unittest.TestCase):
    def test_version(self):
        self.assertEqual(safi.__version__, os.environ["SAFI_EXPECTED_VERSION"])
        self.assertEqual(safi.unicode_version, "15.0.0")

    def test_profiles(self):
        self.assertEqual(safi.profiles(), ["search", "dedup", "display", "nfc", "nfkc"])

    def test_operations(self):
        ops = safi.operations()
        self.assertEqual(len(ops), 17)
        self.assertEqual(ops[0], "remove_tatweel")
        self.assertIn("fold_alef", ops)
        self.assertEqual(len(set(ops)), len(ops))


class NormalizeTest(unittest.TestCase):
    def test_search_is_the_default(self):
        self.assertEqual(safi.normalize(ARABIC), ARABIC_SEARCH)
        self.assertEqual(safi.normalize(ARABIC, "search"), ARABIC_SEARCH)
        self.assertEqual(safi.normalize(ARABIC, profile="search"), ARABIC_SEARCH)

    def test_every_profile(self):
        text = "ﻷ مؤمن Straße ١٢٣\u200c!"
        self.assertEqual(safi.normalize(text, "search"), "لا مؤمن Straße 123 !")
        self.assertEqual(safi.normalize(text, "dedup"), "لا مومن strasse 123")
        self.assertEqual(safi.normalize(text, "display"), "لأ مؤمن Straße ١٢٣\u200c!")
        self.assertEqual(safi.normalize(text, "nfc"), text)
        self.assertEqual(safi.normalize(text, "nfkc"), "لأ مؤمن Straße ١٢٣\u200c!")
        self.assertEqual(safi.normalize(SALLALLAHOU, "nfkc"), SALLALLAHOU_NFKC)

    def test_bytes_equal_str(self):
        for profile in safi.profiles():
            self.assertEqual(
                safi.normalize(ARABIC.encode(), profile), safi.normalize(ARABIC, profile)
            )

    def test_ill_formed_bytes_become_replacement_characters(self):
        self.assertEqual(safi.normalize(b"ab\xc3(\xed\xa0\x80z", "nfc"), "ab\ufffd(\ufffd\ufffd\ufffdz")

    def test_unknown_profile(self):
        with self.assertRaisesRegex(ValueError, "unknown profile 'Search'.*search, dedup"):
            safi.normalize("x", "Search")

    def test_wrong_types(self):
        with self.assertRaises(TypeError):
            safi.normalize(12)
        with self.assertRaises(TypeError):
            safi.normalize(bytearray(b"x"))

    def test_lone_surrogate_in_str(self):
        with self.assertRaises(UnicodeEncodeError):
            safi.normalize("a\ud800b")

    def test_empty(self):
        self.assertEqual(safi.normalize(""), "")
        self.assertEqual(safi.normalize(b""), "")


class NormalizerTest(unittest.TestCase):
    def test_profile_options(self):
        n = safi.Normalizer("display")
        self.assertEqual(n.form, "nfc")
        self.assertEqual(
            n.operations,
            ["remove_bidi_invisible", "presentation_forms", "line_breaks", "collapse_whitespace"],
        )
        self.assertEqual(n.invalid, "replace")
        self.assertEqual(safi.Normalizer().normalize(ARABIC), ARABIC_SEARCH)

    def test_explicit_options(self):
        n = safi.Normalizer(form="nfc", operations=["remove_harakat", "fold_alef"])
        self.assertEqual(n.form, "nfc")
        self.assertEqual(n.operations, ["remove_harakat", "fold_alef"])
        # Only the two operations: tatweel, teh marbuta and digits stay.
        self.assertEqual(n.normalize("أَحْمَـد فاطِمَة ١"), "احمـد فاطمة ١")
        self.assertEqual(safi.Normalizer("nfc", operations=[]).normalize("ﻷ"), "ﻷ")
        self.assertEqual(safi.Normalizer("nfc", form="nfkc").normalize("ﻷ"), "لأ")

    def test_bad_options(self):
        with self.assertRaisesRegex(ValueError, "unknown form"):
            safi.Normalizer(form="nfd")
        with self.assertRaisesRegex(ValueError, "unknown operation 'fold_everything'"):
            safi.Normalizer(operations=["fold_alef", "fold_everything"])
        with self.assertRaisesRegex(ValueError, "unknown invalid mode"):
            safi.Normalizer(invalid="ignore")
        with self.assertRaises(TypeError):
            safi.Normalizer("search", "nfc")  # options are keyword-only

    def test_invalid_error(self):
        n = safi.Normalizer("nfc", invalid="error")
        self.assertEqual(n.invalid, "error")
        self.assertEqual(n.normalize(b"abc"), "abc")
        with self.assertRaises(UnicodeDecodeError) as caught:
            n.normalize(b"abcd\xffef")
        self.assertEqual(caught.exception.start, 4)
        self.assertEqual(caught.exception.end, 5)
        self.assertEqual(caught.exception.object, b"abcd\xffef")
        with self.assertRaises(UnicodeDecodeError) as caught:
            n.normalize(b"ab\xd8")
        self.assertEqual(caught.exception.start, 2)

    def test_shared_by_threads(self):
        n = safi.Normalizer("search")
        texts = [ARABIC * k for k in range(1, 65)]
        expected = [n.normalize(t) for t in texts]
        with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
            results = list(pool.map(n.normalize, texts * 8))
        self.assertEqual(results, expected * 8)


class StreamTest(unittest.TestCase):
    def test_every_split_matches_one_shot(self):
        data = (ARABIC + " \xa0x\u0651\u064e\r").encode() + b"\xff" + SALLALLAHOU.encode()
        for profile in safi.profiles():
            n = safi.Normalizer(profile)
            want = n.normalize(data)
            stream = n.stream()
            for size in (1, 2, 3, 7):
                parts = [stream.write(data[i : i + size]) for i in range(0, len(data), size)]
                parts.append(stream.finish())
                self.assertEqual("".join(parts), want, (profile, size))

    def test_str_chunks(self):
        stream = safi.Normalizer().stream()
        out = "".join(stream.write(c) for c in ARABIC) + stream.finish()
        self.assertEqual(out, ARABIC_SEARCH)

    def test_invalid_error(self):
        stream = safi.Normalizer("nfc", invalid="error").stream()
        self.assertIsInstance(stream.write(b"abc"), str)
        with self.assertRaisesRegex(ValueError, "offset 4"):
            stream.write(b"d\xff")
        with self.assertRaisesRegex(ValueError, "offset 4"):
            stream.finish()
        # After finish() the stream starts a new text.
        self.assertEqual(stream.write(b"ok") + stream.finish(), "ok")


# A small crawl: an article, the same article under a comment form (with a
# hamza variant and tatweel) on another site, and an unrelated article with
# the comment form and a related-articles block of two teasers.
ARTICLE = (
    "افتتاح مكتبة عامة جديدة في وسط المدينة\n"
    "افتتحت البلدية صباح اليوم مكتبة عامة جديدة تضم أكثر من عشرين ألف كتاب "
    "في مجالات العلوم والآداب والتاريخ وتفتح أبوابها للزوار طوال الأسبوع.\n"
    "وقال مدير المكتبة إن القاعة الرئيسية تتسع لمئتي قارئ وإن قسم الأطفال "
    "يقدم ورشا أسبوعية للقراءة والكتابة بمشاركة متطوعين من أبناء الحي.\n"
)
COMMENT_FORM = "أضف تعلـيقك\n"
OTHER = (
    "انطلاق بطولة المدارس لكرة السلة بمشاركة ثلاثين فريقا\n"
    "انطلقت مساء أمس منافسات بطولة المدارس لكرة السلة في الصالة المغطاة "
    "بحضور عدد كبير من أولياء الأمور والمدربين وممثلي الأندية المحلية.\n"
)
RELATED = (
    "مقالات ذات صلة\n"
    "ارتفاع أسعار الخضار في الأسواق المركزية مع بداية فصل...\n"
    "وزارة الصحة تطلق حملة وطنية للتطعيم ضد الإنفلونزا في جميع...\n"
)
CRAWL = [
    {"id": "b", "url": "https://www.news.example/2024/b", "text": COMMENT_FORM + ARTICLE},
    {"id": "a", "url": "https://mirror.example/a", "text": ARTICLE, "extra": [1, 2]},
    {"id": "c", "url": "https://news.example/c", "text": OTHER + COMMENT_FORM + RELATED},
]


class DedupTest(unittest.TestCase):
    def test_small_crawl(self):
        kept, removals = safi.dedup(CRAWL)
        self.assertEqual([d["id"] for d in kept], ["a", "c"])
        self.assertEqual(kept[0], CRAWL[1])
        self.assertEqual(kept[1]["text"], OTHER)
        self.assertEqual(CRAWL[2]["text"], OTHER + COMMENT_FORM + RELATED)  # input untouched
        by_id = {}
        for r in removals:
            by_id.setdefault(r["id"], []).append(r)
        (dup,) = by_id["b"]
        self.assertEqual(dup["reason"], "exact_dup")
        self.assertEqual((dup["kept"], dup["cluster_size"], dup["similarity"]), ("a", 2, 1.0))
        self.assertEqual((dup["start"], dup["end"]), (0, len(CRAWL[0]["text"])))
        self.assertEqual(dup["byte_end"], len(CRAWL[0]["text"].encode()))
        reasons = [r["reason"] for r in by_id["c"]]
        self.assertEqual(reasons[0], "lexicon")
        self.assertEqual(by_id["c"][0]["category"], "comment_form")
        self.assertIn("teaser", reasons)
        # Character offsets cut exactly the removed lines out of the str.
        text = CRAWL[2]["text"]
        self.assertEqual(text[by_id["c"][0]["start"] : by_id["c"][0]["end"]], COMMENT_FORM)
        rest, pos = "", 0
        for r in by_id["c"]:
            rest += text[pos : r["start"]]
            pos = r["end"]
        self.assertEqual(rest + text[pos:], OTHER)

    def test_order_does_not_matter(self):
        want = safi.dedup(CRAWL)
        docs = list(CRAWL)
        for seed in range(5):
            random.Random(seed).shuffle(docs)
            kept, removals = safi.dedup(docs)
            self.assertEqual(sorted(d["id"] for d in kept), sorted(d["id"] for d in want[0]))
            key = lambda r: (r["id"], r["byte_start"])
            self.assertEqual(sorted(removals, key=key), sorted(want[1], key=key))

    def test_texts_and_bytes(self):
        texts = [d["text"] for d in CRAWL]
        kept, removals = safi.dedup(texts)
        self.assertEqual(kept, [ARTICLE, OTHER])
        self.assertEqual(removals[0]["id"], 0)
        kept_bytes, removals_bytes = safi.dedup([t.encode() for t in texts])
        self.assertEqual(kept_bytes, [ARTICLE.encode(), OTHER.encode()])
        for r, rb in zip(removals, removals_bytes):
            self.assertEqual((rb["start"], rb["end"]), (r["byte_start"], r["byte_end"]))
        # Ill-formed UTF-8 in bytes is allowed and kept as it was.
        kept, _ = safi.dedup([b"caf\xe9 au lait\n"])
        self.assertEqual(kept, [b"caf\xe9 au lait\n"])

    def test_fields_and_errors(self):
        docs = [{"doc": 7, "body": OTHER, "host": "x"}]
        kept, _ = safi.dedup(docs, text_field="body", id_field="doc", site_field="host")
        self.assertEqual(kept, docs)
        with self.assertRaisesRegex(ValueError, "document 0 has no 'text' field"):
            safi.dedup([{"id": "a"}])
        with self.assertRaisesRegex(ValueError, "document 1 has no 'id' field"):
            safi.dedup([{"id": "a", "text": ""}, {"text": ""}])
        with self.assertRaisesRegex(ValueError, "document 'a'.*a"):
            safi.dedup([{"id": "a", "text": "x"}, {"id": "a", "text": "y"}])
        with self.assertRaisesRegex(TypeError, "document 0: text must be str or bytes"):
            safi.dedup([{"id": "a", "text": 3}])
        with self.assertRaisesRegex(TypeError, "document 0: expected a dict"):
            safi.dedup([3])
        with self.assertRaises(TypeError):
            safi.dedup("not a list")
        self.assertEqual(safi.dedup([]), ([], []))

    def test_same_as_the_command(self):
        cli = os.environ.get("SAFI_CLI")
        if not cli:
            self.skipTest("SAFI_CLI (path of the safi command) is not set")
        docs = list(CRAWL)
        corpora = os.environ.get("SAFI_CORPORA_DIR")
        if corpora:
            seed_dir = os.path.join(corpora, "seed")
            for name in sorted(os.listdir(seed_dir)):
                if name.endswith(".txt"):
                    with open(os.path.join(seed_dir, name), encoding="utf-8") as f:
                        docs.append({"id": "seed/" + name, "text": f.read()})
        with tempfile.TemporaryDirectory() as tmp:
            crawl = os.path.join(tmp, "crawl.jsonl")
            report = os.path.join(tmp, "report.jsonl")
            with open(crawl, "w", encoding="utf-8") as f:
                for d in docs:
                    f.write(json.dumps(d, ensure_ascii=False) + "\n")
            out = subprocess.run(
                [cli, "dedup", "--report", report, crawl], check=True, capture_output=True
            ).stdout
            with open(report, encoding="utf-8") as f:
                cli_removals = [json.loads(line) for line in f]
        cli_kept = [json.loads(line) for line in out.decode().splitlines()]
        kept, removals = safi.dedup(docs)
        self.assertEqual(kept, cli_kept)
        self.assertGreater(len(removals), 3)
        mine = []
        for r in removals:
            r = dict(r, start=r.pop("byte_start"), end=r.pop("byte_end"))
            mine.append(r)
        self.assertEqual(mine, cli_removals)


if __name__ == "__main__":
    unittest.main()
