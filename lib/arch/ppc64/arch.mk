# Build facts of ppc64 (see mk/arch.mk for what each variable means).
KC_TRIPLET.ppc64	:= powerpc64-linux-gnu
KC_CROSS.ppc64	:= powerpc64-linux-gnu
KC_DEBARCH.ppc64	:= ppc64
KC_QEMU.ppc64	:= qemu-ppc64
KC_MACHINE.ppc64	:= ppc64
# Big-endian: Debian has the cross gcc and cross libc but no ppc64 libraries;
# matrix/fetch-sysroot.sh builds them from the orig tarballs, static.
KC_FROMSRC.ppc64	:= 1
KC_PKGS.ppc64	:= gcc-powerpc64-linux-gnu libc6-dev-ppc64-cross
