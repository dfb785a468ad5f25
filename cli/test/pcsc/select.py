#!/usr/bin/env python3
"""A PC/SC terminal program for the vpcd test: waits for the card in the "Virtual PCD" reader,
selects PPSE, then every AID it lists, runs GET PROCESSING OPTIONS on the first one with its PDOL
filled from the terminal data given as JSON ({"9F02": "000000001250", ...}; missing tags are
zeros), reads every record its AFL (94) lists, runs GENERATE AC (ARQC) with the CDOL1 of the records
when GPO gave no cryptogram, asks GET DATA for the CPLC (9F7F), then selects an AID the card does not
have, and prints the exchanges as JSON: {"reader", "atr", "exchanges": [{"c": hex, "r": hex}]}.
Usage: select.py [reader-name-part] [terminal-data-json]"""
import json
import sys
import time

from smartcard.System import readers
from smartcard.Exceptions import CardConnectionException, NoCardException

PPSE = bytes.fromhex("325041592E5359532E4444463031")
UNKNOWN_AID = bytes.fromhex("A0000000999999")


def select(aid):
    return [0x00, 0xA4, 0x04, 0x00, len(aid)] + list(aid) + [0x00]


def tlv_items(data):
    """(tag, value) of each BER-TLV object, depth first, into constructed templates."""
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
        value = bytes(data[p:p + n])
        p += n
        first = tag
        while first > 0xFF:
            first >>= 8
        out.append((tag, value))
        if first & 0x20:
            out.extend(tlv_items(value))
    return out


def dol_entries(dol):
    """(tag, length) pairs of a data object list."""
    out, p = [], 0
    while p < len(dol):
        tag = dol[p]
        p += 1
        if tag & 0x1F == 0x1F:
            while dol[p] & 0x80:
                tag = (tag << 8) | dol[p]
                p += 1
            tag = (tag << 8) | dol[p]
            p += 1
        out.append((tag, dol[p]))
        p += 1
    return out


def aids(data):
    return [v for t, v in tlv_items(data) if t == 0x4F]


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

    terminal = {int(k, 16): bytes.fromhex(v) for k, v in json.loads(sys.argv[2]).items()} if len(sys.argv) > 2 else {}
    data, sw = tx(select(PPSE))
    listed = aids(data) if sw == 0x9000 else []
    for aid in listed:
        tx(select(aid))
    def dol_data(dol):
        return b"".join(terminal.get(t, bytes(n))[:n].rjust(n, b"\0") for t, n in dol_entries(dol))

    if listed:
        fci, sw = tx(select(listed[0]))
        pdol = dict(tlv_items(fci)).get(0x9F38)
        if sw == 0x9000 and pdol is not None:
            body = dol_data(pdol)
            gpo, sw = tx([0x80, 0xA8, 0x00, 0x00, len(body) + 2, 0x83, len(body)] + list(body) + [0x00])
            card = dict(tlv_items(gpo)) if sw == 0x9000 else {}
            afl = card.get(0x94, b"")
            for i in range(0, len(afl) - 3, 4):
                for rec in range(afl[i + 1], afl[i + 2] + 1):
                    data, sw = tx([0x00, 0xB2, rec, afl[i] | 0x04, 0x00])
                    if sw == 0x9000:
                        for t, v in tlv_items(data):
                            card.setdefault(t, v)
            if 0x9F26 not in card and 0x8C in card:
                body = dol_data(card[0x8C])
                tx([0x80, 0xAE, 0x80, 0x00, len(body)] + list(body) + [0x00])
    tx([0x80, 0xCA, 0x9F, 0x7F, 0x00])
    tx(select(UNKNOWN_AID))
    print(json.dumps({"reader": str(reader), "atr": bytes(conn.getATR()).hex().upper(), "exchanges": exchanges}))
    conn.disconnect()


main()
