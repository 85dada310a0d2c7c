/*
 * What every benchmark, host and guest, shares: how it checks the calls it
 * measures (a source pattern, and a destination buffer with canaries
 * around the bytes a call may write) and the byte loops it compares with.
 */
#ifndef BENCH_CHECK_H
#define BENCH_CHECK_H

#include <stddef.h>
#include <stdint.h>

#define GUARD 64
#define CANARY 0xee
#define FILL_BYTE 0xa5

/* A pattern with no period a misplaced copy could hide behind. */
static inline uint8_t src_byte(size_t i)
{
	return (uint8_t)(i * 131u + (i >> 9) + 1u);
}

/*
 * Whether buf holds canaries, then at GUARD + da len bytes of FILL_BYTE
 * (fill) or of the source pattern from GUARD + sa, then GUARD canaries.
 */
static inline int bench_dst_ok(const uint8_t *buf, size_t len, unsigned sa, unsigned da,
			       int fill)
{
	const uint8_t *d = buf + GUARD + da;

	for (size_t i = 0; i < GUARD + da; i++)
		if (buf[i] != CANARY)
			return 0;
	for (size_t i = 0; i < len; i++)
		if (d[i] != (fill ? FILL_BYTE : src_byte(GUARD + sa + i)))
			return 0;
	for (size_t i = 0; i < GUARD; i++)
		if (d[len + i] != CANARY)
			return 0;
	return 1;
}

/*
 * The byte loop Asterinas' riscv64 copy amounts to: one byte a turn.  The
 * empty asm with a memory clobber keeps the compiler from turning it into
 * a memcpy call or from widening it (check: objdump -d, <byte_copy>).
 */
static __attribute__((noinline, unused)) void *byte_copy(void *dst, const void *src, size_t len)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	for (size_t i = 0; i < len; i++) {
		d[i] = s[i];
		__asm__ volatile("" : : : "memory");
	}
	return dst;
}

/* The same for a fill. */
static __attribute__((noinline, unused)) void *byte_fill(void *dst, int byte, size_t len)
{
	unsigned char *d = dst;

	for (size_t i = 0; i < len; i++) {
		d[i] = (unsigned char)byte;
		__asm__ volatile("" : : : "memory");
	}
	return dst;
}

#endif
