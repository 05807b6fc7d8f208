/*
 * decode_utf8.c - UTF-8 validity of names (spec 5.2.4: names are UTF-8,
 * no overlong forms, no surrogates, nothing above U+10FFFF).
 */
#include "interp/decode.h"

bool wmod_utf8_valid(const uint8_t *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint8_t b = s[i];
        if (b < 0x80) {
            i++;
            continue;
        }
        uint32_t need, cp;
        if (b >= 0xc2 && b <= 0xdf) {
            need = 1;
            cp = b & 0x1f;
        } else if (b >= 0xe0 && b <= 0xef) {
            need = 2;
            cp = b & 0x0f;
        } else if (b >= 0xf0 && b <= 0xf4) {
            need = 3;
            cp = b & 0x07;
        } else {
            return false;   /* continuation byte, 0xc0/0xc1 or > 0xf4 */
        }
        if (n - i - 1 < need)
            return false;
        for (uint32_t k = 1; k <= need; k++) {
            uint8_t c = s[i + k];
            if ((c & 0xc0) != 0x80)
                return false;
            cp = (cp << 6) | (c & 0x3f);
        }
        if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000))
            return false;   /* overlong */
        if (cp >= 0xd800 && cp <= 0xdfff)
            return false;   /* surrogate */
        if (cp > 0x10ffff)
            return false;
        i += need + 1;
    }
    return true;
}
