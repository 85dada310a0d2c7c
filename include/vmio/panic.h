/*
 * The panic hook: contract violations that the seed answers with a panic
 * (skip past the end, fill with a misaligned cursor, a kernel range that
 * wraps ...) call vmio_panic() with a message.  The default loops forever;
 * an embedder overrides it by defining its own vmio_panic (the library's is
 * weak).  If an override returns, the call that panicked returns without
 * changing anything (an error code where it has one).
 */
#ifndef VMIO_PANIC_H
#define VMIO_PANIC_H

/*@ assigns \nothing;
    exits \false; */
void vmio_panic(const char *why);

#endif
