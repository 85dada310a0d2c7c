/*
 * Internal to lib/vmio: where vmio lies in memory, for the fail-closed
 * check of user_range.c.  The library is two prelinked objects
 * (lib/vmio/prelink.ld.in): "extable" (extable.c, which a firmware may link
 * alone) and "main" (everything else); each one's text, rodata, data and
 * bss lie between two symbols its prelink defines.  With the exception
 * table, that is every byte vmio places (tests/check_sections.py checks the
 * prelinked objects hold no other allocated section).  Hidden and not weak,
 * as the table's bounds (extable_bounds.h): PC-relative, no GOT.
 */
#ifndef VMIO_LIB_SPANS_H
#define VMIO_LIB_SPANS_H

#define VMIO_SPAN_BOUND __attribute__((visibility("hidden")))

#define VMIO_SPAN_DECL(g, s)                                                   \
	extern char __vmio_##g##_##s##_start[] VMIO_SPAN_BOUND;                \
	extern char __vmio_##g##_##s##_end[] VMIO_SPAN_BOUND;
#define VMIO_SPANS_OF(X, g) X(g, text) X(g, rodata) X(g, data) X(g, bss)
/* Every span: X(group, section) for each. */
#define VMIO_SPANS(X) VMIO_SPANS_OF(X, main) VMIO_SPANS_OF(X, extable)

VMIO_SPANS(VMIO_SPAN_DECL)

#endif
