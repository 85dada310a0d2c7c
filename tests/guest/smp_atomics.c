/*
 * smp-atomics: vmio's fallible atomics on one user word from every CPU at
 * once.  Fetch-ADD gives the exact total, and the values it returns are
 * each old value exactly once; SET, OR/ANDN and XOR leave end states that
 * a lost update would change; a spinlock in user memory built on the
 * fallible cmpxchg (u32 and u64) keeps a plain counter exact.
 */
#include <stdio.h>

#include "smp.h"
#include "ureg.h"
#include "vmio/vmio.h"
#include "vtest.h"

#define ADDS 50000  /* fetch-ADDs per CPU, at least ... */
#define ADDS_MAX 1000000 /* ... and on until the CPUs met MEETS times */
#define MEETS 20000
#define SETS 10000  /* fetch-SETs per CPU */
#define BITS 5000   /* OR + ANDN pairs per CPU */
#define XORS 10000  /* fetch-XORs per CPU */
#define LOCKS 4000  /* lock, increment, unlock per CPU, at least ... */
#define LOCKS_MAX 1000000 /* ... and on until some CPU found the lock taken */

/* The user words, each on its own cache line of page UREG_RW. */
enum { W_ADD, W_SET, W_BITS, W_XOR, W_LOCK32, W_LOCK64 };

static void *uword(unsigned k)
{
	return (uint8_t *)plat_user_base() + UREG_RW * plat_info()->page_size + 64 * k;
}

/* Per CPU: calls that did not return 0, and what each case sums. */
static struct percpu {
	uint64_t errors;   /* a call failed, or returned what no interleaving allows */
	uint64_t sum;      /* sum (ADD, SET) or xor (XOR) of the values seen or applied */
	uint64_t other;
} pc[PLAT_MAX_CPUS];

static struct smp_barrier start;

static uint32_t load_u32(void *p)
{
	struct vm_freader r;
	uint32_t v = 0xdeadbeef;

	VT_EQ(vm_freader_from_user_space(&r, p, 4), 0);
	VT_EQ(vm_freader_atomic_load_u32(&r, &v), 0);
	return v;
}

static void store_u64(void *p, uint64_t v)
{
	struct vm_fwriter w;
	uint64_t old;

	VT_EQ(vm_fwriter_from_user_space(&w, p, 8), 0);
	VT_EQ(vm_fwriter_atomic_cmpxchg_u64(&w, 0, 0, &old), 0); /* read it */
	VT_EQ(vm_fwriter_atomic_cmpxchg_u64(&w, old, v, &old), 0);
}

static void reset(void)
{
	for (unsigned k = W_ADD; k <= W_LOCK64; k++)
		store_u64(uword(k), 0);
	for (unsigned c = 0; c < PLAT_MAX_CPUS; c++)
		pc[c] = (struct percpu){ 0, 0, 0 };
}

/* One fetch-op on the user word k; counts an error unless it returns 0. */
static uint32_t fetch_op(unsigned cpu, unsigned k, int op, uint32_t arg)
{
	struct vm_fwriter w;
	uint32_t old = 0;

	if (vm_fwriter_from_user_space(&w, uword(k), 4) ||
	    vm_fwriter_atomic_fetch_op_u32(&w, op, arg, &old))
		pc[cpu].errors++;
	return old;
}

/*
 * ADDS fetch-ADDs, then on (up to ADDS_MAX) until the CPUs have met
 * MEETS times in all: an old value other than the last one plus 1 means
 * another CPU added in between.  A loaded host may run the vCPU threads
 * one after the other for a while, and where each add is fast (no SUM/AC
 * toggle) ADDS can pass in one such stretch.
 */
static unsigned add_meets;

static void add_worker(unsigned cpu, void *arg)
{
	uint32_t last = 0;
	unsigned meets = 0;

	(void)arg;
	smp_barrier(&start, smp_ncpu);
	for (unsigned i = 0; i < ADDS || (i < ADDS_MAX && smp_load(&add_meets) < MEETS); i++) {
		uint32_t old = fetch_op(cpu, W_ADD, VMIO_ATOMIC_ADD, 1);

		pc[cpu].sum += old;
		pc[cpu].other++;
		if (i && old != last + 1 && ++meets % 64 == 0)
			smp_add(&add_meets, 64);
		last = old;
	}
}

static uint64_t errors(void)
{
	uint64_t e = 0;

	for (unsigned c = 0; c < smp_ncpu; c++)
		e += pc[c].errors;
	return e;
}

VT_CASE(fetch_add_exact_total)
{
	SMP_NEED_TWO();
	reset();
	add_meets = 0;
	plat_smp_run_all(add_worker, NULL);
	uint64_t total = 0, olds = 0;

	for (unsigned c = 0; c < smp_ncpu; c++) {
		olds += pc[c].sum;
		total += pc[c].other;
	}
	uint32_t end = load_u32(uword(W_ADD));
	printf("    %u CPUs, %llu fetch-ADDs in all (at least %u each), the CPUs met %u+ times: "
	       "word %u (expect %llu), lost %lld\n", smp_ncpu, (unsigned long long)total, ADDS,
	       smp_load(&add_meets), end, (unsigned long long)total, (long long)(total - end));
	VT_EQ(errors(), 0);
	VT_CHECK(total >= (uint64_t)smp_ncpu * ADDS);
	VT_EQ(end, total);
	/* Each of 0 .. total - 1 was returned exactly once: their sum. */
	VT_EQ(olds, total * (total - 1) / 2);
}

/* SET as an exchange: every value stored is returned once as an old value or is left. */
static void set_worker(unsigned cpu, void *arg)
{
	(void)arg;
	smp_barrier(&start, smp_ncpu);
	for (unsigned i = 0; i < SETS; i++) {
		uint32_t v = cpu * SETS + i + 1, old = fetch_op(cpu, W_SET, VMIO_ATOMIC_SET, v);

		pc[cpu].sum += old;
		pc[cpu].other += v;
		if (old > smp_ncpu * SETS) /* never stored by anyone */
			pc[cpu].errors++;
	}
}

VT_CASE(fetch_set_conserves_values)
{
	SMP_NEED_TWO();
	reset();
	plat_smp_run_all(set_worker, NULL);
	uint64_t olds = 0, stored = 0;

	for (unsigned c = 0; c < smp_ncpu; c++)
		olds += pc[c].sum, stored += pc[c].other;
	uint32_t end = load_u32(uword(W_SET));
	printf("    %u CPUs x %u fetch-SETs: end %u, olds + end %llu, stored %llu\n", smp_ncpu,
	       SETS, end, (unsigned long long)(olds + end), (unsigned long long)stored);
	VT_EQ(errors(), 0);
	VT_EQ(olds + end, stored);
}

/* Each CPU sets and clears its own bit: OR must find it clear, ANDN set. */
static void bits_worker(unsigned cpu, void *arg)
{
	uint32_t bit = 1u << cpu;

	(void)arg;
	smp_barrier(&start, smp_ncpu);
	for (unsigned i = 0; i < BITS; i++) {
		if (fetch_op(cpu, W_BITS, VMIO_ATOMIC_OR, bit) & bit)
			pc[cpu].errors++;
		if (!(fetch_op(cpu, W_BITS, VMIO_ATOMIC_ANDN, bit) & bit))
			pc[cpu].errors++;
	}
	fetch_op(cpu, W_BITS, VMIO_ATOMIC_OR, bit | bit << 16);
}

VT_CASE(fetch_or_andn_own_bits)
{
	SMP_NEED_TWO();
	reset();
	plat_smp_run_all(bits_worker, NULL);
	uint32_t all = (1u << smp_ncpu) - 1, end = load_u32(uword(W_BITS));

	printf("    %u CPUs x %u OR/ANDN pairs on their own bits: end 0x%x, %llu wrong old values\n",
	       smp_ncpu, BITS, end, (unsigned long long)errors());
	VT_EQ(errors(), 0);
	VT_EQ(end, all | all << 16);
}

static void xor_worker(unsigned cpu, void *arg)
{
	uint64_t seed = 0x9e3779b97f4a7c15ull * (cpu + 1);

	(void)arg;
	smp_barrier(&start, smp_ncpu);
	for (unsigned i = 0; i < XORS; i++) {
		uint32_t v = (uint32_t)smp_rand(&seed);

		fetch_op(cpu, W_XOR, VMIO_ATOMIC_XOR, v);
		pc[cpu].sum ^= v;
	}
}

VT_CASE(fetch_xor_end_state)
{
	SMP_NEED_TWO();
	reset();
	plat_smp_run_all(xor_worker, NULL);
	uint32_t want = 0, end = load_u32(uword(W_XOR));

	for (unsigned c = 0; c < smp_ncpu; c++)
		want ^= (uint32_t)pc[c].sum;
	printf("    %u CPUs x %u fetch-XORs: end 0x%08x, expect 0x%08x\n", smp_ncpu, XORS, end, want);
	VT_EQ(errors(), 0);
	VT_EQ(end, want);
}

/* The counter the user-memory locks guard: plain loads and stores. */
static volatile uint64_t plain_counter;
static volatile unsigned owner;

static void critical_section(unsigned cpu)
{
	owner = cpu + 1;
	plain_counter = plain_counter + 1;
	if (owner != cpu + 1)
		pc[cpu].errors++; /* someone else inside */
	owner = 0;
}

/*
 * Whether to take the lock an (i+1)-th time: LOCKS times, then on until
 * some CPU found it taken.  A loaded host may run the vCPU threads one
 * after the other for a while; where each turn is fast (no SUM/AC
 * toggle) LOCKS turns can pass without the CPUs ever meeting.
 */
static int lock_met;

static int more_locks(unsigned i)
{
	return i < LOCKS || (i < LOCKS_MAX && !smp_load(&lock_met));
}

static void saw_lock_taken(unsigned cpu, int taken)
{
	pc[cpu].other += taken;
	if (taken && !smp_load(&lock_met))
		smp_store(&lock_met, 1);
}

static void lock32_worker(unsigned cpu, void *arg)
{
	struct vm_fwriter w;
	uint32_t old;

	(void)arg;
	smp_barrier(&start, smp_ncpu);
	for (unsigned i = 0; more_locks(i); i++) {
		pc[cpu].sum++;
		do {
			if (vm_fwriter_from_user_space(&w, uword(W_LOCK32), 4) ||
			    vm_fwriter_atomic_cmpxchg_u32(&w, 0, cpu + 1, &old)) {
				pc[cpu].errors++;
				return;
			}
			saw_lock_taken(cpu, old != 0);
		} while (old != 0);
		critical_section(cpu);
		if (vm_fwriter_atomic_cmpxchg_u32(&w, cpu + 1, 0, &old) || old != cpu + 1)
			pc[cpu].errors++;
	}
}

static void lock64_worker(unsigned cpu, void *arg)
{
	struct vm_fwriter w;
	uint64_t old, mine = (uint64_t)(cpu + 1) << 32 | 1;

	(void)arg;
	smp_barrier(&start, smp_ncpu);
	for (unsigned i = 0; more_locks(i); i++) {
		pc[cpu].sum++;
		do {
			if (vm_fwriter_from_user_space(&w, uword(W_LOCK64), 8) ||
			    vm_fwriter_atomic_cmpxchg_u64(&w, 0, mine, &old)) {
				pc[cpu].errors++;
				return;
			}
			saw_lock_taken(cpu, old != 0);
		} while (old != 0);
		critical_section(cpu);
		if (vm_fwriter_atomic_cmpxchg_u64(&w, mine, 0, &old) || old != mine)
			pc[cpu].errors++;
	}
}

static void lock_case(void (*worker)(unsigned, void *), const char *what)
{
	uint64_t contended = 0, turns = 0;

	reset();
	plain_counter = 0;
	lock_met = 0;
	plat_smp_run_all(worker, NULL);
	for (unsigned c = 0; c < smp_ncpu; c++) {
		contended += pc[c].other;
		turns += pc[c].sum;
	}
	printf("    %u CPUs, %llu %s lock/unlock turns in all (at least %u each): counter %llu "
	       "(expect %llu), %llu failed tries\n",
	       smp_ncpu, (unsigned long long)turns, what, LOCKS, (unsigned long long)plain_counter,
	       (unsigned long long)turns, (unsigned long long)contended);
	VT_EQ(errors(), 0);
	VT_CHECK(turns >= (uint64_t)smp_ncpu * LOCKS);
	VT_EQ(plain_counter, turns);
	VT_CHECK(contended > 0); /* the CPUs did meet at the lock */
}

VT_CASE(user_spinlock_cmpxchg_u32)
{
	SMP_NEED_TWO();
	lock_case(lock32_worker, "u32 cmpxchg");
}

VT_CASE(user_spinlock_cmpxchg_u64)
{
	SMP_NEED_TWO();
	lock_case(lock64_worker, "u64 cmpxchg");
}
