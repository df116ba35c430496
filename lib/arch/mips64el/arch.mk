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
# Debian's Valgrind for this arch (FACTS-environments §7, §8): suite and the
# platform of its tool binaries (memcheck-<platform>), for the qemu-user runs.
KC_VGSUITE.mips64el	:= bookworm
KC_VGPLAT.mips64el	:= mips64-linux
# Valgrind 3.19 reads /proc/cpuinfo to learn the CPU and refuses the host's
# x86 one that qemu-user shows ("valgrind: fatal error: unsupported CPU.",
# FACTS-environments §8): its runner bind-mounts valgrind-cpuinfo (this
# folder: a MIPS Malta with the 5KEf (qemu-user's default for n64)) over /proc/cpuinfo in a
# private mount namespace (matrix/qemu-wrap.sh).
