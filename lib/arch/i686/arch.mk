# Build facts of i686 (see mk/arch.mk for what each variable means).
KC_TRIPLET.i686	:= i686-linux-gnu
KC_CROSS.i686	:= i686-linux-gnu
KC_DEBARCH.i686	:= i386
KC_QEMU.i686	:= qemu-i386
KC_MACHINE.i686	:= i686
# Debian's multiarch directory of i386 libraries (gcc -print-multiarch).
KC_MULTIARCH.i686	:= i386-linux-gnu
KC_SUITE.i686	:= bookworm
KC_PKGS.i686	:= gcc-i686-linux-gnu libc6-dev-i386-cross
