/*
 * smp-user-range: the user range changed while other CPUs use it.  CPU 0
 * flips the range between R1 = [base + 1 page, base + 10 pages) and
 * R2 = [base + 20 pages, base + 30 pages) with vmio_user_range_set; the
 * others call vm_freader_from_user_space and vmio_user_range_get in a
 * loop.  A call that saw R1's start with R2's end would admit a pointer in
 * the gap between them, or a span from R1 into R2, which neither range
 * admits: those must always be refused (VMIO_EFAULT), and every range read
 * back must be R1 or R2.  Pointers inside R1 and inside R2 must each have
 * been admitted at some time (both ranges were seen).
 */
#include <stdio.h>

#include "smp.h"
#include "vmio/vmio.h"
#include "vtest.h"

#define FLIPS 2000000

static uintptr_t r1s, r1e, r2s, r2e;
static volatile int stop;
static struct smp_barrier start;

static struct {
	uint64_t calls, gap_admitted, span_admitted, wrong_code, in1, in2, mixed_get, gets;
} pc[PLAT_MAX_CPUS];

static void reader(unsigned cpu, void *arg)
{
	struct vm_freader r;
	uintptr_t s, e;
	int err;

	(void)arg;
	smp_barrier(&start, smp_ncpu);
	while (!smp_load(&stop)) {
		err = vm_freader_from_user_space(&r, (void *)(r1e + 4096), 1);
		pc[cpu].gap_admitted += err == 0;
		pc[cpu].wrong_code += err != 0 && err != VMIO_EFAULT;
		err = vm_freader_from_user_space(&r, (void *)(r1e - 8), r2s - r1e + 16);
		pc[cpu].span_admitted += err == 0;
		pc[cpu].wrong_code += err != 0 && err != VMIO_EFAULT;
		pc[cpu].in1 += vm_freader_from_user_space(&r, (void *)r1s, 8) == 0;
		pc[cpu].in2 += vm_freader_from_user_space(&r, (void *)(r2e - 8), 8) == 0;
		vmio_user_range_get(&s, &e);
		pc[cpu].mixed_get += !((s == r1s && e == r1e) || (s == r2s && e == r2e));
		pc[cpu].gets++;
		pc[cpu].calls += 4;
	}
}

VT_CASE(range_flips_never_mix)
{
	uintptr_t base = plat_user_base(), ps = plat_info()->page_size, s0, e0;
	uint64_t calls = 0, gap = 0, span = 0, code = 0, in1 = 0, in2 = 0, mixed = 0, gets = 0;
	unsigned set_errors = 0;

	SMP_NEED_TWO();
	r1s = base + ps, r1e = base + 10 * ps;
	r2s = base + 20 * ps, r2e = base + 30 * ps;
	vmio_user_range_get(&s0, &e0);
	VT_EQ(vmio_user_range_set(r1s, r1e), 0);
	stop = 0;
	for (unsigned c = 1; c < smp_ncpu; c++)
		plat_smp_run(c, reader, NULL);
	smp_barrier(&start, smp_ncpu);
	for (unsigned i = 0; i < FLIPS; i++) {
		set_errors += vmio_user_range_set(r2s, r2e) != 0;
		set_errors += vmio_user_range_set(r1s, r1e) != 0;
	}
	smp_store(&stop, 1);
	for (unsigned c = 1; c < smp_ncpu; c++) {
		plat_smp_wait(c);
		calls += pc[c].calls, gap += pc[c].gap_admitted, span += pc[c].span_admitted;
		code += pc[c].wrong_code, in1 += pc[c].in1, in2 += pc[c].in2;
		mixed += pc[c].mixed_get, gets += pc[c].gets;
	}
	VT_EQ(vmio_user_range_set(s0, e0), 0);
	printf("    %u range changes, %llu from_user_space calls on %u CPUs: gap admitted %llu, "
	       "span admitted %llu, refused with another code %llu; in R1 admitted %llu, "
	       "in R2 %llu; %llu of %llu range_get mixed\n", 2 * FLIPS,
	       (unsigned long long)calls, smp_ncpu - 1, (unsigned long long)gap,
	       (unsigned long long)span, (unsigned long long)code, (unsigned long long)in1,
	       (unsigned long long)in2, (unsigned long long)mixed, (unsigned long long)gets);
	VT_EQ(set_errors, 0);
	VT_EQ(gap, 0);
	VT_EQ(span, 0);
	VT_EQ(code, 0);
	VT_EQ(mixed, 0);
	VT_CHECK(in1 > 0 && in2 > 0);
}
