/*
 * The checks every example kernel runs once it is up, written against
 * vmio's public API only: kernel addresses are refused as user pointers,
 * the user range is a runtime setting, and user pointers that run into an
 * unmapped page or a read-only page give exact partial counts through
 * vmio's fallible readers and writers.  Each example adds the checks of
 * its own ISA with the helpers below.
 *
 * What the example provides:
 * - in its platform.h (found first on the include path): PAGE_SIZE;
 *   USER_BASE, the user address of the region below; KERNEL_SPACE_START,
 *   the lowest kernel address, which the default user range must stay
 *   below;
 * - the user region mapped as below, and user_frames, the kernel's alias
 *   of it (page p at user_frames[p], holes included);
 * - faults_fixed and last_fault_addr, kept by its trap handler;
 * - __start_vmio_extable, from its linker script;
 * - check_access_closed() below, and the console (console.h).
 */
#ifndef EXAMPLE_CHECKS_H
#define EXAMPLE_CHECKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "platform.h"

/*
 * The user region the checks are written for: USER_PAGES pages at
 * USER_BASE.  Pages USER_HOLE and USER_PAGES - 1 are holes (never
 * mapped), page USER_RO is read-only, the others read-write.
 */
#define USER_PAGES 8
#define USER_HOLE 3
#define USER_RO 5

extern uint8_t user_frames[USER_PAGES][PAGE_SIZE];
extern unsigned long faults_fixed;
extern uintptr_t last_fault_addr;
extern char __start_vmio_extable[];

/* The example's hook: check that user access is closed again after `after`
 * (a copy that faulted); an ISA with no user-access switch checks nothing. */
void check_access_closed(const char *after);

/* A kernel buffer of 4 pages the checks copy to and from. */
extern uint8_t kbuf[4 * PAGE_SIZE];

/* Count and print one check. */
void check(bool ok, const char *what);
/* The user address of byte off of the user region. */
void *user(size_t off);
/* The pattern byte at offset off of the user region. */
uint8_t pattern(size_t off);
/* Fill every mapped user page with the pattern, through the kernel's alias. */
void fill_user(void);

/* Run the common checks: vmio's exception table, kernel addresses refused
 * with the default and a narrowed user range, faulting reads and writes.
 * Leaves the user range narrowed to the region. */
void run_common_checks(void);
/* Print "N passed, N failed" over every check so far; returns the failed count. */
int checks_summary(void);

#endif
