#!/usr/bin/env python3
"""Compare a vmnetwatch JSON report with tcpdump's reference decode.

Usage: compare-tcpdump.py REFERENCE.out REPORT.json
Prints one line per disagreement and exits 1 if there is any. Compares
what both tools decode: per (xid, client MAC), the count of each DHCP
message type and the address offered or assigned, and the packet total.
"""
import json
import re
import sys

TYPES = {"Discover": "discover", "Offer": "offer", "Request": "request",
         "ACK": "ack", "NACK": "nak"}


def packets(lines):
    """Split tcpdump's -v output into one list of lines per packet."""
    current = None
    for line in lines:
        if re.match(r"^\s*\d+\s+\d{2,4}-", line):
            if current is not None:
                yield current
            current = [line]
        elif current is not None:
            current.append(line)
    if current is not None:
        yield current


def decode(packet):
    text = "\n".join(packet)
    if "BOOTP/DHCP" not in text:
        return None
    xid = re.search(r"xid (0x[0-9a-f]+)", text)
    mac = (re.search(r"Request from ([0-9a-f:]{17})", text) or
           re.search(r"Client-Ethernet-Address ([0-9a-f:]{17})", text))
    kind = re.search(r"DHCP-Message \(53\), length 1: (\w+)", text)
    yiaddr = re.search(r"Your-IP ([0-9.]+)", text)
    return {
        "xid": int(xid.group(1), 16) if xid else None,
        "mac": mac.group(1) if mac else None,
        "type": TYPES.get(kind.group(1)) if kind else None,
        "yiaddr": yiaddr.group(1) if yiaddr else None,
    }


def expected(reference):
    with open(reference, encoding="utf-8", errors="replace") as f:
        decoded = [d for d in map(decode, packets(f.read().splitlines()))
                   if d is not None]
    txns = {}
    for d in decoded:
        if d["xid"] is None or d["mac"] is None or d["type"] is None:
            continue
        t = txns.setdefault((d["xid"], d["mac"]), {
            "discover": 0, "offer": 0, "request": 0, "ack": 0, "nak": 0,
            "yiaddr": None})
        t[d["type"]] += 1
        if d["yiaddr"] and d["yiaddr"] != "0.0.0.0":
            t["yiaddr"] = d["yiaddr"]
    return len(decoded), txns


def main():
    total, want = expected(sys.argv[1])
    with open(sys.argv[2], encoding="utf-8") as f:
        report = json.load(f)
    got = {(int(t["xid"], 16), t["mac"]): t
           for t in report["dhcp"]["transactions"]}
    problems = []
    if report["dhcp"]["packets"] != total:
        problems.append("packets: tcpdump %d, vmnetwatch %d"
                        % (total, report["dhcp"]["packets"]))
    for key, w in sorted(want.items()):
        g = got.get(key)
        name = "xid 0x%x %s" % key
        if g is None:
            problems.append("%s: missing" % name)
            continue
        for field, value in w.items():
            if g.get(field) != value:
                problems.append("%s: %s tcpdump %r, vmnetwatch %r"
                                % (name, field, value, g.get(field)))
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
