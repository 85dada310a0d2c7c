/*
 * What the smp-* guest images share (tests/guest/smp_main.c): the CPUs
 * plat_smp_start() brought up, a barrier for them, a pseudo-random
 * sequence, and a spin delay.  Only plat.h and vmio's public API are used,
 * so every ISA runs the same tests.
 */
#ifndef TESTS_SMP_H
#define TESTS_SMP_H

#include <stdint.h>

#include "plat.h"

/* The CPUs online, as plat_smp_start() returned it (smp_main.c). */
extern unsigned smp_ncpu;

/* A reusable barrier for n CPUs (every one calls smp_barrier with the same n). */
struct smp_barrier {
	unsigned count;
	unsigned gen;
};
void smp_barrier(struct smp_barrier *b, unsigned n);

/* Spin for about n loop turns. */
void smp_delay(unsigned n);

/* xorshift64: a different sequence for each seed (never 0). */
static inline uint64_t smp_rand(uint64_t *s)
{
	uint64_t x = *s;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return *s = x;
}

/* Every case needs at least two CPUs; on fewer it fails at once. */
#define SMP_NEED_TWO()                  \
	do {                            \
		VT_CHECK(smp_ncpu >= 2); \
		if (smp_ncpu < 2)       \
			return;         \
	} while (0)

/* Kernel-side flags shared between CPUs. */
#define smp_load(p) __atomic_load_n((p), __ATOMIC_SEQ_CST)
#define smp_store(p, v) __atomic_store_n((p), (v), __ATOMIC_SEQ_CST)
#define smp_add(p, v) __atomic_add_fetch((p), (v), __ATOMIC_SEQ_CST)

#endif
