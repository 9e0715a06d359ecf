// SPDX-License-Identifier: Apache-2.0
// Expands the lexicon templates of story.h into titles and paragraphs,
// deterministically.

#include "story.h"

#include <string>
#include <vector>

namespace safi::corpus::internal {
namespace {

// Random streams derived from a story seed. Each paragraph has its own stream
// so that the opening of a story can be generated without the rest.
constexpr uint64_t kMetaStream = 0;
constexpr uint64_t kTitleStream = 1;
constexpr uint64_t kStandaloneStream = 2;
constexpr uint64_t kParagraphStream = 100;

constexpr char32_t kLrm = 0x200E;
constexpr char32_t kRlm = 0x200F;

// Per-story choices that every paragraph follows.
struct StoryStyle {
  int category = kPolitics;
  int paragraphs = 5;
  int quote_style = 0;  // 0: “ ”, 1: « » (Arabic) or “ ” (English), 2: ASCII
  int month_style = 0;  // index into Lexicon::months
  bool spelled_percent = false;
  int dateline_style = 0;  // 0..3
};

StoryStyle ReadStyle(uint64_t story_seed) {
  Rng rng(Mix(story_seed, kMetaStream));
  StoryStyle style;
  style.category = static_cast<int>(rng.Below(kCategoryCount));
  style.paragraphs = rng.Between(5, 12);
  style.quote_style = static_cast<int>(rng.Below(3));
  style.month_style = static_cast<int>(rng.Below(3));
  style.spelled_percent = rng.Chance(300);
  style.dateline_style = static_cast<int>(rng.Below(4));
  return style;
}

void AppendNumber(uint64_t value, std::string* out) {
  char digits[24];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  while (n > 0) out->push_back(digits[--n]);
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.substr(s.size() - suffix.size()) == suffix;
}

// Writes sentences from a lexicon. Not thread-safe; one per story part.
class Writer {
 public:
  // `story_templates` collects the sentence templates used so far in the
  // story, which later paragraphs avoid repeating.
  Writer(const Lexicon& lex, const StoryStyle& style, Rng* rng,
         std::vector<const void*>* story_templates)
      : lex_(lex),
        cat_(lex.categories[style.category]),
        style_(style),
        rng_(*rng),
        story_templates_(*story_templates) {}

  // Appends a title (no final period).
  void Title(std::string* out) {
    const bool own = cat_.titles.size > 0 && rng_.Chance(450);
    Sentence(own ? Choose(cat_.titles) : Choose(lex_.titles), false, out);
  }

  // Appends a paragraph of sentences separated by single spaces. The first
  // paragraph starts with a dateline and a lead sentence. Stops early, at a
  // sentence end, once out->size() >= stop_after (0: never early).
  void Paragraph(bool first, size_t stop_after, std::string* out) {
    int sentences = rng_.Between(2, 4);
    if (first) {
      Dateline(out);
      Sentence(*Template(lex_.leads, false), true, out);
      --sentences;
    }
    for (int i = 0; i < sentences; ++i) {
      if (stop_after != 0 && out->size() >= stop_after) return;
      if (!out->empty() && out->back() != ' ') out->push_back(' ');
      Sentence(SentenceTemplate(), true, out);
    }
  }

 private:
  bool arabic() const { return lex_.language == Language::kArabic; }

  // Picks an element, avoiding (with a few retries) one already used in the
  // current sentence, so that "X and X" is rare.
  template <typename T>
  const T& Choose(Span<T> items) {
    const T* pick = &Pick(rng_, items);
    for (int attempt = 0; attempt < 3 && WasUsed(pick); ++attempt) {
      pick = &Pick(rng_, items);
    }
    used_.push_back(pick);
    return *pick;
  }

  // Picks a template not yet used in the story, trying a few times; with
  // `must_be_new`, returns nullptr when every try found a used one.
  const std::string_view* Template(Span<std::string_view> templates,
                                   bool must_be_new) {
    const auto used = [this](const void* item) {
      for (const void* u : story_templates_) {
        if (u == item) return true;
      }
      return false;
    };
    const std::string_view* pick = &Pick(rng_, templates);
    for (int attempt = 0; attempt < 4 && used(pick); ++attempt) {
      pick = &Pick(rng_, templates);
    }
    if (must_be_new && used(pick)) return nullptr;
    story_templates_.push_back(pick);
    return pick;
  }

  // A category sentence template a quarter of the time while unused ones
  // remain, else a common one.
  std::string_view SentenceTemplate() {
    if (cat_.sentences.size > 0 && rng_.Chance(250)) {
      if (const std::string_view* own = Template(cat_.sentences, true)) {
        return *own;
      }
    }
    return *Template(lex_.sentences, false);
  }

  bool WasUsed(const void* item) const {
    for (const void* u : used_) {
      if (u == item) return true;
    }
    return false;
  }

  void Sentence(std::string_view tmpl, bool period, std::string* out) {
    used_.clear();
    person_fem_ = rng_.Chance(350);
    say_ = &Choose(lex_.say_verbs);
    metric_ = &ChooseNoun(cat_.metrics, lex_.metrics, 700);
    change_ = &Choose(lex_.change_verbs);
    sentence_.clear();
    Expand(tmpl, &sentence_);
    if (!arabic()) Capitalize(&sentence_);
    out->append(sentence_);
    if (period && !EndsWith(sentence_, "?") &&
        !EndsWith(sentence_, "\xD8\x9F")) {  // U+061F ؟
      out->push_back('.');
    }
  }

  static void Capitalize(std::string* s) {
    for (char& c : *s) {
      if (c >= 'a' && c <= 'z') {
        c = static_cast<char>(c - 'a' + 'A');
        return;
      }
      if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return;
    }
  }

  const Noun& ChooseNoun(Span<Noun> own, Span<Noun> common,
                         uint32_t own_per_mille) {
    if (own.size > 0 && rng_.Chance(own_per_mille)) return Choose(own);
    return Choose(common);
  }

  // Expands {slot}, [m|f] and <m|f> in `tmpl`. A slot that expands to
  // nothing also takes away the space before it when a space, punctuation
  // or the end of the template follows, so that no double space and no
  // space before punctuation is left.
  void Expand(std::string_view tmpl, std::string* out) {
    size_t i = 0;
    while (i < tmpl.size()) {
      const char c = tmpl[i];
      if (c == '{') {
        const size_t close = tmpl.find('}', i);
        const size_t before = out->size();
        Slot(tmpl.substr(i + 1, close - i - 1), out);
        i = close + 1;
        if (out->size() == before && !out->empty() && out->back() == ' ' &&
            (i == tmpl.size() || tmpl[i] == ' ' || tmpl[i] == '.' ||
             tmpl[i] == ',' || tmpl.substr(i, 2) == "\xD8\x8C")) {
          out->pop_back();
        }
      } else if (c == '[' || c == '<') {
        const char end = c == '[' ? ']' : '>';
        size_t bar = i + 1;
        int depth = 0;
        while (tmpl[bar] != '|' || depth != 0) {
          if (tmpl[bar] == '{') ++depth;
          if (tmpl[bar] == '}') --depth;
          ++bar;
        }
        const size_t close = tmpl.find(end, bar);
        const bool fem = c == '[' ? person_fem_ : metric_->fem;
        Expand(fem ? tmpl.substr(bar + 1, close - bar - 1)
                   : tmpl.substr(i + 1, bar - i - 1),
               out);
        i = close + 1;
      } else {
        out->push_back(c);
        ++i;
      }
    }
  }

  void Latin(std::string_view text, std::string* out) {
    if (arabic() && rng_.Chance(150)) AppendUtf8(kLrm, out);
    out->append(text);
    if (arabic() && rng_.Chance(200)) AppendUtf8(kRlm, out);
  }

  // A foreign name of the sentence person's gender: "Arabic|Latin|m" or
  // "Arabic|Latin|f" in the lexicon. Sets *latin to the Latin spelling.
  std::string_view ForeignName(std::string_view* latin) {
    std::string_view entry = Choose(lex_.foreign_names);
    for (int attempt = 0; attempt < 8 && (entry.back() == 'f') != person_fem_;
         ++attempt) {
      entry = Choose(lex_.foreign_names);
    }
    const size_t bar = entry.find('|');
    const size_t bar2 = entry.find('|', bar + 1);
    *latin = entry.substr(bar + 1, bar2 - bar - 1);
    return entry.substr(0, bar);
  }

  void Person(std::string* out) {
    if (rng_.Chance(60)) {
      std::string_view latin;
      const std::string_view name = ForeignName(&latin);
      out->append(arabic() ? name : latin);
      return;
    }
    out->append(person_fem_ ? Choose(lex_.female_first)
                            : Choose(lex_.male_first));
    out->push_back(' ');
    out->append(Choose(lex_.family));
  }

  void Object(std::string_view prep, std::string* out) {
    if (!prep.empty()) {
      if (prep.back() == '~') {
        out->append(prep.substr(0, prep.size() - 1));
      } else {
        out->append(prep);
        out->push_back(' ');
      }
    }
    Expand(Choose(lex_.verbal_nouns), out);
    out->push_back(' ');
    NounPhrase(out);
  }

  void NounPhrase(std::string* out) {
    if (cat_.noun_phrases.size > 0 && rng_.Chance(750)) {
      Expand(Choose(cat_.noun_phrases), out);
    } else {
      Expand(Choose(lex_.noun_phrases), out);
    }
  }

  // Subject-verb-object clause in the present ("the ministry plans to ...").
  void Proposition(std::string* out) {
    const Noun& subject = ChooseNoun(cat_.subjects, lex_.subjects, 650);
    const ActionVerb& verb = Choose(lex_.action_verbs);
    out->append(subject.text);
    out->push_back(' ');
    out->append(subject.fem ? verb.present_f : verb.present_m);
    out->push_back(' ');
    Object(verb.prep, out);
  }

  // Past-tense clause: verb-subject-object in Arabic, subject first in
  // English. With `had`, the Arabic pluperfect "وكان ... قد".
  void PastClause(bool had, std::string* out) {
    const Noun& subject = ChooseNoun(cat_.subjects, lex_.subjects, 650);
    const ActionVerb& verb = Choose(lex_.action_verbs);
    const std::string_view past = subject.fem ? verb.past_f : verb.past_m;
    if (arabic()) {
      if (had) {
        out->append(subject.fem ? "وكانت " : "وكان ");
        out->append(subject.text);
        out->append(" قد ");
        out->append(past);
      } else {
        out->append(past);
        out->push_back(' ');
        out->append(subject.text);
      }
    } else {
      if (had) out->append("earlier, ");
      out->append(subject.text);
      out->push_back(' ');
      out->append(past);
    }
    out->push_back(' ');
    Object(verb.prep, out);
  }

  void Percent(std::string* out) {
    AppendNumber(rng_.Between(1, 60), out);
    if (rng_.Chance(350)) {
      out->push_back('.');
      AppendNumber(rng_.Between(1, 9), out);
    }
    if (style_.spelled_percent) {
      out->push_back(' ');
      out->append(Choose(lex_.percent_words));
    } else {
      out->push_back('%');
    }
  }

  void Money(std::string* out) {
    const bool billions = rng_.Chance(350);
    if (arabic()) {
      if (billions) {
        AppendNumber(rng_.Between(1, 9), out);
        out->push_back('.');
        AppendNumber(rng_.Between(1, 9), out);
        out->append(" مليار ");
      } else {
        AppendNumber(rng_.Between(11, 950), out);
        out->append(" مليون ");
      }
      out->append(Choose(lex_.currencies));
      return;
    }
    if (rng_.Chance(500)) {
      out->push_back('$');
      AppendNumber(rng_.Between(2, 950), out);
      out->append(billions ? " billion" : " million");
      return;
    }
    AppendNumber(rng_.Between(2, 950), out);
    out->append(billions ? " billion " : " million ");
    out->append(Choose(lex_.currencies));
  }

  void Date(std::string* out) {
    const int day = rng_.Between(1, 28);
    const int month = static_cast<int>(rng_.Below(12));
    const int year = rng_.Between(2016, 2026);
    const std::string_view name = lex_.months[style_.month_style][month];
    if (arabic()) {
      if (rng_.Chance(150)) {
        AppendNumber(day, out);
        out->push_back('/');
        AppendNumber(month + 1, out);
        out->push_back('/');
      } else {
        AppendNumber(day, out);
        out->push_back(' ');
        out->append(name);
        out->push_back(' ');
      }
    } else if (style_.month_style == 2) {
      AppendNumber(day, out);
      out->push_back(' ');
      out->append(name);
      out->push_back(' ');
    } else {
      out->append(name);
      out->push_back(' ');
      AppendNumber(day, out);
      out->append(", ");
    }
    AppendNumber(year, out);
  }

  void QuoteMark(bool open, std::string* out) {
    static constexpr std::string_view kArabicMarks[3][2] = {
        {"“", "”"}, {"«", "»"}, {"\"", "\""}};
    static constexpr std::string_view kEnglishMarks[3][2] = {
        {"“", "”"}, {"\"", "\""}, {"\"", "\""}};
    const auto& marks = arabic() ? kArabicMarks : kEnglishMarks;
    out->append(marks[style_.quote_style][open ? 0 : 1]);
  }

  void AcronymOrg(std::string* out) {
    const std::string_view pair = Choose(lex_.latin_orgs);
    const size_t bar = pair.find('|');
    out->append(pair.substr(0, bar));
    if (rng_.Chance(650)) {
      out->append(" (");
      Latin(pair.substr(bar + 1), out);
      out->push_back(')');
    }
  }

  void Dateline(std::string* out) {
    const size_t start = out->size();
    Expand(Choose(lookup("city")), out);
    if (!arabic() && style_.dateline_style != 3) {
      for (size_t i = start; i < out->size(); ++i) {
        char& c = (*out)[i];
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      }
    }
    static constexpr std::string_view kArabicSeparators[4] = {
        " – ", " - ", " (وكالات) – ", ": "};
    static constexpr std::string_view kEnglishSeparators[4] = {
        " — ", " (Staff) - ", " - ", ": "};
    out->append(arabic() ? kArabicSeparators[style_.dateline_style]
                         : kEnglishSeparators[style_.dateline_style]);
  }

  // The named list, category lists first; an empty span if there is none.
  Span<std::string_view> lookup(std::string_view name) const {
    for (const ListSlot& list : cat_.lists) {
      if (list.name == name) return list.items;
    }
    for (const ListSlot& list : lex_.lists) {
      if (list.name == name) return list.items;
    }
    return Span<std::string_view>{nullptr, 0};
  }

  void Slot(std::string_view name, std::string* out) {
    if (name == "person") {
      Person(out);
    } else if (name == "role") {
      const Gendered& role = cat_.roles.size > 0 && rng_.Chance(650)
                                 ? Choose(cat_.roles)
                                 : Choose(lex_.roles);
      Expand(person_fem_ ? role.f : role.m, out);
    } else if (name == "say") {
      out->append(person_fem_ ? say_->f : say_->m);
    } else if (name == "comp") {
      out->append(say_->comp);
    } else if (name == "prop") {
      Proposition(out);
    } else if (name == "vso") {
      PastClause(false, out);
    } else if (name == "had") {
      PastClause(true, out);
    } else if (name == "subject") {
      out->append(ChooseNoun(cat_.subjects, lex_.subjects, 650).text);
    } else if (name == "masdar") {
      Expand(Choose(lex_.verbal_nouns), out);
    } else if (name == "np") {
      NounPhrase(out);
    } else if (name == "adj") {
      Expand(Choose(lex_.adjuncts), out);
    } else if (name == "metric") {
      out->append(metric_->text);
    } else if (name == "rise") {
      out->append(metric_->fem ? change_->past_f : change_->past_m);
    } else if (name == "will_rise") {
      out->append(metric_->fem ? change_->present_f : change_->present_m);
    } else if (name == "pct") {
      Percent(out);
    } else if (name == "num") {
      AppendNumber(rng_.Between(11, 99), out);
    } else if (name == "small") {
      AppendNumber(rng_.Between(3, 9), out);
    } else if (name == "count") {
      AppendNumber(rng_.Between(11, 950), out);
      const std::string_view word = Choose(lex_.thousand);
      if (arabic()) out->push_back(' ');
      out->append(word);
    } else if (name == "index") {
      AppendNumber(rng_.Between(1000, 14999), out);
      out->push_back('.');
      AppendNumber(rng_.Between(10, 99), out);
    } else if (name == "temp") {
      AppendNumber(rng_.Between(38, 51), out);
    } else if (name == "minute") {
      AppendNumber(rng_.Between(2, 90), out);
    } else if (name == "score") {
      AppendNumber(rng_.Between(0, 4), out);
      out->append(rng_.Chance(500) ? "-" : " - ");
      AppendNumber(rng_.Between(0, 3), out);
    } else if (name == "money") {
      Money(out);
    } else if (name == "year") {
      AppendNumber(rng_.Between(2016, 2026), out);
    } else if (name == "date") {
      Date(out);
    } else if (name == "weekday") {
      out->append(Choose(lex_.weekdays));
    } else if (name == "month") {
      out->append(Choose(lex_.months[style_.month_style]));
    } else if (name == "currency") {
      out->append(Choose(lex_.currencies));
    } else if (name == "quote") {
      QuoteMark(true, out);
      Expand(Choose(lex_.quotes), out);
      QuoteMark(false, out);
    } else if (name == "quote_plain") {
      Expand(Choose(lex_.quotes), out);
    } else if (name == "qopen" || name == "qclose") {
      QuoteMark(name == "qopen", out);
    } else if (name == "foreign") {
      std::string_view latin;
      const std::string_view foreign = ForeignName(&latin);
      if (arabic()) {
        out->append(foreign);
        if (rng_.Chance(300)) {
          out->append(" (");
          Latin(latin, out);
          out->push_back(')');
        }
      } else {
        out->append(latin);
      }
    } else if (name == "acronym_org") {
      AcronymOrg(out);
    } else if (name == "brand") {
      Latin(Choose(lex_.brands), out);
    } else {
      const Span<std::string_view> list = lookup(name);
      if (list.size == 0) {
        // An unknown slot is a lexicon bug; leave it visible so that the
        // tests, which reject braces in the output, catch it.
        out->push_back('{');
        out->append(name);
        out->push_back('}');
        return;
      }
      Expand(Choose(list), out);
    }
  }

  const Lexicon& lex_;
  const CategoryLexicon& cat_;
  const StoryStyle& style_;
  Rng& rng_;
  std::vector<const void*>& story_templates_;
  std::vector<const void*> used_;
  std::string sentence_;
  bool person_fem_ = false;
  const SayVerb* say_ = nullptr;
  const Noun* metric_ = nullptr;
  const ChangeVerb* change_ = nullptr;
};

const Lexicon& LexiconFor(Language language) {
  return language == Language::kArabic ? ArabicLexicon() : EnglishLexicon();
}

}  // namespace

int StoryCategory(uint64_t story_seed) {
  return ReadStyle(story_seed).category;
}

Story MakeStory(Language language, uint64_t story_seed) {
  const StoryStyle style = ReadStyle(story_seed);
  const Lexicon& lex = LexiconFor(language);
  Story story;
  story.category = style.category;
  std::vector<const void*> templates;
  {
    Rng rng(Mix(story_seed, kTitleStream));
    Writer(lex, style, &rng, &templates).Title(&story.title);
  }
  templates.clear();
  story.paragraphs.resize(static_cast<size_t>(style.paragraphs));
  for (int p = 0; p < style.paragraphs; ++p) {
    Rng rng(Mix(story_seed, kParagraphStream + static_cast<uint64_t>(p)));
    Writer(lex, style, &rng, &templates)
        .Paragraph(p == 0, 0, &story.paragraphs[p]);
  }
  return story;
}

std::string StoryLead(Language language, uint64_t story_seed,
                      size_t min_bytes) {
  const StoryStyle style = ReadStyle(story_seed);
  Rng rng(Mix(story_seed, kParagraphStream));
  std::string lead;
  std::vector<const void*> templates;
  Writer(LexiconFor(language), style, &rng, &templates)
      .Paragraph(true, min_bytes == 0 ? 1 : min_bytes, &lead);
  return lead;
}

std::string StandaloneParagraph(Language language, uint64_t seed,
                                int category) {
  StoryStyle style = ReadStyle(seed);
  style.category = category;
  Rng rng(Mix(seed, kStandaloneStream));
  std::string paragraph;
  std::vector<const void*> templates;
  Writer(LexiconFor(language), style, &rng, &templates)
      .Paragraph(false, 0, &paragraph);
  return paragraph;
}

}  // namespace safi::corpus::internal
