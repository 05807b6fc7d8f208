/* tests/broker/test_broker.h - what the broker's host tests share
 * (defined in test_broker.c): the check macro, exact heap copies, the
 * core with a recording transport, and packet helpers. */
#ifndef TESTS_BROKER_TEST_BROKER_H
#define TESTS_BROKER_TEST_BROKER_H

#include <stdio.h>

#include "broker.h"

extern int failures;
#define CHECK(c) do { if (!(c)) { printf("    %s:%d: %s\n", __FILE__, __LINE__, #c); failures++; } } while (0)

/* A heap copy of exactly n bytes (freed by the caller). */
uint8_t *dup_exact(const void *p, size_t n);

/* The core under test, what it logged, and whom it notified or closed. */
extern struct broker br;
extern char log_text[8192];
extern unsigned notified[BROKER_MAX_CLIENTS + 1], closed[BROKER_MAX_CLIENTS + 1];
void reset(void);
/* Send the bytes (an exact heap copy) from connection c, opening it first
 * if it is not (as the IPC transport does); returns the result. */
enum broker_result in(unsigned c, const char *bytes, size_t n);
#define IN(c, lit) in(c, lit, sizeof lit - 1)
/* Connection c's queued output, as hex (taken). */
const char *out(unsigned c);

/* CONNECT, clean session, with a client id of exactly two bytes */
#define CONNECT(id) "\x10" "\x0e" "\x00\x04MQTT" "\x04\x02\x00\x3c" "\x00\x02" id

/* test_sessions.c */
void test_persist(void);
void test_qos2_reconnect(void);
void test_will(void);
void test_takeover(void);
void test_client_ids(void);
void test_timeouts(void);
void test_window(void);
void test_limits(void);
void test_stats(void);
void test_stream(void);

#endif
