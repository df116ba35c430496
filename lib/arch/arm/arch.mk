# Build facts of arm (see mk/arch.mk for what each variable means).
KC_TRIPLET.arm	:= arm-linux-gnueabihf
KC_CROSS.arm	:= arm-linux-gnueabihf
KC_DEBARCH.arm	:= armhf
KC_QEMU.arm	:= qemu-arm
KC_MACHINE.arm	:= armv7l
KC_SUITE.arm	:= bookworm
KC_PKGS.arm	:= gcc-arm-linux-gnueabihf libc6-dev-armhf-cross
# Debian's Valgrind for this arch (FACTS-environments §7, §8): suite and the
# platform of its tool binaries (memcheck-<platform>), for the qemu-user runs.
KC_VGSUITE.arm	:= sid
KC_VGPLAT.arm	:= arm-linux
