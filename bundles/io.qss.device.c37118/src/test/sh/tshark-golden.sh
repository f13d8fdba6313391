#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Prints what Wireshark's C37.118 dissector reports for every data frame of a capture, one value a line, in the form
# TsharkGolden reads. Regenerate a golden file with
#   src/test/sh/tshark-golden.sh src/test/resources/c37118/X.pcap | gzip -9n > src/test/resources/c37118/X.tshark.gz
# Lines: D idcode|soc text|fracsec raw (a data frame), q/b bit patterns of the time-quality byte and of STAT,
# S station, P magnitude angle(deg), F frequency(Hz), R dfreq(Hz/s), A analog, W digital word.
set -eu
[ $# -eq 1 ] || { echo "usage: $0 CAPTURE.pcap" >&2; exit 2; }
tshark -r "$1" -o tcp.desegment_tcp_streams:TRUE -d tcp.port==4712,synphasor -d udp.port==4712,synphasor \
    -O synphasor 2>/dev/null | awk '
function rest(s, prefix) { sub(".*" prefix, "", s); return s }
/^[^ ]/ { inData = ($0 ~ /^IEEE C37.118 Synchrophasor Protocol, Data Frame/) ; next }
!inData { next }
/PMU\/DC ID number \(Stream source ID\): / { id = $NF; next }
/SOC time stamp: / { soc = rest($0, "SOC time stamp: "); next }
/Leap second|Message Time Quality indicator/ { s = $0; sub(/^ +/, "", s); print "q " substr(s, 1, 9); next }
/Fraction of second \(raw\): / { print "D " id "|" soc "|" $NF; next }
/^ +Station: "/ { s = rest($0, "Station: \""); sub(/"$/, "", s); sub(/ +$/, "", s); print "S " s; next }
/= (Data error|Time synchronized|Data sorting|Trigger detected|Configuration changed|Data modified indicator|PMU Time Quality|Unlocked time|Trigger reason):/ {
    s = $0; sub(/^ +/, "", s); print "b " substr(s, 1, 19); next }
/Phasor #[0-9]+: "/ { s = rest($0, "\", *"); sub(/ alt .*/, "", s); gsub(/[VA]? *∠ */, " ", s); gsub(/°/, "", s);
    print "P " s; next }
/Frequency deviation from nominal: / { s = rest($0, "actual frequency: "); sub(/Hz\)$/, "", s); print "F " s; next }
/Actual frequency value: / { s = rest($0, "Actual frequency value: "); sub(/Hz$/, "", s); print "F " s; next }
/Rate of change of frequency: / { s = rest($0, "Rate of change of frequency: "); sub(/Hz\/s$/, "", s); print "R " s; next }
/Analog value #[0-9]+: "/ { s = rest($0, "\", *"); print "A " s; next }
/Digital status word #[0-9]+: / { print "W " $NF; next }
'
