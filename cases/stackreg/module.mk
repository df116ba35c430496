# cases/stackreg: stack registration (STACK_REGISTER/CHANGE/DEREGISTER) with
# real stack switches, and the Go-like stack pool, under Valgrind.
#
# Config variables read by these cases (besides the runner's: valgrind,
# vgreq_extra_opts, vgreq_subject_dir):
#   stackreg_fault   passed to the subjects as a last argument (selftest
#                    knob): no_register, no_mark_heads, keep_heads;
#                    h_thread also keep_guess, deregister_guess
# encoding_test first: one case of 20 own launches, the longest of the run
# (kyua starts cases in Kyuafile order, mk/registry.mk KC_RUN_FIRST).
STACKREG_TESTS := encoding_test switch_test request_test pool_test thread_test
STACKREG_SUBJECTS := h_switch h_pool h_thread

ATF_PROGS += $(addprefix cases/stackreg/,$(STACKREG_TESTS))
# Kyua metadata (mk/registry.mk).  Each case runs its subject under Valgrind
# (twice: XML, then text log); the runner skips them where Valgrind is not
# installed.  Watchdog deadlines (lib/kc_case.h), as in cases/vgreq: about
# 4 s per launch, no less than the default 20 s (2 launches), 30 s for
# stack_switch__warning_text_only (4); the program timeout is the longest
# deadline + the 10 s margin (the lint checks no case's exceeds it).
TEST_METADATA.cases/stackreg := timeout=40
# Ten scenarios in both encodings, each twice (XML, text): 40 launches, 20
# its own (the macro ones are the other programs' shared launches), deadline
# 180 s.
TEST_METADATA.cases/stackreg/encoding_test := timeout=190
# Threaded subjects, cases with a 40 s watchdog deadline.
TEST_METADATA.cases/stackreg/thread_test := timeout=50
HELPER_PROGS += $(addprefix cases/stackreg/,$(STACKREG_SUBJECTS))

# The cases share the two-run helper (XML run + text-log run).
$(foreach t,$(STACKREG_TESTS),$(eval OBJS.cases/stackreg/$(t) := cases/stackreg/sr_case.o))

# Subjects: frames must name their functions (no tail calls), and -O1 keeps
# the frames Valgrind reports stable.
$(foreach s,$(STACKREG_SUBJECTS),$(eval CFLAGS.cases/stackreg/$(s) := -O1 -fno-optimize-sibling-calls))
