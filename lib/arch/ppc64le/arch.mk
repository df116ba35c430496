# Build facts of ppc64le (see mk/arch.mk for what each variable means).
KC_TRIPLET.ppc64le	:= powerpc64le-linux-gnu
KC_CROSS.ppc64le	:= powerpc64le-linux-gnu
KC_DEBARCH.ppc64le	:= ppc64el
KC_QEMU.ppc64le	:= qemu-ppc64le
KC_MACHINE.ppc64le	:= ppc64le
KC_SUITE.ppc64le	:= bookworm
KC_PKGS.ppc64le	:= gcc-powerpc64le-linux-gnu libc6-dev-ppc64el-cross
