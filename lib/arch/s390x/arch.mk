# Build facts of s390x (see mk/arch.mk for what each variable means).
KC_TRIPLET.s390x	:= s390x-linux-gnu
KC_CROSS.s390x	:= s390x-linux-gnu
KC_DEBARCH.s390x	:= s390x
KC_QEMU.s390x	:= qemu-s390x
KC_MACHINE.s390x	:= s390x
KC_SUITE.s390x	:= bookworm
KC_PKGS.s390x	:= gcc-s390x-linux-gnu libc6-dev-s390x-cross
# Kernel environments (see x86_64/arch.mk; FACTS-environments §9): the SCLP
# line console; qemu-system-s390x is in Debian's qemu-system-misc.
KC_QEMU_SYSTEM.s390x	:= qemu-system-s390x
KC_QEMU_MACHINE.s390x	:= -M s390-ccw-virtio -cpu max -m 512
KC_CONSOLE.s390x	:= ttysclp0
KC_KERNEL_PKGS.s390x	:= qemu-system-misc cpio
KC_GUEST_LIMIT.s390x	:= 1200
# Debian's Valgrind for this arch (FACTS-environments §7, §8): suite and the
# platform of its tool binaries (memcheck-<platform>), for the qemu-user runs.
KC_VGSUITE.s390x	:= sid
KC_VGPLAT.s390x	:= s390x-linux
