/*
 * The register width the x86_64 copy and fill move in bulk, chosen at build
 * time by VMIO_X86_VEC (the meson option x86_64_vector):
 *   8   general registers only (r8..r11): bare metal by default, where the
 *       embedder's kernel need not save vector state around our code;
 *   16  SSE2 xmm0..xmm3 (every x86_64 CPU);
 *   32  AVX2 ymm0..ymm3, with vzeroupper before returning;
 *   64  AVX-512 (F, VL, BW) zmm16..zmm19 (EVEX-only registers: no
 *       vzeroupper needed), ymm16/xmm16 for the pieces below 64 bytes,
 *       and k1 with BMI2's bzhi for byte masks (every AVX-512 CPU has BMI2).
 * VMOVU is an unaligned move of VEC bytes, VMOVA one whose memory operand
 * is VEC-aligned; V0..V3 are the registers.
 */
#ifndef VMIO_X86_64_VEC_H
#define VMIO_X86_64_VEC_H

#ifndef VMIO_X86_VEC
#define VMIO_X86_VEC 8
#endif
#define VEC VMIO_X86_VEC

#if VEC == 64
#define VMOVU vmovdqu64
#define VMOVA vmovdqa64
#define V0 %zmm16
#define V1 %zmm17
#define V2 %zmm18
#define V3 %zmm19
#define Y0 %ymm16 /* 32-byte pieces */
#define Y1 %ymm17
#define YMOVU vmovdqu64
#define X0 %xmm16 /* 16-byte pieces */
#define X1 %xmm17
#define XMOVU vmovdqu64
#define VZEROUPPER
/*
 * The tail of memcpy.S and memset.S: rcx = the offset of the last 64-byte
 * block of the rdx bytes at the 64-byte aligned rdi; on to .Ltail_masked
 * if the last VEC, ending at rdi + rdx, would split a page (t: a 32-bit
 * scratch register).  TAIL_MASK: k1 = the bytes of that block (a, b:
 * 64-bit scratch registers).
 */
#define TAIL_BLOCK(t)              \
	leaq	-1(%rdx), %rcx;    \
	andq	$-VEC, %rcx;       \
	leal	-1(%rdi,%rdx), t;  \
	andl	$4095, t;          \
	cmpl	$VEC - 1, t;       \
	jb	.Ltail_masked
#define TAIL_MASK(a, b)            \
	movq	%rdx, a;           \
	subq	%rcx, a;           \
	movq	$-1, b;            \
	bzhiq	a, b, b;           \
	kmovq	b, %k1
#elif VEC == 32
#define VMOVU vmovdqu
#define VMOVA vmovdqa
#define V0 %ymm0
#define V1 %ymm1
#define V2 %ymm2
#define V3 %ymm3
#define X0 %xmm0
#define X1 %xmm1
#define XMOVU vmovdqu
#define VZEROUPPER vzeroupper
#elif VEC == 16
#define VMOVU movdqu
#define VMOVA movdqa
#define V0 %xmm0
#define V1 %xmm1
#define V2 %xmm2
#define V3 %xmm3
#define VZEROUPPER
#elif VEC == 8
#define VMOVU movq
#define VMOVA movq
#define V0 %r8
#define V1 %r9
#define V2 %r10
#define V3 %r11
#define VZEROUPPER
#else
#error "VMIO_X86_VEC must be 8, 16, 32 or 64"
#endif

#endif
