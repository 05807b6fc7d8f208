/*
 * mmio.h - a device register access of 1, 2, 4 or 8 bytes at an
 * address, by volatile loads and stores: the same C on both
 * architectures (their HALs include it for DEVICE capabilities' MMIO
 * windows). Returns 0, or -1 for another width.
 */
#ifndef JERICHO_HAL_MMIO_H
#define JERICHO_HAL_MMIO_H

#include <stdbool.h>
#include <stdint.h>

static inline int hal_mmio_access(uintptr_t a, unsigned width, uint64_t *val, bool write)
{
    switch (width) {
    case 1:
        if (write)
            *(volatile uint8_t *)a = (uint8_t)*val;
        else
            *val = *(volatile uint8_t *)a;
        return 0;
    case 2:
        if (write)
            *(volatile uint16_t *)a = (uint16_t)*val;
        else
            *val = *(volatile uint16_t *)a;
        return 0;
    case 4:
        if (write)
            *(volatile uint32_t *)a = (uint32_t)*val;
        else
            *val = *(volatile uint32_t *)a;
        return 0;
    case 8:
        if (write)
            *(volatile uint64_t *)a = *val;
        else
            *val = *(volatile uint64_t *)a;
        return 0;
    }
    return -1;
}

#endif
