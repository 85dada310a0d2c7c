/*
 * Faults under a lock (fault_lock.h): the futex calls of the demo take a
 * spinlock, access the user word with page faults disabled, and on
 * VMIO_EFAULT drop the lock, fault the page in and try again, as Linux's
 * futex code does with pagefault_disable() and fault_in_user_writeable().
 */
#include "fault_lock.h"

#include "plat.h"
#include "user_abi.h"
#include "vmio/vmio.h"

struct futex_lock_stats futex_lock_stats;

static volatile unsigned pf_disabled[PLAT_MAX_CPUS];
static volatile uint8_t demand[UREG_PAGES]; /* 1: paged in on demand */
static int futex_lock;                      /* the spinlock the futex calls take */

#define FUTEX_WAIT_PAUSE 200 /* turns of wait_pause() */
#define COUNT(field) __atomic_fetch_add(&futex_lock_stats.field, 1, __ATOMIC_RELAXED)

/* This CPU takes no page-in in its trap handler until pagefault_enable. */
void pagefault_disable(void)
{
	pf_disabled[plat_cpu_id()]++;
	__atomic_signal_fence(__ATOMIC_SEQ_CST); /* before the access it guards */
}

/* Undo one pagefault_disable. */
void pagefault_enable(void)
{
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	pf_disabled[plat_cpu_id()]--;
}

/* Whether this CPU has page faults disabled. */
int pagefault_disabled(void)
{
	return pf_disabled[plat_cpu_id()] != 0;
}

/* Page i of the test region not present, and paged in on demand from now on. */
void demand_page_out(unsigned i)
{
	if (i >= UREG_PAGES || !ureg_page_writable(i))
		return;
	demand[i] = 1;
	plat_user_page_set(i, 0);
}

/*
 * The trap handler's demand paging: a fault on a demand-paged page maps it
 * again, unless this CPU has page faults disabled (it holds a lock): then
 * the fault is left to vmio's fixup.
 */
int demand_fault(uintptr_t addr)
{
	uintptr_t off = addr - plat_user_base();
	size_t i = off / plat_info()->page_size;

	if (off >= UREG_PAGES * plat_info()->page_size || !demand[i])
		return 0;
	if (pagefault_disabled()) {
		COUNT(refused);
		return 0;
	}
	plat_user_page_set((unsigned)i, 1);
	COUNT(paged_in);
	return 1;
}

/* The futex word: 64 bytes into page FUTEX_LOCK_PAGE. */
uintptr_t futex_lock_word(void)
{
	return plat_user_base() + FUTEX_LOCK_PAGE * plat_info()->page_size + 64;
}

/* The futex spinlock (interrupts stay on: shootdown IPIs get through). */
static void lock(void)
{
	while (__atomic_exchange_n(&futex_lock, 1, __ATOMIC_ACQUIRE))
		while (__atomic_load_n(&futex_lock, __ATOMIC_RELAXED))
			;
}

/*
 * Between two looks at the word in futex_wait, with the lock dropped: long
 * enough for the CPU that will change the word to take the lock (a
 * test-and-set lock retaken at once goes to the CPU that just let it go).
 */
static void wait_pause(void)
{
	for (volatile unsigned i = 0; i < FUTEX_WAIT_PAUSE; i++)
		;
}

/* Release the futex spinlock. */
static void unlock(void)
{
	__atomic_store_n(&futex_lock, 0, __ATOMIC_RELEASE);
}

/*
 * Linux's fault_in_user_writeable: touch the word for writing with page
 * faults enabled (an atomic add of 0), so the trap handler pages it in.
 * 0, or VMIO_EFAULT if the word cannot be made writable.
 */
static int fault_in_user_writeable(uintptr_t addr)
{
	struct vm_fwriter w;
	uint32_t old;
	int err = vm_fwriter_from_user_space(&w, (void *)addr, 4);

	if (!err)
		err = vm_fwriter_atomic_fetch_op_u32(&w, VMIO_ATOMIC_ADD, 0, &old);
	if (!err)
		COUNT(fault_ins);
	return err;
}

/*
 * One access to the user word under the lock with page faults disabled:
 * add arg (add) or load it.  On a fault: unlock, fault the page in, retry.
 * The old (add) or current (load) value, or a vmio error.
 */
static int locked_access(uintptr_t addr, int add, uint32_t arg, uint32_t *val)
{
	for (;;) {
		struct vm_fwriter w;
		struct vm_freader r;
		int err = add ? vm_fwriter_from_user_space(&w, (void *)addr, 4)
			      : vm_freader_from_user_space(&r, (const void *)addr, 4);

		if (err)
			return err;
		lock();
		pagefault_disable();
		if (add)
			err = vm_fwriter_atomic_fetch_op_u32(&w, VMIO_ATOMIC_ADD, arg, val);
		else
			err = vm_freader_atomic_load_u32(&r, val);
		pagefault_enable();
		unlock();
		if (err != VMIO_EFAULT)
			return err;
		/* A word is aligned: the fault was at the word itself, nothing changed. */
		COUNT(faults_locked);
		if (fault_in_user_writeable(addr))
			return VMIO_EFAULT;
		COUNT(retries);
	}
}

/* A vmio result as the call's return: the value or -errno. */
static long result(int err, uint32_t v)
{
	if (err == VMIO_EFAULT)
		return -UERR_EFAULT;
	return err ? -UERR_EINVAL : (long)v;
}

/* futex_word, futex_add or futex_wait (user_abi.h), for syscall_dispatch. */
long futex_lock_syscall(unsigned long nr, unsigned long a0, unsigned long a1)
{
	uint32_t v = 0;
	long ret;
	int err;

	if (nr == SYS_FUTEX_WORD)
		return (long)futex_lock_word();
	if (plat_user_access_open())
		COUNT(access_open);
	COUNT(calls);
	if (nr == SYS_FUTEX_ADD) {
		ret = result(locked_access(a0, 1, (uint32_t)a1, &v), v);
	} else {
		/* Wait while the word holds a1 (no scheduler: spin, lock dropped). */
		unsigned long spins = 0;
		uint64_t longest = __atomic_load_n(&futex_lock_stats.longest_wait, __ATOMIC_RELAXED);

		while (!(err = locked_access(a0, 0, 0, &v)) && v == (uint32_t)a1 &&
		       ++spins < FUTEX_WAIT_SPINS) {
			COUNT(sleeps);
			wait_pause();
		}
		while (spins > longest &&
		       !__atomic_compare_exchange_n(&futex_lock_stats.longest_wait, &longest, spins,
						    0, __ATOMIC_RELAXED, __ATOMIC_RELAXED))
			;
		ret = spins == FUTEX_WAIT_SPINS ? -UERR_EAGAIN : result(err, v);
	}
	if (plat_user_access_open())
		COUNT(access_open);
	return ret;
}
