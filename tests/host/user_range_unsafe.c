/*
 * The bare-metal user-range safety check, run in a host process: this
 * program links vmio's range code built without VMIO_HOST, so the default
 * user range [VMIO_USER_START, VMIO_USER_END) holds the library itself, as
 * it does for a kernel linked low.  User access must fail closed until a
 * range that leaves vmio out is set, and no range holding vmio is taken.
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>

#include "vmio/vmio.h"

static unsigned passed, failed;

static void check(int ok, const char *what)
{
	if (ok) {
		passed++;
	} else {
		failed++;
		printf("FAIL %s\n", what);
	}
}

static const unsigned char user_bytes[64] = { 1 }; /* in the program, next to vmio */

/* Where vmio lies: the spans of its two prelinked objects (lib/vmio/spans.h). */
#define SPAN_DECL(g, s) extern char __vmio_##g##_##s##_start[], __vmio_##g##_##s##_end[];
SPAN_DECL(main, text) SPAN_DECL(main, rodata) SPAN_DECL(main, data) SPAN_DECL(main, bss)
SPAN_DECL(extable, text) SPAN_DECL(extable, rodata) SPAN_DECL(extable, data) SPAN_DECL(extable, bss)
extern char __start_vmio_extable[], __stop_vmio_extable[];
extern char vmio_user_range[]; /* vmio's data (lib/vmio/user_bounds.h) */
#define SPAN(g, s) { #g " " #s, (uintptr_t)__vmio_##g##_##s##_start, (uintptr_t)__vmio_##g##_##s##_end }
static const struct { const char *name; uintptr_t start, end; } spans[] = {
	SPAN(main, text), SPAN(main, rodata), SPAN(main, data), SPAN(main, bss),
	SPAN(extable, text), SPAN(extable, rodata), SPAN(extable, data), SPAN(extable, bss),
	{ "vmio_extable", (uintptr_t)__start_vmio_extable, (uintptr_t)__stop_vmio_extable },
};

/*
 * A range holding only one span, only its first byte or only its last byte
 * (and one around it) is refused, the range unchanged.  Returns the number
 * of non-empty spans.
 */
static unsigned check_spans_refused(void)
{
	unsigned nonempty = 0;
	uintptr_t s0 = 0, e0 = 0, s = 0, e = 0;
	char what[128];

	vmio_user_range_get(&s0, &e0);
	for (unsigned i = 0; i < sizeof(spans) / sizeof(spans[0]); i++) {
		uintptr_t a = spans[i].start, b = spans[i].end;
		const uintptr_t r[][2] = { { a, b }, { a, a + 1 }, { b - 1, b }, { a - 4096, b + 4096 } };

		check(a <= b, "a span runs forward");
		if (a >= b)
			continue;
		nonempty++;
		for (unsigned k = 0; k < 4; k++) {
			snprintf(what, sizeof(what), "a range holding only %s [%#lx, %#lx) refused",
				 spans[i].name, (unsigned long)r[k][0], (unsigned long)r[k][1]);
			check(vmio_user_range_set(r[k][0], r[k][1]) == VMIO_EINVAL, what);
			vmio_user_range_get(&s, &e);
			check(s == s0 && e == e0, "the range unchanged");
		}
	}
	return nonempty;
}

int main(void)
{
	uintptr_t code = (uintptr_t)&vmio_user_range_set;
	uintptr_t s = 0, e = 0;
	struct vm_freader r = { { 1, 2 } };
	struct vm_fwriter w = { { 3, 4 } };

	check(VMIO_USER_START <= code && code < VMIO_USER_END, "the default range holds vmio's code");
	vmio_user_range_get(&s, &e);
	check(s == VMIO_USER_START && e == VMIO_USER_END, "the range starts as the default");

	/* Fails closed: every pointer refused, the output unchanged. */
	check(vm_freader_from_user_space(&r, user_bytes, 8) == VMIO_EFAULT, "reader refused");
	check(vm_fwriter_from_user_space(&w, (void *)user_bytes, 0) == VMIO_EFAULT, "writer refused");
	check(vm_freader_from_user_space(&r, (void *)VMIO_USER_START, 1) == VMIO_EFAULT,
	      "the range's first byte refused");
	check(r.r.cursor == 1 && r.r.end == 2 && w.r.cursor == 3 && w.r.end == 4, "outputs unchanged");

	/* No range that holds vmio is taken, the default included; nothing changes. */
	check(vmio_user_range_set(VMIO_USER_START, VMIO_USER_END) == VMIO_EINVAL, "default refused");
	check(spans[0].start <= code && code < spans[0].end, "vmio's code in the main text span");
	check(spans[2].start <= (uintptr_t)vmio_user_range && (uintptr_t)vmio_user_range < spans[2].end,
	      "vmio's range in the main data span");
	check(spans[4].start <= (uintptr_t)&vmio_extable_init &&
		      (uintptr_t)&vmio_extable_init < spans[4].end,
	      "vmio_extable_init in the extable text span");
	check(check_spans_refused() >= 5, "main text, rodata, data, extable text, table: not empty");
	check(vmio_user_range_set(code & ~(uintptr_t)0xfff, (code & ~(uintptr_t)0xfff) + 0x1000) ==
		      VMIO_EINVAL,
	      "a page of vmio's code refused");
	vmio_user_range_get(&s, &e);
	check(s == VMIO_USER_START && e == VMIO_USER_END, "the range unchanged");
	check(vm_freader_from_user_space(&r, user_bytes, 8) == VMIO_EFAULT, "still closed");

	/* A range that leaves vmio out (a page of its own) opens user access, with the usual rule. */
	uint8_t *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uintptr_t p = (uintptr_t)page;

	check(page != MAP_FAILED, "a page mapped");
	check(vmio_user_range_set(p, p + 4096) == 0, "a range apart from vmio set");
	vmio_user_range_get(&s, &e);
	check(s == p && e == p + 4096, "the new range in force");
	check(vm_freader_from_user_space(&r, page + 8, 16) == 0 &&
		      (uintptr_t)vm_freader_cursor(&r) == p + 8 && vm_freader_remain(&r) == 16,
	      "reader made in the new range");
	check(vm_fwriter_from_user_space(&w, page, 4097) == VMIO_EFAULT, "past its end refused");
	check(vm_freader_from_user_space(&r, user_bytes, 8) == VMIO_EFAULT, "vmio's side refused");
	check(vm_freader_from_user_space(&r, (void *)code, 8) == VMIO_EFAULT, "vmio's code refused");

	printf("%u passed, %u failed\n", passed, failed);
	return failed != 0;
}
