# drivers/drivers.mk - builds the driver tasks (drivers/README.md): each
# drivers/KIND/virtio-KIND.c linked with the shared virtio library
# (drivers/virtio/*.c) into $(B)/drivers/virtio-KIND.wasm, with the SDK's
# flags (sdk/sdk.mk). tests/drivers/suite.mk packs them into the hostile
# table under the directives of its manifests.

DRIVER_LIB_SRCS := $(wildcard drivers/virtio/*.c)
DRIVER_LIB_HDRS := $(wildcard drivers/virtio/*.h)
DRIVER_SRCS := $(wildcard drivers/*/virtio-*.c)
DRIVER_WASMS := $(patsubst %.c,$(B)/drivers/%.wasm,$(notdir $(DRIVER_SRCS)))
DRIVER_CFLAGS := $(SDK_CFLAGS) -std=gnu11

.PHONY: drivers
drivers: $(DRIVER_WASMS)

$(B)/drivers/%.o: drivers/virtio/%.c $(DRIVER_LIB_HDRS) $(SDK_HEADERS)
	@mkdir -p $(dir $@)
	$(Q)$(WASI_CLANG) $(DRIVER_CFLAGS) -c $< -o $@

# one rule per driver source (a pattern can name its stem only once)
define driver_main_rule
$$(B)/drivers/$(basename $(notdir $(1))).main.o: $(1) $$(DRIVER_LIB_HDRS) $$(SDK_HEADERS)
	@mkdir -p $$(dir $$@)
	$$(Q)$$(WASI_CLANG) $$(DRIVER_CFLAGS) -c $$< -o $$@
endef
$(foreach s,$(DRIVER_SRCS),$(eval $(call driver_main_rule,$(s))))

$(B)/drivers/virtio-%.wasm: $(B)/drivers/virtio-%.main.o \
		$(patsubst drivers/virtio/%.c,$(B)/drivers/%.o,$(DRIVER_LIB_SRCS))
	$(Q)$(WASI_CLANG) $(SDK_LDFLAGS) $^ -o $@

# keep the objects (intermediate otherwise: make would remove them)
.SECONDARY: $(patsubst drivers/virtio/%.c,$(B)/drivers/%.o,$(DRIVER_LIB_SRCS)) \
	$(patsubst %.wasm,%.main.o,$(DRIVER_WASMS))
