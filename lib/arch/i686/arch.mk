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
# Debian's Valgrind for this arch (FACTS-environments §7, §8): suite and the
# platform of its tool binaries (memcheck-<platform>), for the qemu-user runs.
KC_VGSUITE.i686	:= sid
KC_VGPLAT.i686	:= x86-linux
