/*
 * A minimal test harness shared by the host and every guest.
 * VT_CASE(name) { ... } registers a case in the linker section "vt_cases";
 * vt_run() runs them in link order, prints one line per case and the final
 * "N passed, N failed" line, and returns the number of failed cases.
 */
#ifndef VTEST_H
#define VTEST_H

#include <stdint.h>

struct vt_case {
	const char *name;
	void (*fn)(void);
};

#define VT_CASE(fn_name)                                                    \
	static void fn_name(void);                                          \
	static const struct vt_case vt_case_##fn_name                       \
		__attribute__((used, section("vt_cases"),                  \
			       aligned(sizeof(void *)))) = { #fn_name, fn_name }; \
	static void fn_name(void)

void vt_fail(const char *file, int line, const char *expr);
void vt_fail_eq(const char *file, int line, const char *a, const char *b,
		unsigned long long va, unsigned long long vb);
/* Number of checks that failed in the current case so far. */
unsigned vt_case_failures(void);
int vt_run(void);

#define VT_CHECK(cond)                                         \
	do {                                                   \
		if (!(cond))                                   \
			vt_fail(__FILE__, __LINE__, #cond);    \
	} while (0)

#define VT_EQ(a, b)                                                          \
	do {                                                                 \
		unsigned long long vt_a_ = (unsigned long long)(a);          \
		unsigned long long vt_b_ = (unsigned long long)(b);          \
		if (vt_a_ != vt_b_)                                          \
			vt_fail_eq(__FILE__, __LINE__, #a, #b, vt_a_, vt_b_); \
	} while (0)

#endif
