// SPDX-License-Identifier: Apache-2.0
// Hand-checked input/output vectors: the anchors' vectors of
// normalization.md §2a that fall inside a profile's definition, plus vectors
// computed by hand from core/SEMANTICS.md; shared by the reference self-test
// and the differential test.
//
// Choice of anchor vectors (numbers of normalization.md §2a): search takes
// Lucene #1-#21 (#21 as the character filter's U+200C -> U+0020, without
// tokenization), #28, #30, #31, #39 and the other vectors whose expected
// output is exactly Lucene-style folding plus NFKC (#42-#48, #58-#60, #62,
// #64, #66, #68, #69, #71, #87); dedup adds the hamza-seat vectors #61 and
// #63; display (NFC + presentation forms, hamza kept, no letter folds) takes
// #31, #66-#70, #73-#75, #86-#88. Left out: stemming (#22-#27, #29), vectors
// that keep shadda or U+0629 while stripping other marks (#32-#36, #91: every
// profile that strips harakat also folds U+0629), hamza-to-U+0621 and digit
// direction choices (#37, #38, #40, #41), Persian style rewriting (#49-#57),
// U+FDF5/U+FDFD expansions that NFKC does not do (#65, #72), small-alef
// rewriting (#76, #77), Sorani/Urdu letter choices (#78-#85, #89, #90).
#ifndef SAFI_TESTS_ICU_REFERENCE_SPEC_VECTORS_H_
#define SAFI_TESTS_ICU_REFERENCE_SPEC_VECTORS_H_

#include "safi/normalizer.h"

namespace safi::spec_vectors {

struct SpecVector {
  safi::Profile profile;
  const char* input;     // NUL-terminated bytes (may be ill-formed UTF-8)
  const char* expected;  // the profile's output
  const char* source;    // where the expectation comes from
};

// Every vector, in no particular order.
inline constexpr SpecVector kSpecVectors[] = {
    // آجن -> اجن
    {safi::Profile::kSearch, "\u0622\u062C\u0646", "\u0627\u062C\u0646",
     "normalization.md 2a #1 Lucene ArabicNormalizationFilter"},
    // أحمد -> احمد
    {safi::Profile::kSearch, "\u0623\u062D\u0645\u062F",
     "\u0627\u062D\u0645\u062F",
     "normalization.md 2a #2 Lucene ArabicNormalizationFilter"},
    // إعاذ -> اعاذ
    {safi::Profile::kSearch, "\u0625\u0639\u0627\u0630",
     "\u0627\u0639\u0627\u0630",
     "normalization.md 2a #3 Lucene ArabicNormalizationFilter"},
    // بنى -> بني
    {safi::Profile::kSearch, "\u0628\u0646\u0649", "\u0628\u0646\u064A",
     "normalization.md 2a #4 Lucene ArabicNormalizationFilter"},
    // فاطمة -> فاطمه
    {safi::Profile::kSearch, "\u0641\u0627\u0637\u0645\u0629",
     "\u0641\u0627\u0637\u0645\u0647",
     "normalization.md 2a #5 Lucene ArabicNormalizationFilter"},
    // روبرـــــت -> روبرت
    {safi::Profile::kSearch,
     "\u0631\u0648\u0628\u0631\u0640\u0640\u0640\u0640\u0640\u062A",
     "\u0631\u0648\u0628\u0631\u062A",
     "normalization.md 2a #6 Lucene ArabicNormalizationFilter"},
    // مَبنا -> مبنا
    {safi::Profile::kSearch, "\u0645\u064E\u0628\u0646\u0627",
     "\u0645\u0628\u0646\u0627",
     "normalization.md 2a #7 Lucene ArabicNormalizationFilter"},
    // علِي -> علي
    {safi::Profile::kSearch, "\u0639\u0644\u0650\u064A", "\u0639\u0644\u064A",
     "normalization.md 2a #8 Lucene ArabicNormalizationFilter"},
    // بُوات -> بوات
    {safi::Profile::kSearch, "\u0628\u064F\u0648\u0627\u062A",
     "\u0628\u0648\u0627\u062A",
     "normalization.md 2a #9 Lucene ArabicNormalizationFilter"},
    // ولداً -> ولدا
    {safi::Profile::kSearch, "\u0648\u0644\u062F\u0627\u064B",
     "\u0648\u0644\u062F\u0627",
     "normalization.md 2a #10 Lucene ArabicNormalizationFilter"},
    // ولدٍ -> ولد
    {safi::Profile::kSearch, "\u0648\u0644\u062F\u064D", "\u0648\u0644\u062F",
     "normalization.md 2a #11 Lucene ArabicNormalizationFilter"},
    // ولدٌ -> ولد
    {safi::Profile::kSearch, "\u0648\u0644\u062F\u064C", "\u0648\u0644\u062F",
     "normalization.md 2a #12 Lucene ArabicNormalizationFilter"},
    // نلْسون -> نلسون
    {safi::Profile::kSearch, "\u0646\u0644\u0652\u0633\u0648\u0646",
     "\u0646\u0644\u0633\u0648\u0646",
     "normalization.md 2a #13 Lucene ArabicNormalizationFilter"},
    // هتميّ -> هتمي
    {safi::Profile::kSearch, "\u0647\u062A\u0645\u064A\u0651",
     "\u0647\u062A\u0645\u064A",
     "normalization.md 2a #14 Lucene ArabicNormalizationFilter"},
    // های -> هاي
    {safi::Profile::kSearch, "\u0647\u0627\u06CC", "\u0647\u0627\u064A",
     "normalization.md 2a #15 Lucene PersianNormalizationFilter"},
    // هاے -> هاي
    {safi::Profile::kSearch, "\u0647\u0627\u06D2", "\u0647\u0627\u064A",
     "normalization.md 2a #16 Lucene PersianNormalizationFilter"},
    // کشاندن -> كشاندن
    {safi::Profile::kSearch, "\u06A9\u0634\u0627\u0646\u062F\u0646",
     "\u0643\u0634\u0627\u0646\u062F\u0646",
     "normalization.md 2a #17 Lucene PersianNormalizationFilter"},
    // كتابۀ -> كتابه
    {safi::Profile::kSearch, "\u0643\u062A\u0627\u0628\u06C0",
     "\u0643\u062A\u0627\u0628\u0647",
     "normalization.md 2a #18 Lucene PersianNormalizationFilter"},
    // كتابهٔ -> كتابه
    {safi::Profile::kSearch, "\u0643\u062A\u0627\u0628\u0647\u0654",
     "\u0643\u062A\u0627\u0628\u0647",
     "normalization.md 2a #19 Lucene PersianNormalizationFilter"},
    // زادہ -> زاده
    {safi::Profile::kSearch, "\u0632\u0627\u062F\u06C1",
     "\u0632\u0627\u062F\u0647",
     "normalization.md 2a #20 Lucene PersianNormalizationFilter"},
    // this is a<ZWNJ>test -> this is a test
    {safi::Profile::kSearch, "this is a\u200Ctest", "this is a test",
     "normalization.md 2a #21 Lucene PersianCharFilter + MockTokenizer"},
    // ١٢٣٤ -> 1234
    {safi::Profile::kSearch, "\u0661\u0662\u0663\u0664", "1234",
     "normalization.md 2a #28 Lucene ArabicAnalyzer (DecimalDigitFilter)"},
    // ۱۲۳۴ -> 1234
    {safi::Profile::kSearch, "\u06F1\u06F2\u06F3\u06F4", "1234",
     "normalization.md 2a #30 Lucene PersianAnalyzer (DecimalDigitFilter)"},
    // ﴳﴺﰧ -> طمطمطم
    {safi::Profile::kSearch, "\uFD33\uFD3A\uFC27",
     "\u0637\u0645\u0637\u0645\u0637\u0645",
     "normalization.md 2a #31 Lucene ICUNormalizer2Filter (nfkc_cf) and "
     "ICUFoldingFilter"},
    // ﴳﴺﰧ -> طمطمطم
    {safi::Profile::kDisplay, "\uFD33\uFD3A\uFC27",
     "\u0637\u0645\u0637\u0645\u0637\u0645",
     "normalization.md 2a #31 Lucene ICUNormalizer2Filter (nfkc_cf) and "
     "ICUFoldingFilter"},
    // ۰۱۲۳۴۵۶۷۸۹ ٠١٢٣٤٥٦٧٨٩ 123456789 نص -> 0123456789 0123456789 123456789 نص
    {safi::Profile::kSearch,
     "\u06F0\u06F1\u06F2\u06F3\u06F4\u06F5\u06F6\u06F7\u06F8\u06F9 "
     "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669 123456789 "
     "\u0646\u0635",
     "0123456789 0123456789 123456789 \u0646\u0635",
     "normalization.md 2a #39 PyArabic "
     "trans.normalize_digits(source='all',out='west')"},
    // مدرسة -> مدرسه
    {safi::Profile::kSearch, "\u0645\u062F\u0631\u0633\u0629",
     "\u0645\u062F\u0631\u0633\u0647",
     "normalization.md 2a #42 ArabicProcessingCog "
     "Arabic_normalization.normalize_token"},
    // أحمد -> احمد
    {safi::Profile::kSearch, "\u0623\u062D\u0645\u062F",
     "\u0627\u062D\u0645\u062F",
     "normalization.md 2a #43 ArabicProcessingCog "
     "Arabic_normalization.normalize_token"},
    // إبراهيم -> ابراهيم
    {safi::Profile::kSearch, "\u0625\u0628\u0631\u0627\u0647\u064A\u0645",
     "\u0627\u0628\u0631\u0627\u0647\u064A\u0645",
     "normalization.md 2a #44 ArabicProcessingCog "
     "Arabic_normalization.normalize_token"},
    // آخرة -> اخره
    {safi::Profile::kSearch, "\u0622\u062E\u0631\u0629",
     "\u0627\u062E\u0631\u0647",
     "normalization.md 2a #45 ArabicProcessingCog "
     "Arabic_normalization.normalize_token"},
    // على -> علي
    {safi::Profile::kSearch, "\u0639\u0644\u0649", "\u0639\u0644\u064A",
     "normalization.md 2a #46 ArabicProcessingCog "
     "Arabic_normalization.normalize_token"},
    // محمــــد -> محمد
    {safi::Profile::kSearch, "\u0645\u062D\u0645\u0640\u0640\u0640\u0640\u062F",
     "\u0645\u062D\u0645\u062F",
     "normalization.md 2a #47 ArabicProcessingCog "
     "Arabic_normalization.normalize_token"},
    // ة -> ه
    {safi::Profile::kSearch, "\u0629", "\u0647",
     "normalization.md 2a #48 ArabicProcessingCog "
     "Arabic_normalization.normalize_token"},
    // السﻻم -> السلام
    {safi::Profile::kSearch, "\u0627\u0644\u0633\uFEFB\u0645",
     "\u0627\u0644\u0633\u0644\u0627\u0645",
     "normalization.md 2a #58 Maha normalize(lam_alef=True)"},
    // اﻵن -> الان
    {safi::Profile::kSearch, "\u0627\uFEF5\u0646", "\u0627\u0644\u0627\u0646",
     "normalization.md 2a #59 Maha normalize(lam_alef=True)"},
    // اﻷحد -> الاحد
    {safi::Profile::kSearch, "\u0627\uFEF7\u062D\u062F",
     "\u0627\u0644\u0627\u062D\u062F",
     "normalization.md 2a #60 Maha normalize(lam_alef=True)"},
    // مؤمن -> مومن
    {safi::Profile::kDedup, "\u0645\u0624\u0645\u0646",
     "\u0645\u0648\u0645\u0646",
     "normalization.md 2a #61 Maha normalize(waw=True)"},
    // على -> علي
    {safi::Profile::kSearch, "\u0639\u0644\u0649", "\u0639\u0644\u064A",
     "normalization.md 2a #62 Maha normalize(yeh=True)"},
    // قارئ -> قاري
    {safi::Profile::kDedup, "\u0642\u0627\u0631\u0626",
     "\u0642\u0627\u0631\u064A",
     "normalization.md 2a #63 Maha normalize(yeh=True)"},
    // مدرسة -> مدرسه
    {safi::Profile::kSearch, "\u0645\u062F\u0631\u0633\u0629",
     "\u0645\u062F\u0631\u0633\u0647",
     "normalization.md 2a #64 Maha normalize(teh_marbuta=True)"},
    // ﷳ -> اكبر
    {safi::Profile::kSearch, "\uFDF3", "\u0627\u0643\u0628\u0631",
     "normalization.md 2a #66 Maha normalize(ligatures=True)"},
    // ﷳ -> اكبر
    {safi::Profile::kDisplay, "\uFDF3", "\u0627\u0643\u0628\u0631",
     "normalization.md 2a #66 Maha normalize(ligatures=True)"},
    // ﷺ -> صلى الله عليه وسلم
    {safi::Profile::kDisplay, "\uFDFA",
     "\u0635\u0644\u0649 \u0627\u0644\u0644\u0647 \u0639\u0644\u064A\u0647 "
     "\u0648\u0633\u0644\u0645",
     "normalization.md 2a #67 Maha normalize(ligatures=True)"},
    // ﷲ -> الله
    {safi::Profile::kSearch, "\uFDF2", "\u0627\u0644\u0644\u0647",
     "normalization.md 2a #68 Maha normalize(ligatures=True)"},
    // ﷲ -> الله
    {safi::Profile::kDisplay, "\uFDF2", "\u0627\u0644\u0644\u0647",
     "normalization.md 2a #68 Maha normalize(ligatures=True)"},
    // ﷴ ﷶ ﷲ ﷻ -> محمد رسول الله جل جلاله
    {safi::Profile::kSearch, "\uFDF4 \uFDF6 \uFDF2 \uFDFB",
     "\u0645\u062D\u0645\u062F \u0631\u0633\u0648\u0644 "
     "\u0627\u0644\u0644\u0647 \u062C\u0644 \u062C\u0644\u0627\u0644\u0647",
     "normalization.md 2a #69 Maha normalize(ligatures=True)"},
    // ﷴ ﷶ ﷲ ﷻ -> محمد رسول الله جل جلاله
    {safi::Profile::kDisplay, "\uFDF4 \uFDF6 \uFDF2 \uFDFB",
     "\u0645\u062D\u0645\u062F \u0631\u0633\u0648\u0644 "
     "\u0627\u0644\u0644\u0647 \u062C\u0644 \u062C\u0644\u0627\u0644\u0647",
     "normalization.md 2a #69 Maha normalize(ligatures=True)"},
    // ﷹ ﷲ ﷷ ﷸ -> صلى الله عليه وسلم
    {safi::Profile::kDisplay, "\uFDF9 \uFDF2 \uFDF7 \uFDF8",
     "\u0635\u0644\u0649 \u0627\u0644\u0644\u0647 \u0639\u0644\u064A\u0647 "
     "\u0648\u0633\u0644\u0645",
     "normalization.md 2a #70 Maha normalize(ligatures=True)"},
    // ﷼ -> ريال
    {safi::Profile::kSearch, "\uFDFC", "\u0631\u064A\u0627\u0644",
     "normalization.md 2a #71 Maha normalize(ligatures=True)"},
    // السﻻم -> السلام
    {safi::Profile::kDisplay, "\u0627\u0644\u0633\uFEFB\u0645",
     "\u0627\u0644\u0633\u0644\u0627\u0645",
     "normalization.md 2a #73 Maha normalize_lam_alef(keep_hamza=True)"},
    // اﻵن -> الآن
    {safi::Profile::kDisplay, "\u0627\uFEF5\u0646", "\u0627\u0644\u0622\u0646",
     "normalization.md 2a #74 Maha normalize_lam_alef(keep_hamza=True)"},
    // اﻷحد -> الأحد
    {safi::Profile::kDisplay, "\u0627\uFEF7\u062D\u062F",
     "\u0627\u0644\u0623\u062D\u062F",
     "normalization.md 2a #75 Maha normalize_lam_alef(keep_hamza=True)"},
    // ﮔﯿﺎ -> گیا
    {safi::Profile::kDisplay, "\uFB94\uFBFF\uFE8E", "\u06AF\u06CC\u0627",
     "normalization.md 2a #86 urduhack normalize_characters"},
    // ﺍﻭﻻﺩ -> اولاد
    {safi::Profile::kSearch, "\uFE8D\uFEED\uFEFB\uFEA9",
     "\u0627\u0648\u0644\u0627\u062F",
     "normalization.md 2a #87 urduhack normalize_characters"},
    // ﺍﻭﻻﺩ -> اولاد
    {safi::Profile::kDisplay, "\uFE8D\uFEED\uFEFB\uFEA9",
     "\u0627\u0648\u0644\u0627\u062F",
     "normalization.md 2a #87 urduhack normalize_characters"},
    // ﺟﻠﻮﮦ -> جلوہ
    {safi::Profile::kDisplay, "\uFE9F\uFEE0\uFEEE\uFBA6",
     "\u062C\u0644\u0648\u06C1",
     "normalization.md 2a #88 urduhack normalize_characters"},
    // Hand-computed from core/SEMANTICS.md.
    // ﺃَحْمَدُ فاطِمَةُ بنى مـــحمد ﻷ -> احمد فاطمه بني محمد لا
    {safi::Profile::kSearch,
     "\uFE83\u064E\u062D\u0652\u0645\u064E\u062F\u064F "
     "\u0641\u0627\u0637\u0650\u0645\u064E\u0629\u064F \u0628\u0646\u0649 "
     "\u0645\u0640\u0640\u0640\u062D\u0645\u062F \uFEF7",
     "\u0627\u062D\u0645\u062F \u0641\u0627\u0637\u0645\u0647 "
     "\u0628\u0646\u064A \u0645\u062D\u0645\u062F \u0644\u0627",
     "SEMANTICS.md: presentation forms, harakat, tatweel, folds"},
    {safi::Profile::kSearch, "  a \t b  \r\n  c  ", "a b\nc",
     "SEMANTICS.md step 4: collapse and trim around line breaks"},
    {safi::Profile::kDedup, "  a \t b  \r\n  c  ", "a b\nc",
     "SEMANTICS.md step 4: collapse and trim around line breaks"},
    {safi::Profile::kDisplay, "  a \t b  \r\n  c  ", "a b\nc",
     "SEMANTICS.md step 4: collapse and trim around line breaks"},
    {safi::Profile::kNfc, "  a \t b  \r\n  c  ", "  a \t b  \r\n  c  ",
     "SEMANTICS.md: nfc has no whitespace rules"},
    {safi::Profile::kSearch, "a\r\r\nb\u0085c\u2028d\u2029e", "a\n\nb\nc\nd\ne",
     "SEMANTICS.md line_breaks: CR CR LF is two line breaks"},
    {safi::Profile::kNfc, "a\r\r\nb\u0085c\u2028d\u2029e",
     "a\r\r\nb\u0085c\u2028d\u2029e", "SEMANTICS.md: nfc keeps line breaks"},
    {safi::Profile::kDisplay, "a\u00A0\u3000b", "a b",
     "SEMANTICS.md collapse_whitespace: NBSP and ideographic space"},
    {safi::Profile::kNfkc, "a\u00A0\u3000b", "a  b",
     "NFKC maps NBSP and U+3000 to U+0020, no collapsing"},
    {safi::Profile::kDisplay, "\u00A0a\t\n\tb ", "a\nb",
     "SEMANTICS.md collapse_whitespace: trimming at line ends"},
    {safi::Profile::kSearch, "a\u200Cb", "a b", "SEMANTICS.md zwnj_to_space"},
    {safi::Profile::kDedup, "a\u200Cb", "ab",
     "SEMANTICS.md remove_zwnj_zwj takes U+200C before zwnj_to_space"},
    {safi::Profile::kDisplay, "a\u200Cb", "a\u200Cb",
     "SEMANTICS.md: display keeps ZWNJ"},
    {safi::Profile::kDedup, "Hello, WORLD!", "hello world",
     "SEMANTICS.md punctuation_symbols_to_space and case_fold"},
    {safi::Profile::kDedup, "\u0390", "\u0390",
     "SEMANTICS.md case_fold: folding canonically equivalent to itself"},
    {safi::Profile::kDedup, "\u1E96", "\u1E96",
     "SEMANTICS.md case_fold: folding canonically equivalent to itself"},
    {safi::Profile::kDedup, "\u0130", "i\u0307", "CaseFolding.txt 0130; F"},
    {safi::Profile::kDedup, "\u1E9E", "ss", "CaseFolding.txt 1E9E; F"},
    {safi::Profile::kDedup, "\uFB03", "ffi", "NFKC of U+FB03"},
    {safi::Profile::kDedup, "\u212B", "\u00E5", "NFKC then case folding"},
    // ﷺ: NFKC gives 18 code points; search and dedup then fold U+0649.
    {safi::Profile::kNfkc, "\uFDFA",
     "\u0635\u0644\u0649 \u0627\u0644\u0644\u0647 \u0639\u0644\u064A\u0647 "
     "\u0648\u0633\u0644\u0645",
     "normalization.md 2b ICU 72.1 NFKC of U+FDFA"},
    {safi::Profile::kSearch, "\uFDFA",
     "\u0635\u0644\u064A \u0627\u0644\u0644\u0647 \u0639\u0644\u064A\u0647 "
     "\u0648\u0633\u0644\u0645",
     "SEMANTICS.md: U+FDFA expands to 18 code points, then folds"},
    {safi::Profile::kDedup, "\uFDFA",
     "\u0635\u0644\u064A \u0627\u0644\u0644\u0647 \u0639\u0644\u064A\u0647 "
     "\u0648\u0633\u0644\u0645",
     "SEMANTICS.md: U+FDFA expands to 18 code points, then folds"},
    {safi::Profile::kDisplay, "\uFDFA",
     "\u0635\u0644\u0649 \u0627\u0644\u0644\u0647 \u0639\u0644\u064A\u0647 "
     "\u0648\u0633\u0644\u0645",
     "SEMANTICS.md presentation_forms: NFKC of U+FDFA"},
    {safi::Profile::kNfc, "\uFDFA", "\uFDFA", "NFC keeps U+FDFA"},
    {safi::Profile::kSearch, "\u0627\u0654", "\u0627",
     "SEMANTICS.md: NFKC composes U+0623, fold_alef gives U+0627"},
    {safi::Profile::kDisplay, "\u0627\u0654", "\u0623", "NFC composes U+0623"},
    {safi::Profile::kDisplay, "\u0627\u200B\u0654", "\u0623",
     "SEMANTICS.md step 5: deleting U+200B lets NFC compose"},
    {safi::Profile::kNfc, "\u0627\u200B\u0654", "\u0627\u200B\u0654",
     "U+200B blocks composition"},
    {safi::Profile::kSearch, "\u0627\u200B\u0654", "\u0627",
     "SEMANTICS.md: bidi and harakat deletions"},
    {safi::Profile::kSearch, "e\u0640\u0301", "\u00E9",
     "SEMANTICS.md step 5: deleting tatweel lets NFKC compose"},
    {safi::Profile::kNfkc, "e\u0640\u0301", "e\u0640\u0301",
     "tatweel blocks composition"},
    {safi::Profile::kDisplay, "\u202B\u0645\u0631\u062D\u0628\u0627\u202C",
     "\u0645\u0631\u062D\u0628\u0627", "SEMANTICS.md remove_bidi_invisible"},
    {safi::Profile::kDedup, "\u0624\u0626", "\u0648\u064A",
     "SEMANTICS.md fold_hamza_seats"},
    {safi::Profile::kSearch, "\u0624\u0626", "\u0624\u0626",
     "SEMANTICS.md: search keeps hamza seats"},
    {safi::Profile::kDedup, "\u0663.\u0661\u0664", "3 14",
     "SEMANTICS.md fold_digits and punctuation_symbols_to_space"},
    {safi::Profile::kSearch, "\u0663.\u0661\u0664", "3.14",
     "SEMANTICS.md fold_digits"},
    {safi::Profile::kDisplay, "x\uFE70y", "x \u064By",
     "SEMANTICS.md presentation_forms: NFKC of U+FE70 is U+0020 U+064B"},
    {safi::Profile::kSearch, "x\uFE70y", "x y",
     "NFKC of U+FE70 then remove_harakat"},
    {safi::Profile::kDisplay, "\uFEFFabc", "abc",
     "SEMANTICS.md: remove_bidi_invisible takes U+FEFF first"},
    {safi::Profile::kNfkc, "\uFEFFabc", "\uFEFFabc", "NFKC keeps U+FEFF"},
    {safi::Profile::kDisplay, "\uFDFD", "\uFDFD",
     "U+FDFD has no decomposition"},
    // ذَٰلِكَ ٱلْكِتَٰبُ لَا رَيْبَ ۛ فِيهِ ۛ -> ذلك الكتب لا ريب فيه
    {safi::Profile::kSearch,
     "\u0630\u064E\u0670\u0644\u0650\u0643\u064E "
     "\u0671\u0644\u0652\u0643\u0650\u062A\u064E\u0670\u0628\u064F "
     "\u0644\u064E\u0627 \u0631\u064E\u064A\u0652\u0628\u064E \u06DB "
     "\u0641\u0650\u064A\u0647\u0650 \u06DB",
     "\u0630\u0644\u0643 \u0627\u0644\u0643\u062A\u0628 \u0644\u0627 "
     "\u0631\u064A\u0628 \u0641\u064A\u0647",
     "SEMANTICS.md remove_quranic_marks, U+0670, U+0671 (Quran 2:2)"},
    {safi::Profile::kSearch, "\u0627\u0644\u0631\u062D\u0645\u0670\u0646",
     "\u0627\u0644\u0631\u062D\u0645\u0646",
     "SEMANTICS.md remove_harakat includes U+0670"},
    // NormalizationTest.txt / UAX #15 samples.
    {safi::Profile::kNfc, "\u1E0A\u0323", "\u1E0C\u0307",
     "NormalizationTest 1E0A 0323"},
    {safi::Profile::kNfkc, "\u1E0A\u0323", "\u1E0C\u0307",
     "NormalizationTest 1E0A 0323"},
    {safi::Profile::kNfc, "\u212B", "\u00C5", "NormalizationTest 212B"},
    {safi::Profile::kNfc, "A\u030A", "\u00C5", "NormalizationTest 0041 030A"},
    {safi::Profile::kNfc, "\uFB01", "\uFB01", "NormalizationTest FB01"},
    {safi::Profile::kNfkc, "\uFB01", "fi", "NormalizationTest FB01"},
    {safi::Profile::kNfc, "\u1100\u1161\u11A8", "\uAC01",
     "NormalizationTest Hangul L V T"},
    {safi::Profile::kNfc, "\uAC00\u11A8", "\uAC01",
     "NormalizationTest Hangul LV T"},
    {safi::Profile::kNfc, "\u1E9B\u0323", "\u1E9B\u0323", "UAX #15 figure 6"},
    {safi::Profile::kNfkc, "\u1E9B\u0323", "\u1E69", "UAX #15 figure 6"},
    // ICU 72.1 results listed in normalization.md 2b.
    {safi::Profile::kNfkc, "\uFDFB",
     "\u062C\u0644 \u062C\u0644\u0627\u0644\u0647",
     "normalization.md 2b ICU NFKC"},
    {safi::Profile::kNfkc, "\uFDFD", "\uFDFD", "normalization.md 2b ICU NFKC"},
    {safi::Profile::kNfkc, "\uFDFC", "\u0631\u06CC\u0627\u0644",
     "normalization.md 2b ICU NFKC"},
    {safi::Profile::kNfkc, "\uFDF0", "\u0635\u0644\u06D2",
     "normalization.md 2b ICU NFKC"},
    {safi::Profile::kNfkc, "\uFEFB", "\u0644\u0627",
     "normalization.md 2b ICU NFKC"},
    {safi::Profile::kNfkc, "\uFEF7", "\u0644\u0623",
     "normalization.md 2b ICU NFKC"},
    {safi::Profile::kNfkc, "\uFE70", " \u064B", "normalization.md 2b ICU NFKC"},
    {safi::Profile::kNfkc, "\uFE71", "\u0640\u064B",
     "normalization.md 2b ICU NFKC"},
    {safi::Profile::kNfkc, "\u0663\u06F3", "\u0663\u06F3",
     "normalization.md 2b ICU NFKC"},
    {safi::Profile::kNfkc, "\u0675", "\u0627\u0674",
     "normalization.md 2b ICU NFKC"},
    {safi::Profile::kNfkc, "\uFBFC", "\u06CC", "normalization.md 2b ICU NFKC"},
    {safi::Profile::kNfkc, "\u0640", "\u0640", "normalization.md 2b ICU NFKC"},
    {safi::Profile::kNfc, "\u0627\u0654", "\u0623",
     "normalization.md 2b ICU NFC"},
    {safi::Profile::kNfc, "\u0627\u064E\u0654", "\u0623\u064E",
     "normalization.md 2b ICU NFC"},
    {safi::Profile::kNfc, "\u0651\u064E", "\u064E\u0651",
     "normalization.md 2b ICU NFC"},
    {safi::Profile::kNfc, "\u0652\u0651", "\u0651\u0652",
     "normalization.md 2b ICU NFC"},
    {safi::Profile::kNfc, "\u0627\u0653", "\u0622",
     "normalization.md 2b ICU NFC"},
    {safi::Profile::kNfc, "\u06D5\u0654", "\u06C0",
     "normalization.md 2b ICU NFC"},
    {safi::Profile::kNfc, "\u0647\u0654", "\u0647\u0654",
     "normalization.md 2b ICU NFC"},
    {safi::Profile::kNfc, "\u06CC\u0654", "\u06CC\u0654",
     "normalization.md 2b ICU NFC"},
    // Ill-formed UTF-8: one U+FFFD per maximal subpart (Unicode 15.0 3.9).
    {safi::Profile::kNfc,
     "a\xC0\x80"
     "b",
     "a\uFFFD\uFFFDb", "overlong C0 80"},
    {safi::Profile::kNfc, "\xE0\x80\x80", "\uFFFD\uFFFD\uFFFD",
     "overlong E0 80 80"},
    {safi::Profile::kNfc, "\xED\xA0\x80", "\uFFFD\uFFFD\uFFFD",
     "surrogate ED A0 80"},
    {safi::Profile::kNfc, "\xF4\x90\x80\x80", "\uFFFD\uFFFD\uFFFD\uFFFD",
     "beyond U+10FFFF"},
    {safi::Profile::kNfc, "\xE2\x82", "\uFFFD", "truncated at the end"},
    {safi::Profile::kNfc,
     "\xF0\x9F\x98"
     "x",
     "\uFFFDx", "truncated before ASCII"},
    {safi::Profile::kNfc, "\xF0\x90\x80", "\uFFFD",
     "truncated 4-byte sequence"},
    {safi::Profile::kNfc,
     "\xC2"
     "A",
     "\uFFFDA", "lead byte without trail"},
    {safi::Profile::kNfc, "\x80\x80", "\uFFFD\uFFFD",
     "lone continuation bytes"},
    {safi::Profile::kNfc, "\xF5\xFF\xFE", "\uFFFD\uFFFD\uFFFD",
     "bytes F5 FF FE"},
    {safi::Profile::kSearch,
     "a\xFF"
     "b",
     "a\uFFFDb", "U+FFFD is kept by search"},
    {safi::Profile::kDedup,
     "a\xFF"
     "b",
     "a b", "U+FFFD is General_Category So: dedup makes it a space"},
};

}  // namespace safi::spec_vectors

#endif  // SAFI_TESTS_ICU_REFERENCE_SPEC_VECTORS_H_
