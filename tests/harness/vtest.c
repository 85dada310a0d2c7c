/* The runner behind vtest.h. */
#include <stdio.h>

#include "vtest.h"

extern const struct vt_case __start_vt_cases[] __attribute__((weak));
extern const struct vt_case __stop_vt_cases[] __attribute__((weak));

#define VT_MAX_REPORTS 8 /* failure lines printed per case */

static unsigned failures;

void vt_fail(const char *file, int line, const char *expr)
{
	if (failures++ < VT_MAX_REPORTS)
		printf("  %s:%d: check failed: %s\n", file, line, expr);
}

void vt_fail_eq(const char *file, int line, const char *a, const char *b,
		unsigned long long va, unsigned long long vb)
{
	if (failures++ < VT_MAX_REPORTS)
		printf("  %s:%d: %s == %s failed: 0x%llx != 0x%llx\n", file, line,
		       a, b, va, vb);
}

unsigned vt_case_failures(void)
{
	return failures;
}

int vt_run(void)
{
	int passed = 0, failed = 0;

	for (const struct vt_case *c = __start_vt_cases; c < __stop_vt_cases; c++) {
		failures = 0;
		c->fn();
		if (failures) {
			printf("FAIL %s (%u failed checks)\n", c->name, failures);
			failed++;
		} else {
			printf("ok   %s\n", c->name);
			passed++;
		}
	}
	printf("%d passed, %d failed\n", passed, failed);
	return failed;
}
