// SPDX-License-Identifier: Apache-2.0
// The production library against core/SEMANTICS.md directly: the hand-checked
// vectors (normalization.md anchors and spec examples), the profile table and
// the operation names and priority order.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "differential_util.h"
#include "icu_reference.h"
#include "spec_vectors.h"

namespace safi::differential {
namespace {

TEST(SpecTest, VectorsOfNormalizationMdAndSemantics) {
  int checked = 0;
  for (const auto& v : spec_vectors::kSpecVectors) {
    const Normalizer normalizer(v.profile);
    EXPECT_TRUE(SameOutcome(
        ProfileLabel(v.profile) + " vector (" + v.source + ")", v.input,
        Outcome{true, v.expected, 0}, Production(normalizer, v.input)));
    ++checked;
  }
  EXPECT_GE(checked, 100);
}

TEST(SpecTest, NulIsAnOrdinaryCharacter) {
  const std::string in("a\0\xD9\x8E\0", 5);
  for (const Profile profile : TestProfiles()) {
    const Normalizer normalizer(profile);
    EXPECT_TRUE(SameOutcome(
        ProfileLabel(profile) + " NUL", in,
        Reference(in, icu_reference::ReferenceProfileOptions(profile)),
        Production(normalizer, in)));
  }
}

TEST(SpecTest, ProfileTable) {
  for (const Profile profile : TestProfiles()) {
    const Options want = icu_reference::ReferenceProfileOptions(profile);
    const Options got = ProfileOptions(profile);
    EXPECT_EQ(got.form, want.form) << ProfileLabel(profile);
    EXPECT_EQ(got.operations, want.operations) << ProfileLabel(profile);
    EXPECT_EQ(got.invalid, InvalidUtf8::kReplace) << ProfileLabel(profile);
    EXPECT_EQ(Normalizer(profile).options().operations, want.operations);
    EXPECT_EQ(ProfileName(profile), ProfileLabel(profile));
    Profile parsed = Profile::kNfc;
    EXPECT_TRUE(ParseProfile(ProfileLabel(profile), &parsed));
    EXPECT_EQ(parsed, profile);
  }
  Profile parsed;
  EXPECT_FALSE(ParseProfile("Search", &parsed));
  EXPECT_FALSE(ParseProfile("", &parsed));
  EXPECT_EQ(Normalizer().options().operations,
            icu_reference::ReferenceProfileOptions(Profile::kSearch).operations)
      << "the default profile is search";
  const std::vector<Profile> all = AllProfiles();
  EXPECT_EQ(std::set<Profile>(all.begin(), all.end()).size(), 5u);
  EXPECT_EQ(all.size(), 5u);
}

TEST(SpecTest, OperationNamesInPriorityOrder) {
  struct Expected {
    Operation operation;
    const char* name;
  };
  const Expected expected[] = {
      {kRemoveTatweel, "remove_tatweel"},
      {kRemoveHarakat, "remove_harakat"},
      {kRemoveQuranicMarks, "remove_quranic_marks"},
      {kRemoveBidiInvisible, "remove_bidi_invisible"},
      {kRemoveZwnjZwj, "remove_zwnj_zwj"},
      {kZwnjToSpace, "zwnj_to_space"},
      {kFoldAlef, "fold_alef"},
      {kFoldAlefMaksura, "fold_alef_maksura"},
      {kFoldTehMarbuta, "fold_teh_marbuta"},
      {kFoldPersianLetters, "fold_persian_letters"},
      {kFoldDigits, "fold_digits"},
      {kFoldHamzaSeats, "fold_hamza_seats"},
      {kPresentationForms, "presentation_forms"},
      {kPunctuationSymbolsToSpace, "punctuation_symbols_to_space"},
      {kCaseFold, "case_fold"},
      {kLineBreaks, "line_breaks"},
      {kCollapseWhitespace, "collapse_whitespace"},
  };
  const auto& infos = Operations();
  ASSERT_EQ(infos.size(), sizeof(expected) / sizeof(expected[0]));
  for (size_t i = 0; i < infos.size(); ++i) {
    EXPECT_EQ(infos[i].operation, expected[i].operation) << i;
    EXPECT_STREQ(infos[i].name, expected[i].name) << i;
    EXPECT_NE(std::string(infos[i].description), "") << expected[i].name;
  }
}

}  // namespace
}  // namespace safi::differential
