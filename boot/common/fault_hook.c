/*
 * plat.h's fault counter and hook: the boot targets call plat_fault_fixed()
 * for every fault they fix up through vmio's exception table.
 */
#include "plat.h"

static void (*hook_fn)(uintptr_t addr, void *arg);
static void *hook_arg;
static uint64_t faults_fixed;

void plat_fault_hook(void (*fn)(uintptr_t addr, void *arg), void *arg)
{
	__atomic_store_n(&hook_fn, (void (*)(uintptr_t, void *))0, __ATOMIC_SEQ_CST);
	hook_arg = arg;
	__atomic_store_n(&hook_fn, fn, __ATOMIC_SEQ_CST);
}

uint64_t plat_fault_count(void)
{
	return __atomic_load_n(&faults_fixed, __ATOMIC_RELAXED);
}

/* Count one fixed-up fault at addr and run the hook, if any. */
void plat_fault_fixed(uintptr_t addr)
{
	void (*fn)(uintptr_t, void *) = __atomic_load_n(&hook_fn, __ATOMIC_SEQ_CST);

	__atomic_fetch_add(&faults_fixed, 1, __ATOMIC_RELAXED);
	if (fn)
		fn(addr, hook_arg);
}
