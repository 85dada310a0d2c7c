/*
 * The one-CPU simulation of a racing unmap shared by retry_unmap.c and
 * retry_unmap_x86.c: pages A, B, C of the user test region; C is made not
 * present by the cases, and between race_begin() and race_end() the first
 * fault of an operation (in C) makes B not present too, as another CPU's
 * unmap landing between that fault and the primitive's retry would.
 */
#ifndef TESTS_RETRY_UNMAP_H
#define TESTS_RETRY_UNMAP_H

#include "ureg.h"

#define PAGE_A (UREG_RO - 3)
#define PAGE_B (UREG_RO - 2)
#define PAGE_C (UREG_RO - 1)

/* Arm the hook for one operation. */
void race_begin(void);

/* Disarm it and make B present again. */
void race_end(void);

#endif
