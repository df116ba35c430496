# Build facts of x86_64 (see mk/arch.mk for what each variable means).
KC_TRIPLET.x86_64	:= x86_64-linux-gnu
KC_CROSS.x86_64	:= x86_64-linux-gnu
KC_DEBARCH.x86_64	:= amd64
KC_QEMU.x86_64	:= qemu-x86_64
KC_MACHINE.x86_64	:= x86_64
# Target libraries: Debian's amd64 packages of this suite (matrix/fetch-sysroot.sh).
KC_SUITE.x86_64	:= bookworm
# The host compiler is this arch's cross compiler.
KC_PKGS.x86_64	:= gcc libc6-dev
# Kernel environments (matrix/kernel/run-kernel.sh; FACTS-environments §9):
# the qemu-system binary, its machine options, the console device, the host
# packages that boot it, the wall-clock limit of one guest in seconds, and
# the 32-bit suite run in the same kernel (compat syscalls).
KC_QEMU_SYSTEM.x86_64	:= qemu-system-x86_64
KC_QEMU_MACHINE.x86_64	:= -accel tcg -m 512
KC_CONSOLE.x86_64	:= ttyS0
# Kernel parameters of its guests.  no_timer_check: on a loaded host (load
# 20 on 2 cores) a TCG guest's IO-APIC timer check can miss the 8254 and the
# kernel panics "IO-APIC + timer doesn't work!" before /init (seen with
# 6.16.12); the check is for broken boards, not for qemu.
KC_KERNEL_APPEND.x86_64	:= no_timer_check
KC_KERNEL_PKGS.x86_64	:= qemu-system-x86 cpio
KC_GUEST_LIMIT.x86_64	:= 600
KC_COMPAT.x86_64	:= i686
# Kernel x Valgrind guests (run-kernel.sh --valgrind): the platform of the
# host's Valgrind tools (memcheck-<platform>) the initramfs holds, and the
# guest's limit in seconds: FACTS-environments §9 measured 13-20 min per
# 200 Valgrind cases in a guest; here, 2026-12-01 at a load of 13 on the 2
# cores, the 19 stackreg cases took 725 s in a 7.3 guest and a parity case
# 6-13 s, about 55 min for the whole suite.
KC_VGPLAT.x86_64	:= amd64-linux
KC_GUEST_LIMIT_VALGRIND.x86_64	:= 5400
# Their time scale (kc-run --time-scale: case timeouts, watchdog deadlines
# and Valgrind launch timeouts times this): measured here, 2026-12-01,
# stack_switch__registered_silent took 0.96 s on the host and more than its
# 20 s deadline in a 7.3 guest (load 4.5): Valgrind under TCG is 20x slower.
KC_GUEST_TIME_SCALE_VALGRIND.x86_64	:= 10
