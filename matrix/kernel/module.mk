# matrix/kernel: Debian kernels under qemu-system.  kc-run is the static
# runner (/init of the initramfs, and a plain program on the host) that runs
# every case of every program and prints KTAP v1; it links no ATF library.
KC_VERSION ?= $(shell git describe --always --dirty 2>/dev/null || echo unknown)
KC_RUN_SRCS := matrix/kernel/kc-run.c matrix/kernel/kc_run_case.c matrix/kernel/kc_run_ktap.c

all: $(B)/matrix/kernel/kc-run $(B)/kc-programs.txt

$(B)/matrix/kernel/kc-run: $(KC_RUN_SRCS) matrix/kernel/kc_run.h
	@mkdir -p $(@D)
	$(CC) -static $(KC_CFLAGS) $(CFLAGS) -DKC_RUN_VERSION='"$(KC_VERSION)"' -o $@ $(KC_RUN_SRCS)
