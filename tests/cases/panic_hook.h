/* The tests' override of vmio_panic: counts calls and returns. */
#ifndef TESTS_PANIC_HOOK_H
#define TESTS_PANIC_HOOK_H

extern unsigned panic_count;
extern const char *panic_last;

#endif
