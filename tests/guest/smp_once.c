/*
 * smp-once: once-accesses never tear.  Other CPUs store 0 and
 * all-ones alternately into one user word through the fallible once-store
 * while CPU 0 loads it through the fallible once-load: every value loaded
 * is 0 or all-ones, never a mix.  2-, 4- and 8-byte words, LOADS loads in
 * all (10^6); the loads must have seen both values change many times.  On
 * a loaded host the vCPU threads may hardly overlap in that many loads
 * (x86_64: 4 changes seen in 333,333 loads), so each size goes on loading,
 * up to MORE times as long, until it has seen 100 changes.
 */
#include <stdio.h>

#include "smp.h"
#include "vmio/vmio.h"
#include "vtest.h"

#define LOADS 1000000u /* in all, shared among the three sizes */
#define WRITERS 2      /* CPUs 1 .. WRITERS store; more only slow QEMU down */
#define MIN_CHANGES 100
#define MORE 100

static volatile int stop;
static uint64_t store_errors[PLAT_MAX_CPUS], stores[PLAT_MAX_CPUS];
static struct smp_barrier start;

static void *uword(size_t size)
{
	return (uint8_t *)plat_user_base() + (UREG_RW + 1) * plat_info()->page_size + 64 * size;
}

static unsigned nwriters(void)
{
	return smp_ncpu - 1 < WRITERS ? smp_ncpu - 1 : WRITERS;
}

static void writer(unsigned cpu, void *arg)
{
	size_t size = (size_t)(uintptr_t)arg;
	uint64_t v = cpu & 1 ? ~0ull : 0; /* neighbours start out of step */
	struct vm_fwriter w;

	smp_barrier(&start, nwriters() + 1);
	while (!smp_load(&stop)) {
		if (vm_fwriter_from_user_space(&w, uword(size), size) ||
		    vm_fwriter_write_once_n(&w, &v, size))
			store_errors[cpu]++;
		stores[cpu]++;
		v = ~v;
	}
}

static void once_case(size_t size, unsigned loads)
{
	uint64_t ones = size == 8 ? ~0ull : (1ull << 8 * size) - 1;
	uint64_t torn = 0, zeros = 0, all = 0, changes = 0, errs = 0, last = 0, st = 0, se = 0;
	uint64_t first_torn = 0;
	struct vm_freader r;
	unsigned nw = nwriters(), i;

	stop = 0;
	for (unsigned c = 0; c < PLAT_MAX_CPUS; c++)
		stores[c] = store_errors[c] = 0;
	for (unsigned c = 1; c < nw + 1; c++)
		plat_smp_run(c, writer, (void *)(uintptr_t)size);
	smp_barrier(&start, nw + 1);
	/*
	 * loads, then on (up to MORE times as many) until MIN_CHANGES changes
	 * were seen: a loaded host may run the vCPU threads one after the
	 * other for a while, and where each load is fast (no SUM/AC toggle)
	 * `loads` can pass in one such stretch.
	 */
	for (i = 0; i < loads || (changes < MIN_CHANGES && i < MORE * loads); i++) {
		uint64_t v = 0;

		if (vm_freader_from_user_space(&r, uword(size), size) ||
		    vm_freader_read_once_n(&r, &v, size)) {
			errs++;
			continue;
		}
		if (v == 0) {
			zeros++;
		} else if (v == ones) {
			all++;
		} else if (!torn++) {
			first_torn = v;
		}
		changes += i && v != last;
		last = v;
	}
	smp_store(&stop, 1);
	for (unsigned c = 1; c < nw + 1; c++) {
		plat_smp_wait(c);
		st += stores[c];
		se += store_errors[c];
	}
	printf("    %zu bytes: %u loads (%llu zero, %llu all-ones, %llu torn), %llu changes seen, "
	       "%llu stores by %u CPUs\n", size, i, (unsigned long long)zeros,
	       (unsigned long long)all, (unsigned long long)torn, (unsigned long long)changes,
	       (unsigned long long)st, nw);
	if (torn)
		printf("    first torn value 0x%llx\n", (unsigned long long)first_torn);
	VT_EQ(errs, 0);
	VT_EQ(se, 0);
	VT_EQ(torn, 0);
	VT_CHECK(zeros > 0 && all > 0);
	VT_CHECK(changes >= MIN_CHANGES); /* the stores really raced the loads */
}

VT_CASE(once_2_bytes_never_torn)
{
	SMP_NEED_TWO();
	once_case(2, LOADS / 3);
}

VT_CASE(once_4_bytes_never_torn)
{
	SMP_NEED_TWO();
	once_case(4, LOADS / 3);
}

VT_CASE(once_8_bytes_never_torn)
{
	SMP_NEED_TWO();
	once_case(8, LOADS - 2 * (LOADS / 3));
}
