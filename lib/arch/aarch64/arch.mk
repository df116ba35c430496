# Build facts of aarch64 (see mk/arch.mk for what each variable means).
KC_TRIPLET.aarch64	:= aarch64-linux-gnu
KC_CROSS.aarch64	:= aarch64-linux-gnu
KC_DEBARCH.aarch64	:= arm64
KC_QEMU.aarch64	:= qemu-aarch64
KC_MACHINE.aarch64	:= aarch64
KC_SUITE.aarch64	:= bookworm
KC_PKGS.aarch64	:= gcc-aarch64-linux-gnu libc6-dev-arm64-cross
# Kernel environments (see x86_64/arch.mk; FACTS-environments §9): virt
# boots the Image directly (no firmware); pauth-impdef=on halves the time
# under qemu 7.2 (the architected QARMA5 is slow to emulate).
KC_QEMU_SYSTEM.aarch64	:= qemu-system-aarch64
KC_QEMU_MACHINE.aarch64	:= -M virt -cpu max,pauth-impdef=on -m 512
KC_CONSOLE.aarch64	:= ttyAMA0
KC_KERNEL_PKGS.aarch64	:= qemu-system-arm cpio
# The limit: the 7.2 guest ran its 172 cases in more than 600 s at a load of
# 20 on this 2-core machine (about 1.5 s per dynamic case); a hang costs it.
KC_GUEST_LIMIT.aarch64	:= 1200
KC_COMPAT.aarch64	:= arm
# Debian's Valgrind for this arch (FACTS-environments §7, §8): suite and the
# platform of its tool binaries (memcheck-<platform>), for the qemu-user runs.
KC_VGSUITE.aarch64	:= sid
KC_VGPLAT.aarch64	:= arm64-linux
# The limit of a kernel x Valgrind guest (run-kernel.sh --valgrind; see
# x86_64/arch.mk), seconds: a Valgrind launch costs 1.5 x x86_64's here.
KC_GUEST_LIMIT_VALGRIND.aarch64	:= 8100
KC_GUEST_TIME_SCALE_VALGRIND.aarch64	:= 15
