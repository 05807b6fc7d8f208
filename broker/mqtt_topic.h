/* broker/mqtt_topic.h - MQTT 3.1.1 topic names and filters (section 4.7):
 * syntax checks and matching with '+', '#' and '$'-topics. Pure functions
 * on byte ranges; UTF-8 and NUL are checked when a string is decoded
 * (mqtt_rstr). */
#ifndef BROKER_MQTT_TOPIC_H
#define BROKER_MQTT_TOPIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A topic filter: non-empty; '#' only as the whole last level, '+' only as
 * a whole level (4.7.1). */
bool mqtt_filter_valid(const uint8_t *f, size_t n);

/* A topic name for PUBLISH: non-empty, no wildcard (4.7.3, 3.3.2-2). */
bool mqtt_topic_valid(const uint8_t *t, size_t n);

/* Does topic t match filter f? Level by level: '+' matches one whole
 * level (an empty one too), '#' the rest of the topic and its parent
 * ("a/#" matches "a"); a filter starting with a wildcard matches no topic
 * starting with '$' (4.7.2). */
bool mqtt_topic_match(const uint8_t *f, size_t fn, const uint8_t *t, size_t tn);

#endif
