// SPDX-License-Identifier: Apache-2.0
// The `safi` Python module (pybind11): normalize str or bytes with a profile
// or with explicit options, one-shot or as a stream.
#include <Python.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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
}
