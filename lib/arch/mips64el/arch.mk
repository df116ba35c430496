# Build facts of mips64el (see mk/arch.mk for what each variable means).
KC_TRIPLET.mips64el	:= mips64el-linux-gnuabi64
KC_CROSS.mips64el	:= mips64el-linux-gnuabi64
KC_DEBARCH.mips64el	:= mips64el
KC_QEMU.mips64el	:= qemu-mips64el
KC_MACHINE.mips64el	:= mips64
KC_SUITE.mips64el	:= bookworm
KC_PKGS.mips64el	:= gcc-mips64el-linux-gnuabi64 libc6-dev-mips64el-cross
# Kernel environments (see x86_64/arch.mk; FACTS-environments §3): the
# malta board, a 5Kc-family CPU for the 5kc-malta kernel.
KC_QEMU_SYSTEM.mips64el	:= qemu-system-mips64el
KC_QEMU_MACHINE.mips64el	:= -M malta -cpu 5KEc -m 512
KC_CONSOLE.mips64el	:= ttyS0
KC_KERNEL_PKGS.mips64el	:= qemu-system-mips cpio
KC_GUEST_LIMIT.mips64el	:= 1500
