# Build facts of ppc64le (see mk/arch.mk for what each variable means).
KC_TRIPLET.ppc64le	:= powerpc64le-linux-gnu
KC_CROSS.ppc64le	:= powerpc64le-linux-gnu
KC_DEBARCH.ppc64le	:= ppc64el
KC_QEMU.ppc64le	:= qemu-ppc64le
KC_MACHINE.ppc64le	:= ppc64le
KC_SUITE.ppc64le	:= bookworm
KC_PKGS.ppc64le	:= gcc-powerpc64le-linux-gnu libc6-dev-ppc64el-cross
# Debian's Valgrind for this arch (FACTS-environments §7, §8): suite and the
# platform of its tool binaries (memcheck-<platform>), for the qemu-user runs.
KC_VGSUITE.ppc64le	:= sid
KC_VGPLAT.ppc64le	:= ppc64le-linux
