/*
 * An operation language over readers, writers and a VmIo segment, checked
 * against a reference model of memory (host only).  Each operation is read
 * from a byte stream; the same interpreter drives the randomized
 * differential test and the libFuzzer target.
 */
#ifndef TESTS_OPS_H
#define TESTS_OPS_H

#include <stddef.h>
#include <stdint.h>

/* Set up the model over the real user test region; call once. */
void ops_init(void);

/*
 * Run the operations encoded in data[0..len) from a fresh state.  Returns
 * the number of operations run; *mismatches counts model disagreements
 * (each one printed, up to a limit).
 */
size_t ops_run(const uint8_t *data, size_t len, unsigned long *mismatches);

#endif
