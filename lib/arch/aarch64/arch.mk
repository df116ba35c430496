# Build facts of aarch64 (see mk/arch.mk for what each variable means).
KC_TRIPLET.aarch64	:= aarch64-linux-gnu
KC_CROSS.aarch64	:= aarch64-linux-gnu
KC_DEBARCH.aarch64	:= arm64
KC_QEMU.aarch64	:= qemu-aarch64
KC_MACHINE.aarch64	:= aarch64
KC_SUITE.aarch64	:= bookworm
KC_PKGS.aarch64	:= gcc-aarch64-linux-gnu libc6-dev-arm64-cross
