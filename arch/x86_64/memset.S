/*
 * size_t __memset_fallible(void *dst, int byte, size_t len)
 *
 *   rdi  dst, advanced as bytes are stored
 *   esi  byte (only the low 8 bits are used), moved to al
 *   rdx  len
 *   rcx  bytes not yet set; returned in rax
 *
 * rep stosb does the bulk; after a fault we go on bytewise until a byte
 * store itself faults, so the count is exact (see memcpy.S).
 */
#include "asm.h"

	.text
FUNC(__memset_fallible)
	USER_ACCESS_BEGIN
	movl	%esi, %eax
	movq	%rdx, %rcx
1:	rep stosb
	jmp	.Lset_done

.Lset_retry:			/* the trap handler closed the window: reopen */
	USER_ACCESS_BEGIN
	testq	%rcx, %rcx
	jz	.Lset_done
2:	movb	%al, (%rdi)
	incq	%rdi
	decq	%rcx
	jnz	2b
.Lset_done:
	USER_ACCESS_END
	movq	%rcx, %rax
	ret
ENDFUNC(__memset_fallible)

	VMIO_EX(1b, .Lset_retry)
	VMIO_EX(2b, .Lset_done)

	.section .note.GNU-stack, "", @progbits
