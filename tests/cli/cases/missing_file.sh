# SPDX-License-Identifier: Apache-2.0
# A missing input file is bad usage: exit 2 and one message, checked before
# anything is written (the valid file before it is not output either).
printf 'سلام\n' >good.txt
"$SAFI" normalize good.txt missing.txt
