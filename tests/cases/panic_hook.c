/* Overrides the library's weak vmio_panic so that tests can see contract violations. */
#include "panic_hook.h"
#include "vmio/panic.h"

unsigned panic_count;
const char *panic_last;

void vmio_panic(const char *why)
{
	panic_count++;
	panic_last = why;
}
