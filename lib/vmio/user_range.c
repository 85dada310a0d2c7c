/* The user address range and its safety check (see vmio/user_range.h). */
#include "extable_bounds.h"
#include "range.h"
#include "spans.h"
#include "user_bounds.h"

#include "vmio/arch.h"
#include "vmio/errno.h"
#include "vmio/user_range.h"

struct vmio_user_bounds vmio_user_range = { VMIO_USER_START, VMIO_USER_END, 0, 0 };

/*
 * Atomic accesses to vmio_user_range (user_bounds.h), with the compiler's
 * builtins (gcc and clang; freestanding, lock-free for these sizes).  The
 * proofs see plain accesses: the sequential meaning is the same.
 */
#ifdef __FRAMAC__
#define LOAD(p, order) (*(p))
#define STORE(p, v, order) (*(p) = (v))
#define FENCE(order) ((void)0)
#else
#define LOAD(p, order) __atomic_load_n((p), __ATOMIC_##order)
#define STORE(p, v, order) __atomic_store_n((p), (v), __ATOMIC_##order)
#define FENCE(order) __atomic_thread_fence(__ATOMIC_##order)
#endif

#ifdef VMIO_HOST
/* A host process is its own user space: vmio lies in it by design. */
/*@ assigns \nothing;
    exits \false;
    ensures \result == 0; */
static int holds_vmio(uintptr_t start, uintptr_t end)
{
	(void)start;
	(void)end;
	return 0;
}
#else
/*
 * Does [start, end) meet any byte vmio places: the text, rodata, data and
 * bss of its two prelinked objects (spans.h) and its exception table?
 * Each bound is taken PC-relative.
 */
/*@ assigns \nothing;
    exits \false;
    ensures \result == 0 <==> !vm_holds_vmio(start, end); */
static int holds_vmio(uintptr_t start, uintptr_t end)
{
#define VMIO_SPAN_AT(g, s) { (uintptr_t)__vmio_##g##_##s##_start, (uintptr_t)__vmio_##g##_##s##_end },
	const uintptr_t at[][2] = {
		VMIO_SPANS(VMIO_SPAN_AT)
		{ (uintptr_t)__start_vmio_extable, (uintptr_t)__stop_vmio_extable },
	};
#undef VMIO_SPAN_AT
	int meets = 0;

	for (unsigned i = 0; i < sizeof(at) / sizeof(at[0]); i++)
		meets |= at[i][0] < end && start < at[i][1];
	return meets;
}
#endif

/*
 * Make [start, end) the user range, atomically for readers: a seqlock
 * write, serialized against other writers by taking seq from even to odd.
 */
int vmio_user_range_set(uintptr_t start, uintptr_t end)
{
	unsigned long seq;

	if (start >= end || holds_vmio(start, end))
		return VMIO_EINVAL;
#ifdef __FRAMAC__
	seq = vmio_user_range.seq & ~1UL;
	vmio_user_range.seq = seq | 1;
#else
	do
		seq = LOAD(&vmio_user_range.seq, RELAXED) & ~1UL;
	while (!__atomic_compare_exchange_n(&vmio_user_range.seq, &seq, seq | 1, 0,
					    __ATOMIC_ACQUIRE, __ATOMIC_RELAXED));
#endif
	FENCE(RELEASE); /* seq odd before any field changes */
	STORE(&vmio_user_range.start, start, RELAXED);
	STORE(&vmio_user_range.end, end, RELAXED);
	STORE(&vmio_user_range.closed, -1, RELAXED); /* set never takes a range holding vmio */
	STORE(&vmio_user_range.seq, seq < ~1UL ? seq + 2 : 0, RELEASE); /* even again; wraps */
	return 0;
}

/*
 * One consistent copy of the range into *b: start, end and closed read
 * between two equal even values of seq (a seqlock read; it retries only
 * while a change is under way).
 */
/*@ requires \valid(b) && \separated(b, &vmio_user_range);
    assigns b->start, b->end, b->closed;
    exits \false;
    ensures b->start == vmio_user_range.start && b->end == vmio_user_range.end;
    ensures b->closed == vmio_user_range.closed; */
static inline void range_snapshot(struct vmio_user_bounds *b)
{
#ifdef __FRAMAC__
	b->start = vmio_user_range.start;
	b->end = vmio_user_range.end;
	b->closed = vmio_user_range.closed;
#else
	unsigned long seq;

	do {
		seq = LOAD(&vmio_user_range.seq, ACQUIRE);
		b->start = LOAD(&vmio_user_range.start, RELAXED);
		b->end = LOAD(&vmio_user_range.end, RELAXED);
		b->closed = LOAD(&vmio_user_range.closed, RELAXED);
		FENCE(ACQUIRE); /* the fields read before seq is read again */
	} while ((seq & 1) || LOAD(&vmio_user_range.seq, RELAXED) != seq);
#endif
}

void vmio_user_range_get(uintptr_t *start, uintptr_t *end)
{
	struct vmio_user_bounds b;

	range_snapshot(&b);
	*start = b.start;
	*end = b.end;
}

int vmio_range_user(struct vm_range *out, uintptr_t ptr, size_t len)
{
	struct vmio_user_bounds b;

	range_snapshot(&b);
#ifndef VMIO_HOST
	/*
	 * Only the default range can hold vmio (set refuses such ranges): then
	 * fail closed, refusing every pointer, until the kernel sets its own.
	 * Known once, so the check costs one load a call: the answer for the
	 * default range goes into closed with a compare-and-swap from 0, which
	 * fails if a set got there first (set stores -1).  (A host process is
	 * its own user space: no check there.)
	 */
	if (!b.closed) {
		int unknown = 0;

		b.closed = holds_vmio(b.start, b.end) ? 1 : -1;
#ifdef __FRAMAC__
		vmio_user_range.closed = b.closed;
		(void)unknown;
#else
		__atomic_compare_exchange_n(&vmio_user_range.closed, &unknown, b.closed, 0,
					    __ATOMIC_RELAXED, __ATOMIC_RELAXED);
#endif
	}
	if (b.closed > 0)
		return VMIO_EFAULT;
#endif
	if (ptr < b.start || ptr > b.end || len > b.end - ptr)
		return VMIO_EFAULT;
	/*
	 * The pointer handed out is the mask's, computed without a branch: if
	 * the check above was mispredicted, a speculative access through the
	 * reader or writer goes to 0, not to a kernel address (Spectre v1).
	 */
	ptr = vmio_arch_mask_user_ptr(ptr, b.start, b.end);
	out->cursor = ptr;
	out->end = ptr + len;
	return 0;
}
