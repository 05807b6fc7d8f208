# tests/kernel/suite.mk - host unit tests of the kernel core (allocators,
# capabilities, CSpaces, objects), plain and under ASan/UBSan.
TEST_SUITES += kernel kernel-san

KCORE_TEST_SRCS := $(sort $(wildcard tests/kernel/*.c)) src/mm/pmm.c src/mm/heap.c \
	$(addprefix src/kernel/,error.c kobj.c captypes.c cspace.c sched.c ipc.c fastpath.c) src/selftest/random_ipc.c src/klib/chacha20.c \
	$(wildcard src/object/*.c)
# sched_yield is also a libc function (ASan calls it): rename ours on the host.
KCORE_HOST_DEFS := -Dsched_yield=kernel_sched_yield
KCORE_TEST_HDRS := $(wildcard tests/kernel/*.h tests/kernel/include/*.h include/kernel/*.h include/selftest/random_ipc.h) include/mm.h include/kconfig.h

$(H)/test_kernel: $(KCORE_TEST_SRCS) $(KCORE_TEST_HDRS)
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(HOSTCFLAGS) -Itests/kernel/include -Itests/kernel $(KCORE_HOST_DEFS) -o $@ $(KCORE_TEST_SRCS)

$(H)/test_kernel-san: $(KCORE_TEST_SRCS) $(KCORE_TEST_HDRS)
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(HOSTCFLAGS) $(SANFLAGS) -Itests/kernel/include -Itests/kernel $(KCORE_HOST_DEFS) -o $@ $(KCORE_TEST_SRCS)

.PHONY: test-kernel test-kernel-san
test-kernel test-kernel-san: test-%: $(H)/test_%
	@mkdir -p build/test-results
	@rm -f build/test-results/$*.counts; \
	$< - build/test-results/$*.counts; rc=$$?; \
	if [ -f build/test-results/$*.counts ]; then read p f s < build/test-results/$*.counts; \
	else p=0; f=1; s=0; fi; \
	bash tests/report.sh $* $$p $$f $$s; \
	[ $$rc -eq 0 ] && [ $$f -eq 0 ]
