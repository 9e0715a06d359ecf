// SPDX-License-Identifier: Apache-2.0
// The fictional sites' boilerplate (theme strings, comment forms, widgets,
// footers), team-written.
//
// The wording varies between sites the way real Arabic templates do: with and
// without hamza (اضف/أضف), ة or ه, ي or ى, tatweel, and mixed English UI.

#include "sites.h"

#include <string_view>

namespace safi::corpus::internal {
namespace {

using SV = std::string_view;

// --- Category labels ------------------------------------------------------

constexpr SV kLabelsPlain[kCategoryCount] = {"سياسة",  "اقتصاد",    "رياضة",
                                             "ثقافة",  "تكنولوجيا", "صحة",
                                             "محليات", "دولي",      "بيئة"};
constexpr SV kLabelsDefinite[kCategoryCount] = {
    "السياسة", "الاقتصاد", "الرياضة", "الثقافة والفنون", "التقنية",
    "الصحة",   "المحليات", "العالم",  "البيئة"};
constexpr SV kLabelsLong[kCategoryCount] = {
    "أخبار سياسية", "مال وأعمال",  "رياضة",      "فن وثقافة", "علوم وتكنولوجيا",
    "صحة وطب",      "أخبار محلية", "عربي ودولي", "مناخ وبيئة"};
constexpr SV kLabelsGulf[kCategoryCount] = {"سياسة",  "اقتصاد",    "رياضة",
                                            "ثقافة",  "تكنولوجيا", "صحة",
                                            "الخليج", "دولي",      "بيئة"};
constexpr SV kLabelsEgyptian[kCategoryCount] = {"سياسه",  "اقتصاد",    "رياضه",
                                                "ثقافه",  "تكنولوجيا", "صحه",
                                                "محليات", "دولى",      "بيئه"};
constexpr SV kLabelsEnglish[kCategoryCount] = {
    "Politics", "Business", "Sport", "Culture",    "Technology",
    "Health",   "Local",    "World", "Environment"};
constexpr SV kLabelsEnglishAlt[kCategoryCount] = {
    "Politics", "Economy", "Sports",        "Arts & Culture", "Tech",
    "Health",   "Region",  "International", "Climate"};

// --- صوت المدينة ----------------------------------------------------------

constexpr SV kMadinaHeader[] = {"Connect with us",
                                "Hi, what are you looking for?", "اخر الاخبار"};
constexpr SV kMadinaShare[] = {"شارك", "Facebook", "Twitter", "WhatsApp"};
constexpr SV kMadinaComment[] = {
    "اضف تعليقك", "اترك تعليقك",
    "لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *"};
constexpr SV kMadinaRelated[] = {"مقالات ذات صلة"};
constexpr SV kMadinaFooter[] = {"جميع الحقوق محفوظة © 2024 صوت المدينة"};

// --- الخبر اليوم ----------------------------------------------------------

constexpr SV kYawmHeader[] = {"الرئيسية", "آخر الأخبار", "الأكثر قراءة", "بحث"};
constexpr SV kYawmShare[] = {"شارك الخبر", "فيسبوك", "تويتر", "واتساب",
                             "نسخ الرابط"};
constexpr SV kYawmComment[] = {"اضف تعليق",
                               "لن يتم نشر عنوان بريدك الإلكترونى",
                               "الحقول الالزاميه مشار اليها بـ *",
                               "الاسم",
                               "البريد الالكترونى",
                               "الموقع الالكترونى",
                               "التعليق"};
constexpr SV kYawmRelated[] = {"اخبار ذات صله", "موضوعات متعلقه"};
constexpr SV kYawmFollow[] = {"تابعونا على شبكات التواصل الاجتماعى"};
constexpr SV kYawmFooter[] = {"جميع الحقوق محفوظه لـ الخبر اليوم © 2024",
                              "من نحن | اتصل بنا | سياسة الخصوصيه"};

// --- بوابة الشرق ----------------------------------------------------------

constexpr SV kSharqHeader[] = {"Menu", "Search", "بوابة الشرق", "عاجل"};
constexpr SV kSharqShare[] = {"Share", "Tweet", "WhatsApp", "Telegram"};
constexpr SV kSharqComment[] = {
    "أضـف تعليقـك",
    "لن يتم نشر عنوان بريدك الإلكتروني . الحقول الإلزاميه مشار إليها بـ *",
    "الإسم",
    "البريد الإلكتروني",
    "الموقع الإلكتروني",
    "أرسل"};
constexpr SV kSharqRelated[] = {"مقالات ذات صـلة", "مواضيع ذات صلة"};
constexpr SV kSharqFooter[] = {"© 2024 بوابة الشرق. جميع الحقوق محفوظة.",
                               "تصميم وتطوير فريق البوابة"};

// --- نافذة الخليج ---------------------------------------------------------

constexpr SV kKhaleejHeader[] = {"الرئيسية", "محليات", "اقتصاد", "رياضة",
                                 "ابحث هنا..."};
constexpr SV kKhaleejShare[] = {
    "مشاركة", "فيسبوك", "إكس", "لينكدإن", "البريد الإلكتروني", "طباعة"};
constexpr SV kKhaleejComment[] = {
    "التعليقات",
    "اترك رداً",
    "إلغاء الرد",
    "لن يتم نشر عنوان بريدك الإلكتروني. الحقول المطلوبة مشار إليها بـ *",
    "احفظ اسمي وبريدي في هذا المتصفح لحين تعليقي القادم",
    "إرسال"};
constexpr SV kKhaleejRelated[] = {"اقرأ أيضاً", "قد يهمك أيضا"};
constexpr SV kKhaleejFollow[] = {"حمّل تطبيق نافذة الخليج", "تابعنا على إكس"};
constexpr SV kKhaleejFooter[] = {"جميع الحقوق محفوظة © 2024 نافذة الخليج",
                                 "سياسة الخصوصية", "شروط الاستخدام",
                                 "اتصل بنا"};

// --- المرصد العربي --------------------------------------------------------

constexpr SV kMarsadHeader[] = {"Connect with us",
                                "Hi, what are you looking for?", "آخر الأخبار",
                                "English"};
constexpr SV kMarsadShare[] = {"Facebook", "Twitter", "LinkedIn", "Email"};
constexpr SV kMarsadComment[] = {"شاركنا رأيك",
                                 "يرجى الالتزام بآداب الحوار وعدم الإساءة",
                                 "الاسم", "البريد الإلكتروني", "نشر التعليق"};
constexpr SV kMarsadRelated[] = {"المزيد من الأخبار", "مقالات ذات صلة"};
constexpr SV kMarsadFooter[] = {"© المرصد العربي 2024 – جميع الحقوق محفوظة"};

// --- أنباء الساحل ---------------------------------------------------------

constexpr SV kSahelHeader[] = {"القائمة", "بحث", "الأكثر قراءة", "اخر الاخبار"};
constexpr SV kSahelShare[] = {"شارك على فيسبوك", "شارك على تويتر",
                              "أرسل عبر واتساب"};
constexpr SV kSahelComment[] = {
    "أضف تعليقاً",
    "لن يتم نشر عنوان بريدك الالكتروني. الحقول الالزامية مشار اليها ب *",
    "الاسم *",
    "البريد الالكتروني *",
    "الموقع الالكتروني",
    "التعليق",
    "إرسال التعليق"};
constexpr SV kSahelRelated[] = {"اقرأ ايضا", "إقرأ أيضا:"};
constexpr SV kSahelFollow[] = {"انضم إلى قناتنا على تيليجرام"};
constexpr SV kSahelFooter[] = {"حقوق النشر © 2023 - 2024 أنباء الساحل",
                               "يمنع نسخ المحتوى دون إذن مسبق"};

// --- منبر الحدث -----------------------------------------------------------

constexpr SV kMinbarHeader[] = {"منبر الحدث", "عاجل",
                                "Hi, what are you looking for?"};
constexpr SV kMinbarShare[] = {"شارك هذا المقال", "انسخ الرابط"};
constexpr SV kMinbarComment[] = {
    "أضف تعليقك",
    "تعليقك *",
    "الاسم *",
    "البريد الإلكتروني *",
    "الموقع الإلكتروني",
    "لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *"};
constexpr SV kMinbarRelated[] = {"مقالات ذات صلة", "مقالات ذات صله"};
constexpr SV kMinbarFooter[] = {"جميع الحقوق محفوظة © 2024 منبر الحدث",
                                "Designed by Minbar Media"};

// --- الجسر الإخباري -------------------------------------------------------

constexpr SV kJisrHeader[] = {"Skip to content", "الجسر الإخباري",
                              "Latest News", "آخر الأخبار"};
constexpr SV kJisrShare[] = {"Share this:", "Facebook", "X", "WhatsApp"};
constexpr SV kJisrComment[] = {
    "Leave a Reply",
    "لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *",
    "Comment",
    "Name *",
    "Email *",
    "Website",
    "Post Comment"};
constexpr SV kJisrRelated[] = {"Related Posts", "مقالات ذات صلة"};
constexpr SV kJisrFollow[] = {"Follow us", "تابعنا"};
constexpr SV kJisrFooter[] = {"جميع الحقوق محفوظة © 2024 الجسر الإخباري",
                              "Privacy Policy | Contact"};

// --- English sites --------------------------------------------------------

constexpr SV kLedgerHeader[] = {"Skip to content", "Search", "Subscribe",
                                "Latest News"};
constexpr SV kLedgerShare[] = {"Share this:", "Facebook", "X", "LinkedIn",
                               "Email"};
constexpr SV kLedgerComment[] = {
    "Leave a Reply",
    "Your email address will not be published. Required fields are marked *",
    "Comment *",
    "Name *",
    "Email *",
    "Website",
    "Post Comment"};
constexpr SV kLedgerRelated[] = {"Related Articles"};
constexpr SV kLedgerFooter[] = {
    "© 2024 The Gulf Ledger. All rights reserved.",
    "About Us | Contact | Privacy Policy | Terms of Use"};

constexpr SV kHarbourHeader[] = {"Connect with us",
                                 "Hi, what are you looking for?", "Latest"};
constexpr SV kHarbourShare[] = {"Share", "Tweet", "WhatsApp", "Copy link"};
constexpr SV kHarbourComment[] = {"Add Comment",
                                  "Your email address will not be published.",
                                  "Required fields are marked *",
                                  "Name",
                                  "Email",
                                  "Submit"};
constexpr SV kHarbourRelated[] = {"You may also like", "More Stories"};
constexpr SV kHarbourFooter[] = {
    "Copyright © 2024 Harbour Times | Powered by WordPress"};

constexpr SV kDispatchHeader[] = {"Menu", "Home", "Breaking News"};
constexpr SV kDispatchFollow[] = {"Follow us on X", "Like us on Facebook"};
constexpr SV kDispatchComment[] = {"Comments", "Comments are closed."};
constexpr SV kDispatchRelated[] = {"More from Desert Dispatch"};
constexpr SV kDispatchFooter[] = {"All rights reserved © 2024 Desert Dispatch"};

constexpr SV kLevantHeader[] = {"Newsletter", "Sign in", "العربية"};
constexpr SV kLevantShare[] = {"Share on Facebook", "Share on X",
                               "Share via Email"};
constexpr SV kLevantComment[] = {"Join the conversation",
                                 "You must be logged in to post a comment.",
                                 "Log in"};
constexpr SV kLevantRelated[] = {"Read more", "Recommended"};
constexpr SV kLevantFooter[] = {
    "© 2024 Levant Review. All rights reserved. | Privacy | Cookies"};

constexpr Span<SV> kNone{nullptr, 0};

// Noise profiles: indic digits, spaced comma, double space, NBSP, tab (per
// mille of spaces), tatweel, ZWNJ (per 10,000 letter pairs), trailing space,
// CRLF (per mille of lines).
constexpr NoiseProfile kQuiet{0, false, 8, 3, 1, 2, 1, 60, 5};
constexpr NoiseProfile kSeedLike{0, true, 25, 6, 2, 4, 2, 120, 5};
constexpr NoiseProfile kGulf{800, false, 10, 8, 1, 6, 2, 80, 5};
constexpr NoiseProfile kMessy{300, false, 40, 12, 3, 10, 5, 200, 20};
constexpr NoiseProfile kLevant{0, false, 15, 10, 2, 3, 6, 90, 5};
constexpr NoiseProfile kMaghreb{100, true, 20, 15, 2, 2, 3, 100, 5};
constexpr NoiseProfile kEnglishQuiet{0, false, 8, 2, 1, 0, 0, 60, 5};
constexpr NoiseProfile kEnglishMessy{0, false, 30, 6, 3, 0, 0, 150, 20};

constexpr Site kArabicSites[] = {
    {"sawt-almadina.example", "htascrf", MakeSpan(kMadinaHeader),
     MakeSpan(kMadinaShare), MakeSpan(kMadinaComment), MakeSpan(kMadinaRelated),
     kNone, MakeSpan(kMadinaFooter), kLabelsGulf, 6, 8, "...", kSeedLike, 0,
     UrlStyle::kSlug},
    {"alkhabar-alyawm.example", "hdtsacrlf", MakeSpan(kYawmHeader),
     MakeSpan(kYawmShare), MakeSpan(kYawmComment), MakeSpan(kYawmRelated),
     MakeSpan(kYawmFollow), MakeSpan(kYawmFooter), kLabelsEgyptian, 4, 6, "...",
     kQuiet, 50, UrlStyle::kHtml},
    {"bawabat-alsharq.example", "htacsrf", MakeSpan(kSharqHeader),
     MakeSpan(kSharqShare), MakeSpan(kSharqComment), MakeSpan(kSharqRelated),
     kNone, MakeSpan(kSharqFooter), kLabelsDefinite, 4, 8, "…", kLevant, 300,
     UrlStyle::kQuery},
    {"nafithat-alkhaleej.example", "hdtascrlf", MakeSpan(kKhaleejHeader),
     MakeSpan(kKhaleejShare), MakeSpan(kKhaleejComment),
     MakeSpan(kKhaleejRelated), MakeSpan(kKhaleejFollow),
     MakeSpan(kKhaleejFooter), kLabelsDefinite, 5, 8, "…", kGulf, 0,
     UrlStyle::kDated},
    {"almarsad-alarabi.example", "htarcsf", MakeSpan(kMarsadHeader),
     MakeSpan(kMarsadShare), MakeSpan(kMarsadComment), MakeSpan(kMarsadRelated),
     kNone, MakeSpan(kMarsadFooter), kLabelsLong, 4, 7, "...", kMaghreb, 100,
     UrlStyle::kSlug},
    {"anbaa-alsahel.example", "htaslcrf", MakeSpan(kSahelHeader),
     MakeSpan(kSahelShare), MakeSpan(kSahelComment), MakeSpan(kSahelRelated),
     MakeSpan(kSahelFollow), MakeSpan(kSahelFooter), kLabelsPlain, 4, 8, " ...",
     kMessy, 150, UrlStyle::kHtml},
    {"minbar-alhadath.example", "hdtascrf", MakeSpan(kMinbarHeader),
     MakeSpan(kMinbarShare), MakeSpan(kMinbarComment), MakeSpan(kMinbarRelated),
     kNone, MakeSpan(kMinbarFooter), kLabelsPlain, 5, 7, "...", kQuiet, 0,
     UrlStyle::kDated},
    {"aljisr-news.example", "htsacrlf", MakeSpan(kJisrHeader),
     MakeSpan(kJisrShare), MakeSpan(kJisrComment), MakeSpan(kJisrRelated),
     MakeSpan(kJisrFollow), MakeSpan(kJisrFooter), kLabelsGulf, 4, 6, "…",
     kLevant, 0, UrlStyle::kQuery},
};

constexpr Site kEnglishSites[] = {
    {"gulf-ledger.example", "htascrf", MakeSpan(kLedgerHeader),
     MakeSpan(kLedgerShare), MakeSpan(kLedgerComment), MakeSpan(kLedgerRelated),
     kNone, MakeSpan(kLedgerFooter), kLabelsEnglish, 4, 6, "...", kEnglishQuiet,
     0, UrlStyle::kDated},
    {"harbour-times.example", "htsacrf", MakeSpan(kHarbourHeader),
     MakeSpan(kHarbourShare), MakeSpan(kHarbourComment),
     MakeSpan(kHarbourRelated), kNone, MakeSpan(kHarbourFooter),
     kLabelsEnglishAlt, 4, 8, "…", kEnglishMessy, 200, UrlStyle::kSlug},
    {"desert-dispatch.example", "hdtacrlf", MakeSpan(kDispatchHeader), kNone,
     MakeSpan(kDispatchComment), MakeSpan(kDispatchRelated),
     MakeSpan(kDispatchFollow), MakeSpan(kDispatchFooter), kLabelsEnglish, 5, 7,
     "...", kEnglishQuiet, 0, UrlStyle::kHtml},
    {"levant-review.example", "htarcsf", MakeSpan(kLevantHeader),
     MakeSpan(kLevantShare), MakeSpan(kLevantComment), MakeSpan(kLevantRelated),
     kNone, MakeSpan(kLevantFooter), kLabelsEnglishAlt, 4, 6, " …",
     kEnglishQuiet, 50, UrlStyle::kQuery},
};

}  // namespace

Span<Site> ArabicSites() { return MakeSpan(kArabicSites); }
Span<Site> EnglishSites() { return MakeSpan(kEnglishSites); }

}  // namespace safi::corpus::internal
