/*
 * The count of faults fixed up through the exception table (plat.h): every
 * target's trap handler, or the host's signal handler, calls
 * plat_fault_fixed() before it resumes at a fixup.  One counter for all
 * CPUs, updated atomically (a handler may run on any of them).
 */
#include "plat.h"

static uint64_t fixed;

/* Count one fault that is about to resume at its fixup. */
void plat_fault_fixed(void)
{
	__atomic_fetch_add(&fixed, 1, __ATOMIC_RELAXED);
}

uint64_t plat_fault_count(void)
{
	return __atomic_load_n(&fixed, __ATOMIC_RELAXED);
}
