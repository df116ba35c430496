# cases/parity: every case of every kernel program natively and under
# Valgrind, verdicts compared (the parity table is parity_table.c).  One
# parity program per kernel program of PARITY_OF, cases/parity/<prog>, whose
# cases are that program's cases (`prog -l`, read when it is listed), so kyua
# runs, reports and parallelises the parity of each kernel case on its own:
# parity/pidfd_open_test:pidfd_open__bad_flags_einval.  Each is parity_test.c
# compiled with the kernel program and its timeout; derived in a late hook
# (mk/registry.mk), when the kernel directories' lists are complete.
PARITY_OF := cases/pidfd cases/clone3

define PARITY_DERIVE
PARITY_KERNEL := $(filter $(addsuffix /%,$(PARITY_OF)),$(ATF_PROGS))
PARITY_PROGS := $(addprefix cases/parity/,$(notdir $(PARITY_KERNEL)))
$(if $(filter-out $(words $(PARITY_KERNEL)),$(words $(sort $(PARITY_PROGS)))),\
    $(error cases/parity: two kernel programs share a name: $(PARITY_KERNEL)))
ATF_PROGS += $(PARITY_PROGS)
$(foreach k,$(PARITY_KERNEL),$(eval $(call PARITY_ONE,$(k),$(call kc_meta,$(k)))))
# The parity programs' objects: parity_test.c, once per kernel program (the
# kernel directories' module.mk give the timeouts compiled in).
$(PARITY_PROGS:%=$(B)/%.o): $(B)/cases/parity/%.o: cases/parity/parity_test.c \
    cases/parity/module.mk $(addsuffix /module.mk,$(PARITY_OF))
	@mkdir -p $(@D)
	$(CC) $(KC_CFLAGS) $(CFLAGS) $(CFLAGS.cases/parity/$*) -MMD -MP -c -o $@ $<
endef
REGISTRY_HOOKS += PARITY_DERIVE

# $(1): the kernel program (cases/<dir>/<prog>); $(2): its metadata.  Each
# parity case runs the kernel case natively and under Valgrind (in a lane
# shared with the program's other parity cases, lib/kc_vgbatch.h), each run
# followed by the case's cleanup, each with the kernel program's timeout T:
# its watchdog deadline is 5 x T + 20 s (PAR_DEADLINE_S in parity_test.c
# says why) and its kyua timeout that + the case macro's 10 s margin,
# 5 x T + 30 s, which is also the program's timeout here (the lint checks
# no case's exceeds it).
define PARITY_ONE
PARITY_T.$(notdir $(1)) := $(patsubst timeout=%,%,$(lastword $(filter timeout=%,$(2))))
TEST_METADATA.cases/parity/$(notdir $(1)) := timeout=$$(shell expr 5 \* $$(PARITY_T.$(notdir $(1))) + 30)
CFLAGS.cases/parity/$(notdir $(1)) := -DKC_PARITY_PROG='"$(patsubst cases/%,%,$(1))"' \
    -DKC_PARITY_TIMEOUT=$$(PARITY_T.$(notdir $(1)))
OBJS.cases/parity/$(notdir $(1)) := cases/parity/parity_table.o cases/parity/parity_report.o
endef
