/*
 * module_err.c - error texts of the decoder and validator: the spec test
 * suite's wording, optionally followed by an index ("unknown function 7").
 */
#include "interp/decode.h"

bool wmod_err(char *err, size_t errlen, const char *msg, bool with_index, uint32_t index)
{
    if (!err || errlen == 0)
        return false;
    size_t i = 0;
    for (; msg[i] && i + 1 < errlen; i++)
        err[i] = msg[i];
    if (with_index) {
        char d[11];
        int n = 0;
        do {
            d[n++] = (char)('0' + index % 10);
            index /= 10;
        } while (index);
        if (i + 1 < errlen)
            err[i++] = ' ';
        while (n && i + 1 < errlen)
            err[i++] = d[--n];
    }
    err[i] = 0;
    return false;
}
