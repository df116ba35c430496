# Build facts of riscv64 (see mk/arch.mk for what each variable means).
KC_TRIPLET.riscv64	:= riscv64-linux-gnu
KC_CROSS.riscv64	:= riscv64-linux-gnu
KC_DEBARCH.riscv64	:= riscv64
KC_QEMU.riscv64	:= qemu-riscv64
KC_MACHINE.riscv64	:= riscv64
# riscv64 became a Debian release arch in trixie: bookworm has no libraries.
KC_SUITE.riscv64	:= trixie
KC_PKGS.riscv64	:= gcc-riscv64-linux-gnu libc6-dev-riscv64-cross
# Kernel environments (see x86_64/arch.mk; FACTS-environments §9): the
# kernel runs in S-mode under OpenSBI, which -bios default loads from the
# opensbi package (qemu-system-misc links its fw_dynamic there).
KC_QEMU_SYSTEM.riscv64	:= qemu-system-riscv64
KC_QEMU_MACHINE.riscv64	:= -M virt -m 1024 -bios default
KC_CONSOLE.riscv64	:= ttyS0
KC_KERNEL_PKGS.riscv64	:= qemu-system-misc opensbi cpio
KC_GUEST_LIMIT.riscv64	:= 1200
# Debian's Valgrind for this arch (FACTS-environments §7, §8): suite and the
# platform of its tool binaries (memcheck-<platform>), for the qemu-user runs.
KC_VGSUITE.riscv64	:= sid
KC_VGPLAT.riscv64	:= riscv64-linux
# valgrind.h knows riscv64 from 3.25 (PLAT_riscv64_linux); the host's
# bookworm 3.19 does not: the builds use sid's header (FACTS-environments §7).
KC_VGHSUITE.riscv64	:= sid
