# Build facts of s390x (see mk/arch.mk for what each variable means).
KC_TRIPLET.s390x	:= s390x-linux-gnu
KC_CROSS.s390x	:= s390x-linux-gnu
KC_DEBARCH.s390x	:= s390x
KC_QEMU.s390x	:= qemu-s390x
KC_MACHINE.s390x	:= s390x
KC_SUITE.s390x	:= bookworm
KC_PKGS.s390x	:= gcc-s390x-linux-gnu libc6-dev-s390x-cross
# Debian's Valgrind for this arch (FACTS-environments §7, §8): suite and the
# platform of its tool binaries (memcheck-<platform>), for the qemu-user runs.
KC_VGSUITE.s390x	:= sid
KC_VGPLAT.s390x	:= s390x-linux
