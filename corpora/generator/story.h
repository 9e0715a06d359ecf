// SPDX-License-Identifier: Apache-2.0
// News stories (title + paragraphs) written from the team's own Arabic and
// English lexicons.
#ifndef SAFI_CORPORA_GENERATOR_STORY_H_
#define SAFI_CORPORA_GENERATOR_STORY_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "generator_util.h"

namespace safi::corpus::internal {

// Story categories; every site labels each with its own words.
enum Category : int {
  kPolitics,
  kEconomy,
  kSports,
  kCulture,
  kTechnology,
  kHealth,
  kLocal,
  kWorld,
  kEnvironment,
  kCategoryCount
};

enum class Language { kArabic, kEnglish };

// ---------------------------------------------------------------------------
// Lexicon data (defined in lexicon_ar.cc and lexicon_en.cc).

// A word or phrase with a masculine and a feminine form.
struct Gendered {
  std::string_view m;
  std::string_view f;
};

// A noun phrase with its grammatical gender (for verb agreement).
struct Noun {
  std::string_view text;
  bool fem;
};

// A reporting verb ("said") in both genders with the complementizer it takes.
struct SayVerb {
  std::string_view m;
  std::string_view f;
  std::string_view comp;
};

// An action verb in the present and the past, both genders, and the
// preposition that introduces its verbal-noun object. A preposition ending
// in '~' is written attached to the next word.
struct ActionVerb {
  std::string_view present_m;
  std::string_view present_f;
  std::string_view past_m;
  std::string_view past_f;
  std::string_view prep;
};

// A verb of change ("rose") in the past and the present, both genders.
struct ChangeVerb {
  std::string_view past_m;
  std::string_view past_f;
  std::string_view present_m;
  std::string_view present_f;
};

// A named word list that templates refer to as {name}.
struct ListSlot {
  std::string_view name;
  Span<std::string_view> items;
};

// What a category adds to the common lexicon.
struct CategoryLexicon {
  Span<Gendered> roles;
  Span<Noun> subjects;
  Span<Noun> metrics;
  Span<std::string_view> noun_phrases;
  Span<std::string_view> sentences;
  Span<std::string_view> titles;
  Span<ListSlot> lists;  // looked up before the common lists
};

// All the words of one language. Templates use {slot} for a filled slot,
// [masculine|feminine] for a choice by the sentence's person and
// <masculine|feminine> for a choice by the sentence's metric.
struct Lexicon {
  Language language;
  Span<std::string_view> male_first;
  Span<std::string_view> female_first;
  Span<std::string_view> family;
  Span<std::string_view> foreign_names;  // "Arabic|Latin|m" or "...|f"
  Span<Gendered> roles;
  Span<SayVerb> say_verbs;
  Span<ActionVerb> action_verbs;
  Span<ChangeVerb> change_verbs;
  Span<Noun> subjects;
  Span<Noun> metrics;
  Span<std::string_view> verbal_nouns;
  Span<std::string_view> noun_phrases;
  Span<std::string_view> adjuncts;
  Span<std::string_view> quotes;
  Span<std::string_view> leads;  // first sentences of a story
  Span<std::string_view> sentences;
  Span<std::string_view> titles;
  Span<std::string_view> months[3];  // three naming traditions
  Span<std::string_view> weekdays;
  Span<std::string_view> currencies;
  Span<std::string_view> thousand;  // the word for "thousand"/"million" etc.
  Span<std::string_view>
      percent_words;                  // spelled-out percent, after the number
  Span<std::string_view> latin_orgs;  // "Arabic name|ACRONYM"
  Span<std::string_view> brands;      // Latin company and product names
  Span<ListSlot> lists;
  CategoryLexicon categories[kCategoryCount];
};

const Lexicon& ArabicLexicon();
const Lexicon& EnglishLexicon();

// ---------------------------------------------------------------------------
// Stories.

// One generated article. Paragraph 0 starts with a dateline.
struct Story {
  int category = kPolitics;
  std::string title;
  std::vector<std::string> paragraphs;  // 5 to 12, none empty
};

// The category of the story with this seed (the same for both languages).
int StoryCategory(uint64_t story_seed);

// The full story with this seed. Deterministic in (language, story_seed).
Story MakeStory(Language language, uint64_t story_seed);

// The opening of the story's first paragraph: whole sentences, at least
// `min_bytes` long unless the paragraph is shorter, and always a prefix of
// MakeStory(language, story_seed).paragraphs[0].
std::string StoryLead(Language language, uint64_t story_seed, size_t min_bytes);

// A stand-alone paragraph (no dateline) of the given category, for mixing
// one language into pages of the other. Deterministic in its arguments.
std::string StandaloneParagraph(Language language, uint64_t seed, int category);

}  // namespace safi::corpus::internal

#endif  // SAFI_CORPORA_GENERATOR_STORY_H_
