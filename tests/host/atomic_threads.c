/*
 * Host only: the user atomics under contention from two threads on a word
 * of the user test region.  Every fetch-add returns a distinct old value
 * and none is lost; compare-exchange increments lose none; OR and ANDN of
 * each thread's own bit never undo the other thread's bit.
 */
#include <pthread.h>
#include <string.h>

#include "ureg.h"
#include "vmio/vmio.h"
#include "vtest.h"

#define ROUNDS 2000000

static uint8_t *word;                 /* the contended user word */
static uint8_t seen[2 * ROUNDS / 8];  /* old values returned by fetch-add */
static unsigned errors[2];

struct job {
	int who;
	void (*fn)(int who);
};

static int arrived;

/* Both threads start their rounds together, or they may not overlap. */
static void start_together(void)
{
	__atomic_fetch_add(&arrived, 1, __ATOMIC_SEQ_CST);
	while (__atomic_load_n(&arrived, __ATOMIC_SEQ_CST) < 2)
		;
}

static void *run_job(void *arg)
{
	struct job *j = arg;

	start_together();
	j->fn(j->who);
	return NULL;
}

/* Runs fn(0) on a second thread and fn(1) on this one. */
static void both(void (*fn)(int))
{
	struct job j = { 0, fn };
	pthread_t t;

	errors[0] = errors[1] = 0;
	arrived = 0;
	VT_EQ(pthread_create(&t, NULL, run_job, &j), 0);
	start_together();
	fn(1);
	VT_EQ(pthread_join(t, NULL), 0);
	VT_EQ(errors[0] + errors[1], 0);
}

static void fetch_adds(int who)
{
	for (int i = 0; i < ROUNDS; i++) {
		struct vm_fwriter w;
		uint32_t old = 0;

		if (vm_fwriter_from_user_space(&w, word, 4) ||
		    vm_fwriter_atomic_fetch_op_u32(&w, VMIO_ATOMIC_ADD, 1, &old) ||
		    old >= 2 * ROUNDS) {
			errors[who]++;
			continue;
		}
		/* Each thread marks its own values; a value twice is a lost update. */
		if (__atomic_fetch_or(&seen[old / 8], (uint8_t)(1u << old % 8), __ATOMIC_RELAXED) &
		    (1u << old % 8))
			errors[who]++;
	}
}

static void cas_increments(int who)
{
	for (int i = 0; i < ROUNDS; i++) {
		struct vm_fwriter w;
		struct vm_freader r;
		uint64_t cur = 0, old = 0;

		if (vm_fwriter_from_user_space(&w, word, 8) || vm_freader_from_user_space(&r, word, 8) ||
		    vm_freader_atomic_load_u64(&r, &cur)) {
			errors[who]++;
			continue;
		}
		for (;;) {
			if (vm_fwriter_atomic_cmpxchg_u64(&w, cur, cur + 1, &old)) {
				errors[who]++;
				break;
			}
			if (old == cur)
				break;
			cur = old;
		}
	}
}

static void or_andn(int who)
{
	uint32_t bit = 1u << (who * 7), other = 1u << ((1 - who) * 7);

	for (int i = 0; i < ROUNDS; i++) {
		struct vm_fwriter w;
		uint32_t old = 0;
		int op = i % 2 ? VMIO_ATOMIC_ANDN : VMIO_ATOMIC_OR;

		if (vm_fwriter_from_user_space(&w, word, 4) ||
		    vm_fwriter_atomic_fetch_op_u32(&w, op, bit, &old) ||
		    /* Our bit is as we left it: set after OR, clear after ANDN. */
		    !!(old & bit) != (i % 2) || (old & ~(bit | other)) != 0x80000000u)
			errors[who]++;
	}
}

VT_CASE(atomics_under_contention_host)
{
	ureg_setup();
	word = ureg_page(UREG_RW2) + 64;
	uint32_t v32 = 0;
	uint64_t v64 = 0;

	VT_EQ(vmio_store_u32_fallible(word, 0), 0);
	memset(seen, 0, sizeof(seen));
	both(fetch_adds);
	VT_EQ(vmio_load_u32_fallible(word, &v32), 0);
	VT_EQ(v32, 2 * ROUNDS);

	VT_EQ(vmio_store_u64_fallible(word, 0xffffffff00000000ULL), 0);
	both(cas_increments);
	VT_EQ(vmio_load_u64_fallible(word, &v64), 0);
	VT_EQ(v64, 0xffffffff00000000ULL + 2 * ROUNDS);

	VT_EQ(vmio_store_u32_fallible(word, 0x80000000u), 0);
	both(or_andn);
	VT_EQ(vmio_load_u32_fallible(word, &v32), 0);
	VT_EQ(v32, 0x80000000u);
	ureg_restore(word, 8);
}
