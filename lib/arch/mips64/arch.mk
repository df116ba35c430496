# Build facts of mips64 (see mk/arch.mk for what each variable means).
KC_TRIPLET.mips64	:= mips64-linux-gnuabi64
KC_CROSS.mips64	:= mips64-linux-gnuabi64
KC_DEBARCH.mips64	:= mips64
KC_QEMU.mips64	:= qemu-mips64
KC_MACHINE.mips64	:= mips64
# Big-endian: Debian has the cross gcc and cross libc but no mips64 libraries;
# matrix/fetch-sysroot.sh builds them from the orig tarballs, static.
KC_FROMSRC.mips64	:= 1
KC_PKGS.mips64	:= gcc-mips64-linux-gnuabi64 libc6-dev-mips64-cross
