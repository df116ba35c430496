# Build facts of arm (see mk/arch.mk for what each variable means).
KC_TRIPLET.arm	:= arm-linux-gnueabihf
KC_CROSS.arm	:= arm-linux-gnueabihf
KC_DEBARCH.arm	:= armhf
KC_QEMU.arm	:= qemu-arm
KC_MACHINE.arm	:= armv7l
KC_SUITE.arm	:= bookworm
KC_PKGS.arm	:= gcc-arm-linux-gnueabihf libc6-dev-armhf-cross
