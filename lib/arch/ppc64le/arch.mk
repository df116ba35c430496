# Build facts of ppc64le (see mk/arch.mk for what each variable means).
KC_TRIPLET.ppc64le	:= powerpc64le-linux-gnu
KC_CROSS.ppc64le	:= powerpc64le-linux-gnu
KC_DEBARCH.ppc64le	:= ppc64el
KC_QEMU.ppc64le	:= qemu-ppc64le
KC_MACHINE.ppc64le	:= ppc64le
KC_SUITE.ppc64le	:= bookworm
KC_PKGS.ppc64le	:= gcc-powerpc64le-linux-gnu libc6-dev-ppc64el-cross
# Kernel environments (see x86_64/arch.mk; FACTS-environments §9): the
# kernel is a vmlinux; x-vof=on (the virtual open firmware) replaces SLOF,
# 12 s -> 5 s to the kernel.
KC_QEMU_SYSTEM.ppc64le	:= qemu-system-ppc64
KC_QEMU_MACHINE.ppc64le	:= -M pseries,x-vof=on -cpu power9 -m 1024
KC_CONSOLE.ppc64le	:= hvc0
KC_KERNEL_PKGS.ppc64le	:= qemu-system-ppc cpio
KC_GUEST_LIMIT.ppc64le	:= 1500
# Debian's Valgrind for this arch (FACTS-environments §7, §8): suite and the
# platform of its tool binaries (memcheck-<platform>), for the qemu-user runs.
KC_VGSUITE.ppc64le	:= sid
KC_VGPLAT.ppc64le	:= ppc64le-linux
