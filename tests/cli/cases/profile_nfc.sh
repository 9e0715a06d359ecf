# SPDX-License-Identifier: Apache-2.0
# Normalizes data/sample.txt with the nfc profile; the expected output was
# derived by hand from core/SEMANTICS.md (see data/README.md for the lines).
"$SAFI" normalize --profile nfc "$DATA/sample.txt"
