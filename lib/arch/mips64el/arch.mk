# Build facts of mips64el (see mk/arch.mk for what each variable means).
KC_TRIPLET.mips64el	:= mips64el-linux-gnuabi64
KC_CROSS.mips64el	:= mips64el-linux-gnuabi64
KC_DEBARCH.mips64el	:= mips64el
KC_QEMU.mips64el	:= qemu-mips64el
KC_MACHINE.mips64el	:= mips64
KC_SUITE.mips64el	:= bookworm
KC_PKGS.mips64el	:= gcc-mips64el-linux-gnuabi64 libc6-dev-mips64el-cross
