# tests/drivers/suite.mk - the driver tasks of drivers/ end to end on both
# architectures (tests/drivers/check.sh): each driver group of
# tests/drivers/ (drv-*) runs from the hostile table, in groups `hostile`
# does not run; check.sh boots `hostile=drv*`. The drivers' directives are
# tests/drivers/virtio-*.manifest; the test tasks are tests/drivers/*.c,
# with their directives in their headers or in NAME.manifest beside them.
TEST_SUITES += drivers-x86_64 drivers-arm64

DRV_TEST_CS := $(sort $(wildcard tests/drivers/*.c))
DRV_TEST_MANIFESTS := $(sort $(wildcard tests/drivers/*.manifest))
# a test task with a manifest beside it is listed by its manifest
DRV_TEST_DIRECTIVES := $(DRV_TEST_MANIFESTS) \
	$(filter-out $(DRV_TEST_MANIFESTS:.manifest=.c),$(DRV_TEST_CS))
HOSTILE_EXTRA += $(DRV_TEST_DIRECTIVES)
HOSTILE_EXTRA_WASMS += $(patsubst tests/drivers/%.c,$(B)/hostile/%.wasm,$(DRV_TEST_CS)) \
	$(addprefix $(B)/hostile/,$(notdir $(DRIVER_WASMS)))

$(B)/hostile/virtio-%.wasm: $(B)/drivers/virtio-%.wasm
	@mkdir -p $(dir $@)
	$(Q)cp $< $@

$(B)/hostile/%.wasm: tests/drivers/%.c $(SDK_HEADERS) $(wildcard drivers/net/*.h)
	@mkdir -p $(dir $@)
	$(Q)$(WASI_CLANG) $(SDK_CFLAGS) -c $< -o $@.o
	$(Q)$(WASI_CLANG) $(SDK_LDFLAGS) $@.o -o $@

.PHONY: test-drivers-x86_64 test-drivers-arm64
test-drivers-x86_64 test-drivers-arm64: test-drivers-%:
	@$(MAKE) --no-print-directory ARCH=$* kernel
	@bash tests/drivers/check.sh $*

# The directive files of the drivers' groups, for check.sh.
.PHONY: print-drv-directives
print-drv-directives:
	@echo $(DRV_TEST_DIRECTIVES)
