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
