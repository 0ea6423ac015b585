/* bytes.h — big-endian integers read from file formats (PNG chunks, ICC
 * headers, OpenType table directories). */
#ifndef REPORTC_BYTES_H
#define REPORTC_BYTES_H

#include <stdint.h>

static inline uint32_t bytes_be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static inline uint16_t bytes_be16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }

#endif
