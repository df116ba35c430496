# Build facts of mipsel (see mk/arch.mk for what each variable means).
KC_TRIPLET.mipsel	:= mipsel-linux-gnu
KC_CROSS.mipsel	:= mipsel-linux-gnu
KC_DEBARCH.mipsel	:= mipsel
KC_QEMU.mipsel	:= qemu-mipsel
KC_MACHINE.mipsel	:= mips
KC_SUITE.mipsel	:= bookworm
KC_PKGS.mipsel	:= gcc-mipsel-linux-gnu libc6-dev-mipsel-cross
