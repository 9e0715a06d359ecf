# SPDX-License-Identifier: Apache-2.0
# --version prints "safi X.Y.Z (Unicode 15.0.0)" on one line.
"$SAFI" --version
