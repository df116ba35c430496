# Build facts of loongarch64 (see mk/arch.mk for what each variable means).
KC_TRIPLET.loongarch64	:= loongarch64-linux-gnu
KC_CROSS.loongarch64	:= loongarch64-linux-gnu
KC_DEBARCH.loongarch64	:= loong64
KC_QEMU.loongarch64	:= qemu-loongarch64
KC_MACHINE.loongarch64	:= loongarch64
# loong64 libraries (libatf) are in sid only; bookworm has no loongarch64 cross
# gcc: matrix/fetch-cross-gcc.sh extracts trixie's and patchelfs it (FACTS-environments §8).
KC_SUITE.loongarch64	:= sid
KC_CCSUITE.loongarch64	:= trixie
KC_CCVER.loongarch64	:= 14
KC_PKGS.loongarch64	:= patchelf
