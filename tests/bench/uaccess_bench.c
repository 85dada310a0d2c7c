/*
 * Guest benchmark of vmio/uaccess.h: 64 u64 reads from user memory, one by
 * one with vmio_get_user (a range check, a user-access window and a call
 * each) against one vmio_user_access_begin window with vmio_unsafe_get_user
 * (one load each), in instructions per access.  Run under QEMU with
 * -icount shift=0, where every guest's counter is a function of the
 * instruction count (riscv64 rdinstret; loongarch64 rdtime.d and x86_64
 * rdtsc follow virtual time): a spin loop of known length calibrates
 * counter units to instructions.  Both loops' sums are checked, so the
 * image ends with "N passed, N failed" like every test.
 */
#define VMIO_LINUX_NAMES
#include <stdint.h>
#include <stdio.h>

#include "bench_common.h"
#include "plat.h"
#include "vmio/uaccess.h"

#define N 64
#define REPS 64
#define SPIN 100000

static unsigned passed, failed;

/* 2n (riscv64, loongarch64) or 2n (x86_64: dec + jnz) instructions. */
__attribute__((noinline)) static void spin(uint64_t n)
{
#if defined(__riscv)
	__asm__ volatile("1: addi %0, %0, -1\n\tbnez %0, 1b" : "+r"(n));
#elif defined(__loongarch__)
	__asm__ volatile("1: addi.d %0, %0, -1\n\tbnez %0, 1b" : "+r"(n));
#else
	__asm__ volatile("1: dec %0\n\tjnz 1b" : "+r"(n));
#endif
}

__attribute__((noinline)) static uint64_t one_by_one(const uint64_t *u)
{
	uint64_t s = 0, v;

	for (unsigned i = 0; i < N; i++) {
		if (get_user(v, &u[i]))
			return 0;
		s += v;
	}
	return s;
}

__attribute__((noinline)) static uint64_t in_one_window(const uint64_t *u)
{
	uint64_t s = 0, v;

	if (!user_read_access_begin(u, N * sizeof(*u)))
		return 0;
	for (unsigned i = 0; i < N; i++) {
		unsafe_get_user(v, &u[i], fault);
		s += v;
	}
	user_read_access_end();
	return s;
fault:
	user_read_access_end();
	return 0;
}

/* Counter units for REPS calls of f, and whether every call summed right. */
static uint64_t measure(uint64_t (*f)(const uint64_t *), const uint64_t *u, uint64_t want)
{
	uint64_t t0, t1, bad = 0;

	t0 = counter();
	for (unsigned r = 0; r < REPS; r++)
		bad |= f(u) ^ want;
	t1 = counter();
	if (bad) {
		failed++;
		printf("FAIL a sum came out wrong\n");
	} else {
		passed++;
	}
	return t1 - t0;
}

/* Print units as instructions per access, two decimals. */
static void row(const char *what, uint64_t units, uint64_t spin_units)
{
	/* instructions = units * 2 SPIN / spin_units; per access: / (REPS N). */
	uint64_t x100 = units * 2 * SPIN * 100 / (spin_units * REPS * N);

	printf("  %-44s %llu.%02llu instructions/access\n", what,
	       (unsigned long long)(x100 / 100), (unsigned long long)(x100 % 100));
}

int guest_main(void)
{
	uint64_t *u = (uint64_t *)(plat_user_base() + UREG_RW * plat_info()->page_size);
	uint64_t want = 0, spin_units, a, b, t0;

	for (unsigned i = 0; i < N; i++) {
		if (put_user((uint64_t)i * 7 + 1, &u[i])) {
			printf("FAIL put_user\n");
			return 1;
		}
		want += (uint64_t)i * 7 + 1;
	}
	t0 = counter();
	spin(SPIN);
	spin_units = counter() - t0;
	a = measure(one_by_one, u, want);
	b = measure(in_one_window, u, want);
	printf("uaccess bench: %u u64 reads from user memory, %u times (%s, -icount shift=0)\n",
	       N, REPS, COUNTER);
	row("vmio_get_user one by one", a, spin_units);
	row("one window, vmio_unsafe_get_user", b, spin_units);
	printf("  window / one by one: %llu.%03llu\n", (unsigned long long)(b * 1000 / a / 1000),
	       (unsigned long long)(b * 1000 / a % 1000));
	if (b >= a) {
		failed++;
		printf("FAIL the window is not cheaper\n");
	} else {
		passed++;
	}
	printf("%u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
