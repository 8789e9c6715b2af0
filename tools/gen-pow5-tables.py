#!/usr/bin/env python3
"""Prints the compact power-of-5 tables of nf/src/Text/Pow5.cs.

The shortest-digits algorithm (Ryu, Ulf Adams, PLDI 2018) multiplies by 125-bit approximations of 5^i
and 2^k/5^q. A full table would take ~10 KB of device heap, so the SDK keeps one exact entry in 26 and
rebuilds the others as base * 5^b >> shift, plus a 2-bit correction stored here. The host test
Pow5MultiplierTests checks every rebuilt value against BigInteger, so this script only documents how the
numbers were made; rerun it if the scheme changes.
"""

BITS = 125          # precision of the multipliers
SPLIT_MAX = 325     # largest i = -e2 - q for doubles (e2 < 0)
INV_MAX = 290       # largest q for doubles (e2 >= 0)
STEP = 26           # 5^25 < 2^63: one 64-bit factor covers the gap between bases


def pow5bits(e):
    return ((e * 1217359) >> 19) + 1


def split(i):   # floor(5^i / 2^(pow5bits(i) - BITS)), i.e. the top BITS bits of 5^i
    p, b = 5 ** i, pow5bits(i)
    return p >> (b - BITS) if b >= BITS else p << (BITS - b)


def inv(q):     # floor(2^(pow5bits(q) - 1 + BITS) / 5^q) + 1
    return (1 << (pow5bits(q) - 1 + BITS)) // 5 ** q + 1


for e in range(1, 3529):
    assert pow5bits(e) == (5 ** e).bit_length()

split_base = [split(STEP * a) for a in range(SPLIT_MAX // STEP + 1)]
inv_base = [inv(STEP * a) - 1 for a in range((INV_MAX + STEP - 1) // STEP + 1)]

split_corr = []
for i in range(SPLIT_MAX + 1):
    a, b = divmod(i, STEP)
    split_corr.append(split(i) - ((split_base[a] * 5 ** b) >> (pow5bits(i) - pow5bits(STEP * a))))
inv_corr = []
for q in range(INV_MAX + 1):
    a = (q + STEP - 1) // STEP
    b = STEP * a - q
    inv_corr.append(inv(q) - ((inv_base[a] * 5 ** b) >> (pow5bits(STEP * a) - pow5bits(q))))
assert all(0 <= c <= 3 for c in split_corr + inv_corr)


def pairs(values):
    return ",\n".join("            0x%016XUL, 0x%016XUL" % (v & (2 ** 64 - 1), v >> 64) for v in values)


def packed(corrections):
    words = []
    for n in range(0, len(corrections), 16):
        w = 0
        for k, c in enumerate(corrections[n:n + 16]):
            w |= c << (2 * k)
        words.append("0x%08Xu" % w)
    return ",\n".join("            " + ", ".join(words[n:n + 6]) for n in range(0, len(words), 6))


print("        private static readonly ulong[] s_pow5Base = new ulong[]\n        {\n" + pairs(split_base) + "\n        };\n")
print("        private static readonly ulong[] s_pow5InvBase = new ulong[]\n        {\n" + pairs(inv_base) + "\n        };\n")
print("        private static readonly uint[] s_pow5Correction = new uint[]\n        {\n" + packed(split_corr) + "\n        };\n")
print("        private static readonly uint[] s_pow5InvCorrection = new uint[]\n        {\n" + packed(inv_corr) + "\n        };\n")
print("        private static readonly ulong[] s_pow5Small = new ulong[]\n        {\n" +
      ",\n".join("            " + ", ".join("%dUL" % 5 ** b for b in range(n, min(n + 4, STEP))) for n in range(0, STEP, 4)) + "\n        };")
