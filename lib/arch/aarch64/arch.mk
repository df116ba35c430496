# Build facts of aarch64 (see mk/arch.mk for what each variable means).
KC_TRIPLET.aarch64	:= aarch64-linux-gnu
KC_CROSS.aarch64	:= aarch64-linux-gnu
KC_DEBARCH.aarch64	:= arm64
KC_QEMU.aarch64	:= qemu-aarch64
KC_MACHINE.aarch64	:= aarch64
KC_SUITE.aarch64	:= bookworm
KC_PKGS.aarch64	:= gcc-aarch64-linux-gnu libc6-dev-arm64-cross
# Debian's Valgrind for this arch (FACTS-environments §7, §8): suite and the
# platform of its tool binaries (memcheck-<platform>), for the qemu-user runs.
KC_VGSUITE.aarch64	:= sid
KC_VGPLAT.aarch64	:= arm64-linux
