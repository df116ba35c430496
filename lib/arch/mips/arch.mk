# Build facts of mips (see mk/arch.mk for what each variable means).
KC_TRIPLET.mips	:= mips-linux-gnu
KC_CROSS.mips	:= mips-linux-gnu
KC_DEBARCH.mips	:= mips
KC_QEMU.mips	:= qemu-mips
KC_MACHINE.mips	:= mips
# Big-endian: Debian has the cross gcc and cross libc but no mips libraries;
# matrix/fetch-sysroot.sh builds them from the orig tarballs, static.
KC_FROMSRC.mips	:= 1
KC_PKGS.mips	:= gcc-mips-linux-gnu libc6-dev-mips-cross
