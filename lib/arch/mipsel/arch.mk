# Build facts of mipsel (see mk/arch.mk for what each variable means).
KC_TRIPLET.mipsel	:= mipsel-linux-gnu
KC_CROSS.mipsel	:= mipsel-linux-gnu
KC_DEBARCH.mipsel	:= mipsel
KC_QEMU.mipsel	:= qemu-mipsel
KC_MACHINE.mipsel	:= mips
KC_SUITE.mipsel	:= bookworm
KC_PKGS.mipsel	:= gcc-mipsel-linux-gnu libc6-dev-mipsel-cross
# Kernel environments (see x86_64/arch.mk): the malta board; its default
# 24Kf CPU runs the 4kc-malta kernel (MIPS32r2 is a superset of the 4Kc's r1).
KC_QEMU_SYSTEM.mipsel	:= qemu-system-mipsel
KC_QEMU_MACHINE.mipsel	:= -M malta -m 512
KC_CONSOLE.mipsel	:= ttyS0
KC_KERNEL_PKGS.mipsel	:= qemu-system-mips cpio
KC_GUEST_LIMIT.mipsel	:= 1500
