/*
 * The user range changed while other threads use it (issue 18, item 4): one
 * thread sets the range to A, then B, again and again, while the others
 * make user readers and read the range back.  Each must see A or B, never
 * a mix: the mix [A.start, B.end) would admit the gap between A and B,
 * which neither range holds, and vmio_user_range_get would return a pair
 * that was never set.  Through the public API only; the ranges are only
 * checked, never accessed.  Ends with "N passed, N failed".
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "vmio/vmio.h"

#define READERS 2

static const uintptr_t a_start = 0x10000, a_end = 0x20000; /* A */
static const uintptr_t b_start = 0x30000, b_end = 0x40000; /* B */
static const uintptr_t gap = 0x28000;                       /* in neither */

static atomic_int stop;
static atomic_ulong sets;

struct counts {
	unsigned long calls, in_a, in_b, mixed_accepted, torn_get, bad_refusal;
};

static void *writer(void *arg)
{
	unsigned long n = 0, failed = 0;

	(void)arg;
	while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
		failed += vmio_user_range_set(a_start, a_end) != 0;
		failed += vmio_user_range_set(b_start, b_end) != 0;
		n += 2;
	}
	atomic_store(&sets, failed ? 0 : n);
	return NULL;
}

static void *reader(void *arg)
{
	struct counts *c = arg;

	while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
		struct vm_freader r;
		uintptr_t s = 0, e = 0;
		int err;

		/* The gap and a range across it: only a mixed range admits them. */
		c->mixed_accepted += vm_freader_from_user_space(&r, (const void *)gap, 1) == 0;
		c->mixed_accepted +=
			vm_freader_from_user_space(&r, (const void *)(a_end - 1), b_start - a_end + 2) == 0;
		/* A byte of A or B: accepted in its range; a refusal is VMIO_EFAULT. */
		err = vm_freader_from_user_space(&r, (const void *)a_start, 1);
		c->in_a += err == 0;
		c->bad_refusal += err != 0 && err != VMIO_EFAULT;
		err = vm_freader_from_user_space(&r, (const void *)(b_end - 1), 1);
		c->in_b += err == 0;
		c->bad_refusal += err != 0 && err != VMIO_EFAULT;
		vmio_user_range_get(&s, &e);
		c->torn_get += !((s == a_start && e == a_end) || (s == b_start && e == b_end));
		c->calls++;
	}
	return NULL;
}

int main(void)
{
	struct counts c[READERS] = { 0 };
	pthread_t w, r[READERS];
	struct timespec run = { 3, 0 };
	unsigned long calls = 0, in_a = 0, in_b = 0, mixed = 0, torn = 0, bad = 0;
	unsigned passed = 0, failed = 0;
	uintptr_t s0 = 0, e0 = 0;

	vmio_user_range_get(&s0, &e0);
	if (vmio_user_range_set(a_start, a_end) != 0) {
		printf("FAIL setting A\n0 passed, 1 failed\n");
		return 1;
	}
	for (int i = 0; i < READERS; i++)
		pthread_create(&r[i], NULL, reader, &c[i]);
	pthread_create(&w, NULL, writer, NULL);
	nanosleep(&run, NULL);
	atomic_store(&stop, 1);
	pthread_join(w, NULL);
	for (int i = 0; i < READERS; i++) {
		pthread_join(r[i], NULL);
		calls += c[i].calls;
		in_a += c[i].in_a;
		in_b += c[i].in_b;
		mixed += c[i].mixed_accepted;
		torn += c[i].torn_get;
		bad += c[i].bad_refusal;
	}
	vmio_user_range_set(s0, e0);
	printf("smp-user-range: %lu sets, %d readers, %lu rounds: A seen %lu, B seen %lu, "
	       "mixed range admitted the gap %lu times, torn get %lu, refusal not EFAULT %lu\n",
	       (unsigned long)atomic_load(&sets), READERS, calls, in_a, in_b, mixed, torn, bad);
#define CHECK(ok, what)                                   \
	do {                                              \
		if (ok) {                                 \
			passed++;                         \
		} else {                                  \
			failed++;                         \
			printf("FAIL %s\n", what);        \
		}                                         \
	} while (0)
	CHECK(atomic_load(&sets) > 1000, "the writer set the range (and every set succeeded)");
	CHECK(in_a > 0 && in_b > 0, "the readers saw both ranges");
	CHECK(mixed == 0, "no mix of the two ranges admitted the gap");
	CHECK(torn == 0, "vmio_user_range_get never returned a mix");
	CHECK(bad == 0, "every refusal was VMIO_EFAULT");
	printf("%u passed, %u failed\n", passed, failed);
	return failed != 0;
}
