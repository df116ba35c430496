# matrix/: environment tooling.  kc-sandbox runs a command under a seccomp
# profile of lib/kc_sandbox.c (linked with -lseccomp through EXTRA_LDLIBS).
TOOL_PROGS += matrix/kc-sandbox
include matrix/kernel/module.mk
include matrix/clients/go/module.mk
