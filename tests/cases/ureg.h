/*
 * Helpers over the user test region of plat.h for the tests: a known
 * content for every mapped byte, and which bytes a read or a write reaches.
 * Writable pages hold ureg_pattern(offset), whose values never equal 0xff;
 * the read-only page holds plat_ro_byte().
 */
#ifndef TESTS_UREG_H
#define TESTS_UREG_H

#include <stddef.h>
#include <stdint.h>

#include "plat.h"

/* Base address and page size of the region, after ureg_setup(). */
extern uint8_t *ureg_base;
extern size_t ureg_ps;

/* Fill every writable page with its pattern (idempotent and cheap to redo). */
void ureg_setup(void);

static inline uint8_t *ureg_page(unsigned i)
{
	return ureg_base + (size_t)i * ureg_ps;
}

static inline uint8_t ureg_pattern(size_t off)
{
	return (uint8_t)((off * 7 + off / 251) % 255);
}

/* The byte the region holds at address a (a must be mapped). */
uint8_t ureg_expected(const uint8_t *a);

/* Can a user access of this kind reach address a? */
int ureg_readable(const uint8_t *a);
int ureg_writable(const uint8_t *a);

/* Bytes from a on that a read (write) reaches before the first fault, at most len. */
size_t ureg_read_run(const uint8_t *a, size_t len);
size_t ureg_write_run(const uint8_t *a, size_t len);

/*
 * Read [a, a+len) of the region into out through the fallible copy, page by
 * page; unmapped bytes read as 0.  Restore the pattern over [a, a+len) of
 * the writable pages.  Both fail the current case if a primitive misbehaves.
 */
void ureg_read_back(uint8_t *out, const uint8_t *a, size_t len);
void ureg_restore(uint8_t *a, size_t len);

#endif
