/* broker/exports.c - functions the wasm module exports for the host test
 * of the broker on the model kernel (tests/demos/mqtt_broker_test.mjs):
 * topic matching and filter checks on strings the test writes into
 * test_buffer(). The kernel only ever calls _start. */
#include "broker.h"
#include "mqtt_topic.h"

static uint8_t test_buf[512];

__attribute__((export_name("test_buffer"))) uint8_t *test_buffer(void)
{
    return test_buf;
}

__attribute__((export_name("match"))) int match(const uint8_t *f, uint32_t fn, const uint8_t *t, uint32_t tn)
{
    return mqtt_topic_match(f, fn, t, tn);
}

__attribute__((export_name("valid_filter"))) int valid_filter(const uint8_t *f, uint32_t fn)
{
    return broker_filter_ok(f, fn);
}
