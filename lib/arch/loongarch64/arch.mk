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
# Kernel environments (see x86_64/arch.mk; FACTS-environments §9): needs
# qemu >= 10 (7.2's ROM is too small for the 16 MiB EDK2 that boots Debian's
# EFI zboot image) and the firmware of qemu-efi-loongarch64; neither is in
# bookworm, so run-kernel.sh fetches both (matrix/kernel/fetch-qemu-system.sh):
# bookworm-backports' qemu-system-misc 10.0.2 runs as extracted here and
# boots it (FACTS-environments §9), with trixie's EDK2 build as -bios.
KC_QEMU_FETCH.loongarch64	:= bookworm-backports qemu-system-misc
KC_QEMU_BIOS.loongarch64	:= trixie qemu-efi-loongarch64 usr/share/qemu-efi-loongarch64/QEMU_EFI.fd
# (That boot appends "initrd=initrd" to the command line, after kc-run's
# arguments: kc-run as PID 1 ignores NAME=VALUE words.)  Measured
# 2026-12-01 at a load of 12: boot 11.8 s, 358 cases in 232 s, 359 s wall.
KC_QEMU_SYSTEM.loongarch64	:= qemu-system-loongarch64
KC_QEMU_MACHINE.loongarch64	:= -M virt -cpu la464 -m 1024
KC_QEMU_MIN.loongarch64	:= 10
KC_CONSOLE.loongarch64	:= ttyS0
KC_GUEST_LIMIT.loongarch64	:= 1200
