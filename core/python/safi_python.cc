// SPDX-License-Identifier: Apache-2.0
// The `safi` Python module (pybind11): normalize str or bytes with a profile
// or with explicit options, one-shot or as a stream; remove boilerplate lines
// and duplicate documents from a list of documents.
#include <Python.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "safi/dedup.h"
#include "safi/normalizer.h"

namespace py = pybind11;

namespace {

// Profile for a name; raises ValueError naming the valid ones.
safi::Profile ProfileFromName(const std::string& name) {
  safi::Profile profile;
  if (safi::ParseProfile(name, &profile)) return profile;
  std::string names;
  for (safi::Profile p : safi::AllProfiles()) {
    if (!names.empty()) names += ", ";
    names += safi::ProfileName(p);
  }
  throw py::value_error("unknown profile '" + name + "' (expected one of " +
                        names + ")");
}

safi::Form FormFromName(const std::string& name) {
  if (name == "nfc") return safi::Form::kNfc;
  if (name == "nfkc") return safi::Form::kNfkc;
  throw py::value_error("unknown form '" + name + "' (expected nfc or nfkc)");
}

safi::InvalidUtf8 InvalidFromName(const std::string& name) {
  if (name == "replace") return safi::InvalidUtf8::kReplace;
  if (name == "error") return safi::InvalidUtf8::kError;
  throw py::value_error("unknown invalid mode '" + name +
                        "' (expected replace or error)");
}

// Bitmask of operation names; raises ValueError for an unknown name.
uint32_t OperationsFromNames(const std::vector<std::string>& names) {
  uint32_t bits = 0;
  for (const std::string& name : names) {
    bool found = false;
    for (const safi::OperationInfo& info : safi::Operations()) {
      if (name == info.name) {
        bits |= info.operation;
        found = true;
        break;
      }
    }
    if (!found) throw py::value_error("unknown operation '" + name + "'");
  }
  return bits;
}

// Names of the operations in bits, in priority order.
std::vector<std::string> OperationNames(uint32_t bits) {
  std::vector<std::string> names;
  for (const safi::OperationInfo& info : safi::Operations()) {
    if (bits & info.operation) names.emplace_back(info.name);
  }
  return names;
}

// UTF-8 bytes of a str (its cached UTF-8 form, valid while text lives) or
// the contents of a bytes object. Raises TypeError for other types and
// UnicodeEncodeError for a str with lone surrogates.
std::string_view Utf8View(const py::handle& text) {
  if (PyUnicode_Check(text.ptr())) {
    Py_ssize_t size = 0;
    const char* data = PyUnicode_AsUTF8AndSize(text.ptr(), &size);
    if (data == nullptr) throw py::error_already_set();
    return std::string_view(data, static_cast<size_t>(size));
  }
  if (PyBytes_Check(text.ptr())) {
    return std::string_view(PyBytes_AS_STRING(text.ptr()),
                            static_cast<size_t>(PyBytes_GET_SIZE(text.ptr())));
  }
  throw py::type_error(
      "expected str or bytes, got " +
      std::string(py::str(py::type::of(text).attr("__name__"))));
}

// Raises UnicodeDecodeError (a ValueError) for ill-formed UTF-8 at byte
// offset of input.
[[noreturn]] void RaiseInvalidUtf8(std::string_view input, uint64_t offset) {
  const Py_ssize_t start = static_cast<Py_ssize_t>(offset);
  const Py_ssize_t size = static_cast<Py_ssize_t>(input.size());
  PyObject* error = PyUnicodeDecodeError_Create(
      "utf-8", input.data(), size, start, start < size ? start + 1 : size,
      "ill-formed UTF-8 (safi invalid='error')");
  if (error != nullptr) {
    PyErr_SetObject(PyExc_UnicodeDecodeError, error);
    Py_DECREF(error);
  }
  throw py::error_already_set();
}

// Decodes normalizer output (valid UTF-8 by contract); raises
// UnicodeDecodeError if the library broke that contract.
py::str ToStr(const std::string& utf8) {
  PyObject* str = PyUnicode_DecodeUTF8(
      utf8.data(), static_cast<Py_ssize_t>(utf8.size()), "strict");
  if (str == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(str);
}

// Normalizes the UTF-8 of text; releases the GIL while it runs (the
// normalizer is immutable and text stays referenced by the caller).
py::str Normalize(const safi::Normalizer& normalizer, const py::handle& text) {
  const std::string_view in = Utf8View(text);
  std::string out;
  safi::Status status;
  {
    py::gil_scoped_release release;
    status = normalizer.Normalize(in, &out);
  }
  if (status.code == safi::Status::kInvalidUtf8) {
    RaiseInvalidUtf8(in, status.offset);
  }
  return ToStr(out);
}

// A Normalizer::Stream that keeps its normalizer's tables alive on its own;
// one Python thread at a time (it keeps the GIL while it runs).
class Stream {
 public:
  explicit Stream(const safi::Normalizer& normalizer) : stream_(normalizer) {}

  // Feeds a chunk (str or bytes; bytes may end inside a character) and
  // returns the output that became final. In invalid='error' mode raises
  // ValueError with the stream offset of the first ill-formed byte; every
  // later call raises it again until finish().
  py::str Write(const py::handle& chunk) {
    const std::string_view in = Utf8View(chunk);
    std::string out;
    const safi::Status status = stream_.Write(in, &out);
    if (status.code == safi::Status::kInvalidUtf8) RaiseStreamError(status);
    return ToStr(out);
  }

  // Ends the text and returns the rest of the output (or raises ValueError
  // in invalid='error' mode after an error or for a dangling partial
  // character); the stream then starts a new text.
  py::str Finish() {
    std::string out;
    const safi::Status status = stream_.Finish(&out);
    if (status.code == safi::Status::kInvalidUtf8) RaiseStreamError(status);
    return ToStr(out);
  }

 private:
  // Raises ValueError naming the stream offset of status.
  [[noreturn]] static void RaiseStreamError(const safi::Status& status) {
    throw py::value_error("ill-formed UTF-8 at stream byte offset " +
                          std::to_string(status.offset));
  }

  safi::Normalizer::Stream stream_;
};

// The normalizer of a profile, built on first use and kept for the life of
// the process (building one costs far more than normalizing a short text).
// Called with the GIL held, which serializes the first use.
const safi::Normalizer& ProfileNormalizer(const std::string& name) {
  static std::array<std::unique_ptr<const safi::Normalizer>, 256> cache;
  const safi::Profile profile = ProfileFromName(name);
  std::unique_ptr<const safi::Normalizer>& slot =
      cache[static_cast<uint8_t>(profile)];
  if (!slot) slot = std::make_unique<const safi::Normalizer>(profile);
  return *slot;
}

// One document of a dedup call: the Python objects it came from and the
// UTF-8 views into them (valid while the caller's list holds them).
struct DedupInput {
  py::object record;  // the dict, or the str/bytes text itself
  py::object text;
  py::object id;  // the id as given (index for plain texts)
  std::string id_utf8;
  std::string site;
  std::string_view text_utf8;
};

// The UTF-8 of a document id: a str as is, any other value as str(value).
std::string IdUtf8(const py::handle& id) {
  if (PyUnicode_Check(id.ptr())) return std::string(Utf8View(id));
  return std::string(Utf8View(py::str(id)));
}

// Reads one element of the dedup input list; raises ValueError/TypeError
// naming the element for a missing field or a wrong type.
DedupInput ReadDedupInput(const py::handle& item, size_t index,
                          const std::string& text_field,
                          const std::string& id_field,
                          const std::string& url_field,
                          const std::optional<std::string>& site_field) {
  DedupInput in;
  in.record = py::reinterpret_borrow<py::object>(item);
  const std::string where = "document " + std::to_string(index);
  if (PyUnicode_Check(item.ptr()) || PyBytes_Check(item.ptr())) {
    in.text = in.record;
    in.id = py::int_(index);
    in.id_utf8 = std::to_string(index);
  } else if (PyDict_Check(item.ptr())) {
    const py::dict record = py::reinterpret_borrow<py::dict>(item);
    if (!record.contains(text_field)) {
      throw py::value_error(where + " has no '" + text_field + "' field");
    }
    if (!record.contains(id_field)) {
      throw py::value_error(where + " has no '" + id_field + "' field");
    }
    in.text = record[text_field.c_str()];
    in.id = record[id_field.c_str()];
    in.id_utf8 = IdUtf8(in.id);
    if (site_field) {
      if (record.contains(*site_field)) {
        in.site = Utf8View(record[site_field->c_str()]);
      }
    } else if (record.contains(url_field) &&
               !record[url_field.c_str()].is_none()) {
      in.site = safi::SiteFromUrl(Utf8View(record[url_field.c_str()]));
    }
  } else {
    throw py::type_error(
        where + ": expected a dict, str or bytes, got " +
        std::string(py::str(py::type::of(item).attr("__name__"))));
  }
  try {
    in.text_utf8 = Utf8View(in.text);
  } catch (py::type_error&) {
    throw py::type_error(where + ": text must be str or bytes");
  }
  return in;
}

// Raises ValueError for a failed dedup status, naming the document.
[[noreturn]] void RaiseDedupError(const safi::DedupStatus& status,
                                  const DedupInput& in) {
  throw py::value_error("document '" + in.id_utf8 + "': " + status.message);
}

// Number of code points in a prefix of valid UTF-8 (bytes that are not
// continuation bytes).
size_t CodePoints(std::string_view utf8) {
  size_t n = 0;
  for (const char c : utf8) n += (static_cast<uint8_t>(c) & 0xC0) != 0x80;
  return n;
}

// The report entry of one removal: the fields of `safi dedup --report`,
// with start/end in the text's own units (code points of a str, bytes of
// bytes) and byte_start/byte_end in UTF-8 bytes.
py::dict RemovalDict(const DedupInput& in, const safi::Removal& r,
                     bool text_is_str) {
  py::dict d;
  d["id"] = in.id;
  const std::string_view text = in.text_utf8;
  d["start"] = text_is_str ? CodePoints(text.substr(0, r.start)) : r.start;
  d["end"] = text_is_str ? CodePoints(text.substr(0, r.end)) : r.end;
  d["byte_start"] = r.start;
  d["byte_end"] = r.end;
  d["reason"] = safi::RemovalReasonName(r.reason);
  switch (r.reason) {
    case safi::RemovalReason::kLexicon:
      d["category"] = py::str(r.category.data(), r.category.size());
      d["phrase"] = py::str(r.phrase.data(), r.phrase.size());
      d["match"] = safi::LexiconMatchKindName(r.match);
      break;
    case safi::RemovalReason::kSiteTemplate:
      d["pages"] = r.pages;
      d["site_pages"] = r.site_pages;
      break;
    case safi::RemovalReason::kGlobal:
      d["sites"] = r.sites;
      break;
    case safi::RemovalReason::kTeaser:
      d["rule"] = safi::TeaserRuleName(r.rule);
      if (r.rule == safi::TeaserRule::kConfirmed) {
        d["source"] = py::str(r.source.data(), r.source.size());
        d["matched_words"] = r.matched_words;
      } else {
        d["block_teasers"] = r.block_teasers;
      }
      break;
    case safi::RemovalReason::kLabel:
      d["teaser_start"] = r.teaser_start;
      break;
    case safi::RemovalReason::kExactDup:
    case safi::RemovalReason::kNearDup:
      d["kept"] = py::str(r.kept.data(), r.kept.size());
      d["cluster_size"] = r.cluster_size;
      d["similarity"] = r.similarity_permille / 1000.0;
      break;
  }
  return d;
}

// safi.dedup: sketches every document, then decides each; returns (kept
// documents with cleaned text, removals). The GIL is released while the
// library works on the UTF-8 views.
py::tuple Dedup(const py::iterable& documents, const std::string& text_field,
                const std::string& id_field, const std::string& url_field,
                const std::optional<std::string>& site_field) {
  std::vector<DedupInput> inputs;
  if (py::isinstance<py::str>(documents) ||
      py::isinstance<py::bytes>(documents)) {
    throw py::type_error("documents must be a list of documents, not a text");
  }
  for (const py::handle item : documents) {
    inputs.push_back(ReadDedupInput(item, inputs.size(), text_field, id_field,
                                    url_field, site_field));
  }
  std::vector<safi::DocumentDecision> decisions(inputs.size());
  // The first failure and the document it names.
  safi::DedupStatus failure;
  size_t failed = 0;
  // Outlives the loop below: removals point into it.
  std::unique_ptr<const safi::Deduper> deduper;
  {
    py::gil_scoped_release release;
    safi::DedupSketcher sketcher;
    for (size_t i = 0; i < inputs.size() && failure.ok(); ++i) {
      failure = sketcher.Add(
          {inputs[i].id_utf8, inputs[i].site, inputs[i].text_utf8});
      failed = i;
    }
    if (failure.ok()) {
      safi::DedupState state;
      sketcher.Finish(&state);
      deduper = std::make_unique<const safi::Deduper>(std::move(state));
      for (size_t i = 0; i < inputs.size() && failure.ok(); ++i) {
        failure = deduper->Apply(
            {inputs[i].id_utf8, inputs[i].site, inputs[i].text_utf8},
            &decisions[i]);
        failed = i;
      }
    }
  }
  if (!failure.ok()) RaiseDedupError(failure, inputs[failed]);
  py::list kept;
  py::list removals;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const DedupInput& in = inputs[i];
    const safi::DocumentDecision& decision = decisions[i];
    const bool text_is_str = PyUnicode_Check(in.text.ptr());
    for (const safi::Removal& r : decision.removals) {
      removals.append(RemovalDict(in, r, text_is_str));
    }
    if (!decision.keep) continue;
    py::object text = in.text;
    if (!decision.removals.empty()) {
      std::string clean;
      safi::AppendTextWithoutRemovals(in.text_utf8, decision.removals, &clean);
      text =
          text_is_str ? py::object(ToStr(clean)) : py::object(py::bytes(clean));
    }
    if (PyDict_Check(in.record.ptr())) {
      // A shallow copy: the caller's record keeps its original text.
      PyObject* copy = PyDict_Copy(in.record.ptr());
      if (copy == nullptr) throw py::error_already_set();
      py::dict record = py::reinterpret_steal<py::dict>(copy);
      record[text_field.c_str()] = text;
      kept.append(record);
    } else {
      kept.append(text);
    }
  }
  return py::make_tuple(kept, removals);
}

const char* FormName(safi::Form form) {
  return form == safi::Form::kNfc ? "nfc" : "nfkc";
}

}  // namespace

PYBIND11_MODULE(safi, m) {
  m.doc() =
      "Exact Unicode NFC/NFKC plus Arabic folding of text (tashkeel, tatweel, "
      "alef/yeh/teh-marbuta variants, digits, presentation forms, invisible "
      "and bidi controls, whitespace); byte for byte like the ICU 72 "
      "reference.";
  m.attr("__version__") = safi::Version();
  m.attr("unicode_version") = safi::UnicodeVersion();

  m.def(
      "profiles",
      [] {
        std::vector<std::string> names;
        for (safi::Profile p : safi::AllProfiles()) {
          names.emplace_back(safi::ProfileName(p));
        }
        return names;
      },
      "Names of the profiles, the default ('search') first.");
  m.def(
      "operations", [] { return OperationNames(~uint32_t{0}); },
      "Names of every operation, in priority order.");

  py::class_<safi::Normalizer>(m, "Normalizer",
                               "Normalizes text with a fixed set of options. "
                               "Immutable; safe to share between threads.")
      .def(py::init([](const std::string& profile,
                       std::optional<std::string> form,
                       std::optional<std::vector<std::string>> operations,
                       const std::string& invalid) {
             safi::Options options =
                 safi::ProfileOptions(ProfileFromName(profile));
             if (form) options.form = FormFromName(*form);
             if (operations)
               options.operations = OperationsFromNames(*operations);
             options.invalid = InvalidFromName(invalid);
             return safi::Normalizer(options);
           }),
           py::arg("profile") = "search", py::kw_only(),
           py::arg("form") = py::none(), py::arg("operations") = py::none(),
           py::arg("invalid") = "replace",
           "Starts from the profile's options; form ('nfc' or 'nfkc') and "
           "operations (a list of names from safi.operations()) replace the "
           "profile's when given. invalid='replace' turns ill-formed UTF-8 "
           "in bytes into U+FFFD, invalid='error' raises UnicodeDecodeError.")
      .def("normalize", &Normalize, py::arg("text"),
           "Returns the normalized text of a str or of UTF-8 bytes.")
      .def(
          "stream",
          [](const safi::Normalizer& n) { return std::make_unique<Stream>(n); },
          "Returns a Stream for text that arrives in chunks.")
      .def_property_readonly(
          "form",
          [](const safi::Normalizer& n) { return FormName(n.options().form); })
      .def_property_readonly("operations",
                             [](const safi::Normalizer& n) {
                               return OperationNames(n.options().operations);
                             })
      .def_property_readonly("invalid", [](const safi::Normalizer& n) {
        return n.options().invalid == safi::InvalidUtf8::kError ? "error"
                                                                : "replace";
      });

  py::class_<Stream>(m, "Stream",
                     "Incremental normalization: the concatenated results of "
                     "write() and finish() equal Normalizer.normalize() of "
                     "the concatenated input, however it is split. Use from "
                     "one thread at a time.")
      .def("write", &Stream::Write, py::arg("chunk"),
           "Feeds a str or bytes chunk; returns the output that is final.")
      .def("finish", &Stream::Finish,
           "Ends the text; returns the rest of the output.");

  m.def(
      "normalize",
      [](const py::handle& text, const std::string& profile) {
        return Normalize(ProfileNormalizer(profile), text);
      },
      py::arg("text"), py::arg("profile") = "search",
      "Normalizes a str or UTF-8 bytes with a profile and returns a str; "
      "ill-formed UTF-8 in bytes becomes U+FFFD.");

  m.def("dedup", &Dedup, py::arg("documents"), py::kw_only(),
        py::arg("text_field") = "text", py::arg("id_field") = "id",
        py::arg("url_field") = "url", py::arg("site_field") = py::none(),
        "Removes boilerplate lines and duplicate documents, like `safi "
        "dedup`. documents: an iterable of dicts (JSONL-style records with "
        "text_field, id_field and optionally url_field, whose host is the "
        "site, or site_field naming the site directly) or of str/bytes texts "
        "(ids are their indices). Returns (kept, removals): kept is the list "
        "of kept documents in input order, each a copy of the record (or the "
        "text) with the removed lines cut out of its original text; "
        "removals is a list of dicts with the fields of `safi dedup "
        "--report` (id, start, end, reason and evidence), where start/end "
        "count code points of a str text (bytes of a bytes text) and "
        "byte_start/byte_end count UTF-8 bytes. Decisions do not depend on "
        "the order of the documents. Raises ValueError for a missing field "
        "or a duplicate id.");
}
