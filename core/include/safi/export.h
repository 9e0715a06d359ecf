// SPDX-License-Identifier: Apache-2.0
// SAFI_API marks the symbols of the public C and C++ API; the library is
// compiled with hidden visibility, so everything else stays internal.
#ifndef SAFI_EXPORT_H_
#define SAFI_EXPORT_H_

#if defined(__GNUC__) || defined(__clang__)
#define SAFI_API __attribute__((visibility("default")))
// Marks a member class of an exported class (e.g. a pimpl) as internal.
#define SAFI_HIDDEN __attribute__((visibility("hidden")))
#else
#define SAFI_API
#define SAFI_HIDDEN
#endif

#endif  // SAFI_EXPORT_H_
