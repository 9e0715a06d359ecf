// SPDX-License-Identifier: Apache-2.0
// C++ consumer of an installed safi: calls every function of the C++ API
// (so a missing export fails the link) and checks a known Arabic string
// one-shot, into a buffer and as a stream; exits 1 on any mismatch.
#include <safi/normalizer.h>
#include <safi/safi.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace {

// Hamza alef, harakat, two spaces, teh marbuta, lam-alef ligature U+FEF7,
// Arabic-Indic digits, CRLF, alef maksura; and its search-profile form.
constexpr std::string_view kInput = "أَحْمَدُ  فاطِمَةُ ﻷ ١٢٣\r\nبنى";
constexpr std::string_view kExpected = "احمد فاطمه لا 123\nبني";

int failures = 0;

// Counts and reports a failed expectation.
void Expect(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "FAILED: %s\n", what);
  ++failures;
}

}  // namespace

int main() {
  Expect(std::strcmp(safi::Version(), safi_version()) == 0, "Version");
  Expect(std::strcmp(safi::UnicodeVersion(), "15.0.0") == 0, "UnicodeVersion");

  safi::Profile profile;
  Expect(safi::ParseProfile("search", &profile), "ParseProfile");
  Expect(std::string_view(safi::ProfileName(profile)) == "search",
         "ProfileName");
  Expect(safi::ProfileVersion(profile) >= 1, "ProfileVersion");
  Expect(safi::AllProfiles().size() == 5, "AllProfiles");
  Expect(!safi::Operations().empty(), "Operations");
  const safi::Options options = safi::ProfileOptions(profile);
  Expect((options.operations & safi::kFoldAlef) != 0, "ProfileOptions");

  const safi::Normalizer by_profile(profile);
  const safi::Normalizer by_options(options);
  std::string out;
  safi::Status status = by_profile.Normalize(kInput, &out);
  Expect(status.ok() && out == kExpected, "Normalize(string_view)");

  std::vector<char> buffer(safi::Normalizer::MaxOutputSize(kInput.size()));
  size_t len = 0;
  status = by_options.Normalize(kInput.data(), kInput.size(), buffer.data(),
                                buffer.size(), &len);
  Expect(status.ok() && std::string_view(buffer.data(), len) == kExpected,
         "Normalize(buffer)");

  safi::Normalizer::Stream stream(by_profile);
  std::string streamed;
  for (size_t pos = 0; pos < kInput.size(); pos += 5) {
    Expect(stream.Write(kInput.substr(pos, 5), &streamed).ok(), "Write");
  }
  Expect(stream.Finish(&streamed).ok() && streamed == kExpected, "Stream");

  size_t error_offset = 0;
  Expect(safi::ValidateUtf8(kInput, &error_offset), "ValidateUtf8");
  Expect(!safi::ValidateUtf8("ab\xFF", &error_offset) && error_offset == 2,
         "ValidateUtf8 offset");

  std::printf("safi %s (Unicode %s): %s\n", safi::Version(),
              safi::UnicodeVersion(), failures == 0 ? "ok" : "FAILED");
  return failures == 0 ? 0 : 1;
}
