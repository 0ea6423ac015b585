/* units.h — the one length type of reportc.
 *
 * Every length inside the compiler is an integer number of millipoints
 * (1/1000 pt, 1 pt = 1/72 in).  Only the PDF writer converts to libharu's
 * float points.  int32_t covers ±2,147,483 pt (≈ 757 m), far beyond a page. */
#ifndef REPORTC_UNITS_H
#define REPORTC_UNITS_H

#include <stdint.h>

typedef int32_t mpt_t; /* millipoints */

#define MPT_PER_PT 1000
/* 1 mm = 72/25.4 pt = 2834.6457 mpt; conversions round to nearest. */
#define MPT_FROM_MM_X1000(um) ((mpt_t)(((int64_t)(um) * 72000 + 12700) / 25400))

static inline mpt_t mpt_from_pt(double pt) { return (mpt_t)(pt * MPT_PER_PT + (pt < 0 ? -0.5 : 0.5)); }
static inline mpt_t mpt_from_mm(double mm) { return mpt_from_pt(mm * 72.0 / 25.4); }
static inline double pt_from_mpt(mpt_t v) { return (double)v / MPT_PER_PT; }
static inline double mm_from_mpt(mpt_t v) { return (double)v / MPT_PER_PT * 25.4 / 72.0; }

#endif
