# SPDX-License-Identifier: Apache-2.0
"""Tests of the safi Python module: profiles, str and bytes input, options, ill-formed UTF-8, streams and threads."""
import concurrent.futures
import os
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


if __name__ == "__main__":
    unittest.main()
