#!/usr/bin/env python3
"""A PC/SC terminal program for the vpcd test: waits for the card in the "Virtual PCD" reader,
selects PPSE, then every AID it lists, then an AID the card does not have, and prints the
exchanges as JSON: {"reader", "atr", "exchanges": [{"c": hex, "r": hex}]}."""
import json
import sys
import time

from smartcard.System import readers
from smartcard.Exceptions import CardConnectionException, NoCardException

PPSE = bytes.fromhex("325041592E5359532E4444463031")
UNKNOWN_AID = bytes.fromhex("A0000000999999")


def select(aid):
    return [0x00, 0xA4, 0x04, 0x00, len(aid)] + list(aid) + [0x00]


def aids(data):
    """AIDs (tag 4F) anywhere in a BER-TLV byte string, walking into constructed templates."""
    out, p = [], 0
    while p < len(data):
        tag = data[p]
        p += 1
        if tag & 0x1F == 0x1F:
            while data[p] & 0x80:
                tag = (tag << 8) | data[p]
                p += 1
            tag = (tag << 8) | data[p]
            p += 1
        n = data[p]
        p += 1
        if n & 0x80:
            k, n = n & 0x7F, 0
            for _ in range(k):
                n = (n << 8) | data[p]
                p += 1
        value = data[p:p + n]
        p += n
        first = tag
        while first > 0xFF:
            first >>= 8
        if tag == 0x4F:
            out.append(bytes(value))
        elif first & 0x20:
            out.extend(aids(value))
    return out


def connect(name_part, timeout):
    deadline = time.time() + timeout
    last = "no reader"
    while time.time() < deadline:
        for r in readers():
            if name_part in str(r):
                try:
                    c = r.createConnection()
                    c.connect()
                    return r, c
                except (NoCardException, CardConnectionException) as e:
                    last = str(e)
        time.sleep(0.2)
    raise SystemExit(f"no card in a '{name_part}' reader after {timeout}s: {last}")


def main():
    reader, conn = connect(sys.argv[1] if len(sys.argv) > 1 else "Virtual PCD", 15)
    exchanges = []

    def tx(apdu):
        data, sw1, sw2 = conn.transmit(apdu)
        exchanges.append({"c": bytes(apdu).hex().upper(), "r": (bytes(data) + bytes([sw1, sw2])).hex().upper()})
        return bytes(data), (sw1 << 8) | sw2

    data, sw = tx(select(PPSE))
    if sw == 0x9000:
        for aid in aids(data):
            tx(select(aid))
    tx(select(UNKNOWN_AID))
    print(json.dumps({"reader": str(reader), "atr": bytes(conn.getATR()).hex().upper(), "exchanges": exchanges}))
    conn.disconnect()


main()
