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
# Debian's Valgrind for this arch (FACTS-environments §7, §8): suite and the
# platform of its tool binaries (memcheck-<platform>), for the qemu-user runs.
KC_VGSUITE.mipsel	:= bookworm
KC_VGPLAT.mipsel	:= mips32-linux
# Valgrind 3.19 reads /proc/cpuinfo to learn the CPU and refuses the host's
# x86 one that qemu-user shows ("valgrind: fatal error: unsupported CPU.",
# FACTS-environments §8): its runner bind-mounts valgrind-cpuinfo (this
# folder: a MIPS Malta with the 24Kf (qemu-user's default for o32)) over /proc/cpuinfo in a
# private mount namespace (matrix/qemu-wrap.sh).
