# tests/bootpack/suite.mk - host unit tests of the boot-module archive
# parser (src/boot/archive.c, docs/bootpack.md) under ASan/UBSan:
# hand-made valid and malformed archives, then the archive the build makes
# ($(B)/jericho.pak), every truncation of it and random mutants.
TEST_SUITES += bootpack

BOOTPACK_TEST_SRCS := tests/bootpack/test_bootpack.c src/boot/archive.c \
	src/klib/printf.c src/klib/string.c src/interp/features.c
$(H)/test_bootpack: $(BOOTPACK_TEST_SRCS) include/boot/archive.h include/boot/modules.h \
		include/kbench/bench_wasm.h include/klib.h
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) -Itests/klib/include $(filter-out -MMD -MP,$(HOSTCFLAGS)) $(SANFLAGS) -fno-builtin \
		-Dmemcpy=kl_memcpy -Dmemmove=kl_memmove -Dmemset=kl_memset -Dmemcmp=kl_memcmp \
		-Dstrlen=kl_strlen -Dstrnlen=kl_strnlen -Dstrcmp=kl_strcmp -Dstrncmp=kl_strncmp \
		-Dstrchr=kl_strchr -Dstrlcpy=kl_strlcpy -o $@ $(BOOTPACK_TEST_SRCS)

.PHONY: test-bootpack
test-bootpack: $(H)/test_bootpack $(PAK)
	@mkdir -p build/test-results
	@$< bootpack build/test-results/bootpack.txt $(PAK)
