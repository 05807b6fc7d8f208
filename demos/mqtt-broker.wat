;; mqtt-broker.wat - an MQTT 3.1.1 broker as a wasm task. Clients `call`
;; its endpoint with MQTT control packets and get the broker's packets
;; for them in the reply; deliveries to a client that is not calling are
;; queued and announced on its notification (docs/demos.md, "mqtt").
;; The broker learns who calls from the badge of the caller's endpoint
;; capability (1..4), never from anything the client says.
;;
;; Handles CONNECT/CONNACK, PUBLISH (QoS 0 and 1, with PUBACK; QoS 2 is
;; granted as 1), SUBSCRIBE/SUBACK with '+' and '#' wildcards,
;; UNSUBSCRIBE/UNSUBACK, PINGREQ/PINGRESP, DISCONNECT, and retained
;; messages. It exits once CLIENTS (4) clients have disconnected.
;;
;; Slots: 0 console, 1 the broker endpoint (receive), 2..5 the
;; notifications of the clients with badges 1..4 (signal).
;; group: mqtt
;; prio: 20
;; caps: console:w endpoint:broker:r notification:n-pub-kitchen:w notification:n-pub-garage:w notification:n-sub-temps:w notification:n-sub-all:w
;; expect: broker: pub-kitchen connected (badge 1)
;; expect: broker: pub-garage connected (badge 2)
;; expect: broker: sub-temps connected (badge 3)
;; expect: broker: sub-all connected (badge 4)
;; expect: broker: sub-temps subscribed to sensors/+/temp (qos 1)
;; expect: broker: sub-all subscribed to sensors/# (qos 0)
;; expect: broker: sub-all subscribed to alerts/# (qos 1)
;; expect: broker: pub-kitchen published sensors/kitchen/temp (qos 1) to 2 subscribers
;; expect: broker: pub-kitchen published sensors/kitchen/humidity (qos 0) to 1 subscribers
;; expect: broker: pub-garage published sensors/garage/temp (qos 1) to 2 subscribers
;; expect: broker: pub-garage published sensors/garage/log (qos 0) to 1 subscribers
;; expect: broker: pub-garage published alerts/garage/door (qos 1) to 1 subscribers
;; expect: broker: pub-garage published garage/light (qos 0) to 0 subscribers
;; expect: broker: sub-temps unsubscribed from sensors/+/temp
;; expect: broker: all 4 clients disconnected
;; expect-not: malformed
;; expect-kernel: task mqtt-broker exited with code 0
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (import "jericho" "exit" (func $exit (param i32)))
  (import "jericho" "reply_recv" (func $reply_recv (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "jericho" "reply" (func $reply (param i32 i32 i32) (result i32)))
  (import "jericho" "signal" (func $signal (param i32 i32) (result i32)))

  ;; Memory map: 0x400..0x4ff the line being built, 0x500..0x51f digit scratch,
  ;; 0x1000.. strings; the broker's own tables are listed below.
  (memory (export "memory") 1)
  (global $CONSOLE i32 (i32.const 0))          ;; CSpace slot of the console
  (global $line_len (mut i32) (i32.const 0))   ;; bytes in the line buffer
  ;; Strings (NUL-terminated): $S_NAME is the address of each.
  (global $S_CONNECTED i32 (i32.const 0x1000)) (data (i32.const 0x1000) " connected (badge \00")
  (global $S_RPAREN i32 (i32.const 0x1013)) (data (i32.const 0x1013) ")\00")
  (global $S_BROKER i32 (i32.const 0x1015)) (data (i32.const 0x1015) "broker: \00")
  (global $S_SUBSCRIBED i32 (i32.const 0x101e)) (data (i32.const 0x101e) " subscribed to \00")
  (global $S_QOS i32 (i32.const 0x102e)) (data (i32.const 0x102e) " (qos \00")
  (global $S_PUBLISHED i32 (i32.const 0x1035)) (data (i32.const 0x1035) " published \00")
  (global $S_TO i32 (i32.const 0x1041)) (data (i32.const 0x1041) ") to \00")
  (global $S_SUBSCRIBERS i32 (i32.const 0x1047)) (data (i32.const 0x1047) " subscribers\00")
  (global $S_UNSUBSCRIBED i32 (i32.const 0x1054)) (data (i32.const 0x1054) " unsubscribed from \00")
  (global $S_DISCONNECTED i32 (i32.const 0x1068)) (data (i32.const 0x1068) " disconnected\00")
  (global $S_ALLDONE i32 (i32.const 0x1076)) (data (i32.const 0x1076) "all 4 clients disconnected\00")
  (global $S_MALFORMED i32 (i32.const 0x1091)) (data (i32.const 0x1091) " sent a malformed packet, ignoring the rest of its message\00")
  (global $S_UNKNOWN i32 (i32.const 0x10cc)) (data (i32.const 0x10cc) "message from unknown badge \00")
  (global $S_BADTYPE i32 (i32.const 0x10e8)) (data (i32.const 0x10e8) " sent packet type \00")
  (global $S_BADFILTER i32 (i32.const 0x10fb)) (data (i32.const 0x10fb) " asked for an invalid filter \00")
  (global $S_FULL i32 (i32.const 0x1119)) (data (i32.const 0x1119) "queue full, dropped a packet for \00")
  (global $S_BADTOPIC i32 (i32.const 0x113b)) (data (i32.const 0x113b) " published to an invalid topic\00")
  (global $S_MQTT i32 (i32.const 0x115a)) (data (i32.const 0x115a) "MQTT\00")
  (global $S_TOOLONG i32 (i32.const 0x115f)) (data (i32.const 0x115f) " sent a message longer than our buffer\00")

  ;; ---- output helpers: a line is built at 0x400 and written with one
  ;; console_write; the kernel prints it as "[name] text" ----------------

  ;; Append byte $c to the line (a full line silently drops the rest).
  (func $put_char (param $c i32)
    (if (i32.lt_u (global.get $line_len) (i32.const 255))
      (then
        (i32.store8 (i32.add (i32.const 0x400) (global.get $line_len)) (local.get $c))
        (global.set $line_len (i32.add (global.get $line_len) (i32.const 1))))))

  ;; Append the NUL-terminated string at $s.
  (func $put_str (param $s i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (i32.load8_u (local.get $s))))
        (call $put_char (i32.load8_u (local.get $s)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $next))))

  ;; Append $v as an unsigned decimal (digits built backwards from 0x520).
  (func $put_u64 (param $v i64)
    (local $p i32)
    (local.set $p (i32.const 0x520))
    (loop $digit
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (i32.store8 (local.get $p)
        (i32.add (i32.const 48) (i32.wrap_i64 (i64.rem_u (local.get $v) (i64.const 10)))))
      (local.set $v (i64.div_u (local.get $v) (i64.const 10)))
      (br_if $digit (i64.ne (local.get $v) (i64.const 0))))
    (block $done
      (loop $out
        (br_if $done (i32.ge_u (local.get $p) (i32.const 0x520)))
        (call $put_char (i32.load8_u (local.get $p)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $out))))

  ;; Append $v as a signed decimal.
  (func $put_i64 (param $v i64)
    (if (i64.lt_s (local.get $v) (i64.const 0))
      (then
        (call $put_char (i32.const 45))
        (local.set $v (i64.sub (i64.const 0) (local.get $v)))))
    (call $put_u64 (local.get $v)))

  ;; Append $v (an i32) as a signed decimal.
  (func $put_i32 (param $v i32)
    (call $put_i64 (i64.extend_i32_s (local.get $v))))

  ;; End the line with '\n' and write it with one console_write.
  (func $newline
    (call $put_char (i32.const 10))
    (drop (call $console_write (global.get $CONSOLE) (i32.const 0x400) (global.get $line_len)))
    (global.set $line_len (i32.const 0)))

  ;; ---- layout --------------------------------------------------------
  ;; 0x0800 message received (1 KiB)      0x0c00 its info record (24 bytes)
  ;; 0x3000 reply being sent (1 KiB)      0x3400 packet body scratch
  ;; 0x8000 clients[5] (0x40 each; index = badge, 0 unused):
  ;;        +0 connected, +4 queue length, +8 next packet id,
  ;;        +12 client id length, +16 client id (up to 32 bytes)
  ;; 0x9000 + badge * 0x400: the client's queue of packets (1 KiB)
  ;; 0xb000 subs[16] (0x50 each): +0 used, +4 badge, +8 qos,
  ;;        +12 filter length, +16 filter (up to 64 bytes)
  ;; 0xc000 retained[8] (0x100 each): +0 used, +4 topic length,
  ;;        +8 payload length, +12 qos, +16 topic (64), +80 payload (up to 176)
  (global $IN i32 (i32.const 0x0800))
  (global $INFO i32 (i32.const 0x0c00))
  (global $OUT i32 (i32.const 0x3000))
  (global $BODY i32 (i32.const 0x3400))
  (global $CLIENTS i32 (i32.const 0x8000))
  (global $QUEUES i32 (i32.const 0x9000))
  (global $SUBS i32 (i32.const 0xb000))
  (global $NSUBS i32 (i32.const 16))
  (global $RETAINED i32 (i32.const 0xc000))
  (global $NRETAINED i32 (i32.const 8))
  (global $QUEUE_SIZE i32 (i32.const 0x400))
  (global $MAX_BADGE i32 (i32.const 4))
  (global $CLIENTS_EXPECTED i32 (i32.const 4))  ;; exit after this many DISCONNECTs
  (global $EP i32 (i32.const 1))                ;; slot of our endpoint
  (global $disconnects (mut i32) (i32.const 0))

  ;; Append $len bytes at $p to the line (topics and payloads are not
  ;; NUL-terminated); bytes outside printable ASCII show as '.'.
  (func $put_bytes (param $p i32) (param $len i32)
    (local $c i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $len)))
        (local.set $c (i32.load8_u (local.get $p)))
        (call $put_char
          (select (local.get $c) (i32.const 46)
            (i32.and (i32.ge_u (local.get $c) (i32.const 32)) (i32.le_u (local.get $c) (i32.const 126)))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (local.set $len (i32.sub (local.get $len) (i32.const 1)))
        (br $next))))

  ;; Length of the NUL-terminated string at $s.
  (func $strlen (param $s i32) (result i32)
    (local $n i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (i32.load8_u (i32.add (local.get $s) (local.get $n)))))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $n))

  ;; 1 if the $n bytes at $a and $b are equal.
  (func $mem_eq (param $a i32) (param $b i32) (param $n i32) (result i32)
    (block $differ
      (loop $next
        (if (i32.eqz (local.get $n)) (then (return (i32.const 1))))
        (br_if $differ (i32.ne (i32.load8_u (local.get $a)) (i32.load8_u (local.get $b))))
        (local.set $a (i32.add (local.get $a) (i32.const 1)))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (i32.const 0))

  ;; ---- packet builder: the variable header and payload are built at
  ;; $BODY, then $pkt_finish prefixes the fixed header (type byte and the
  ;; remaining-length varint) while copying the packet to its destination.

  (global $body_len (mut i32) (i32.const 0))

  ;; Start a new packet body.
  (func $pkt_begin
    (global.set $body_len (i32.const 0)))

  ;; Append one byte to the body (a body is at most 512 bytes; more is dropped).
  (func $b8 (param $v i32)
    (if (i32.lt_u (global.get $body_len) (i32.const 512))
      (then
        (i32.store8 (i32.add (global.get $BODY) (global.get $body_len)) (local.get $v))
        (global.set $body_len (i32.add (global.get $body_len) (i32.const 1))))))

  ;; Append a big-endian u16 (MQTT's byte order).
  (func $b16 (param $v i32)
    (call $b8 (i32.shr_u (local.get $v) (i32.const 8)))
    (call $b8 (i32.and (local.get $v) (i32.const 0xff))))

  ;; Append $len raw bytes from $p.
  (func $braw (param $p i32) (param $len i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $len)))
        (call $b8 (i32.load8_u (local.get $p)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (local.set $len (i32.sub (local.get $len) (i32.const 1)))
        (br $next))))

  ;; Append an MQTT string: u16 length, then the bytes.
  (func $bstr (param $p i32) (param $len i32)
    (call $b16 (local.get $len))
    (call $braw (local.get $p) (local.get $len)))

  ;; Bytes the fixed header of a packet with this body needs: 1 + the
  ;; varint's length (1 byte per 7 bits of the remaining length).
  (func $header_len (param $rl i32) (result i32)
    (local $n i32)
    (local.set $n (i32.const 1))
    (loop $more
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (local.set $rl (i32.shr_u (local.get $rl) (i32.const 7)))
      (br_if $more (local.get $rl)))
    (local.get $n))

  ;; Write the finished packet (type byte $byte0, remaining length, body)
  ;; at $dst; return its total length. The caller checked the room.
  (func $pkt_finish (param $byte0 i32) (param $dst i32) (result i32)
    (local $p i32)
    (local $rl i32)
    (local $d i32)
    (local.set $p (local.get $dst))
    (i32.store8 (local.get $p) (local.get $byte0))
    (local.set $p (i32.add (local.get $p) (i32.const 1)))
    (local.set $rl (global.get $body_len))
    ;; remaining length: 7 bits a byte, least significant first, bit 7 = more
    (loop $digit
      (local.set $d (i32.and (local.get $rl) (i32.const 0x7f)))
      (local.set $rl (i32.shr_u (local.get $rl) (i32.const 7)))
      (if (local.get $rl) (then (local.set $d (i32.or (local.get $d) (i32.const 0x80)))))
      (i32.store8 (local.get $p) (local.get $d))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br_if $digit (local.get $rl)))
    (memory.copy (local.get $p) (global.get $BODY) (global.get $body_len))
    (i32.sub (i32.add (local.get $p) (global.get $body_len)) (local.get $dst)))

  ;; ---- reader: $rp walks a packet that ends at $rend; any read past the
  ;; end sets $bad (and returns 0), so a malformed packet is noticed once,
  ;; after it was parsed, without a check at every call site.

  (global $rp (mut i32) (i32.const 0))
  (global $rend (mut i32) (i32.const 0))
  (global $bad (mut i32) (i32.const 0))

  ;; 1 if $n more bytes can be read, else set $bad and return 0.
  (func $need (param $n i32) (result i32)
    (if (i32.gt_u (local.get $n) (i32.sub (global.get $rend) (global.get $rp)))
      (then (global.set $bad (i32.const 1)) (return (i32.const 0))))
    (i32.const 1))

  ;; Read one byte.
  (func $r8 (result i32)
    (local $v i32)
    (if (i32.eqz (call $need (i32.const 1))) (then (return (i32.const 0))))
    (local.set $v (i32.load8_u (global.get $rp)))
    (global.set $rp (i32.add (global.get $rp) (i32.const 1)))
    (local.get $v))

  ;; Read a big-endian u16.
  (func $r16 (result i32)
    (local $hi i32)
    (local.set $hi (call $r8))
    (i32.or (i32.shl (local.get $hi) (i32.const 8)) (call $r8)))

  ;; Read an MQTT string: returns the address of its bytes and leaves its
  ;; length in $str_len (0 and $bad set if it does not fit).
  (global $str_len (mut i32) (i32.const 0))
  (func $rstr (result i32)
    (local $p i32)
    (global.set $str_len (call $r16))
    (if (i32.eqz (call $need (global.get $str_len)))
      (then (global.set $str_len (i32.const 0)) (return (i32.const 0))))
    (local.set $p (global.get $rp))
    (global.set $rp (i32.add (global.get $rp) (global.get $str_len)))
    (local.get $p))

  ;; Decode the fixed header of the packet at $p (no further than $limit):
  ;; returns the type byte and sets $rp/$rend to the packet's variable part,
  ;; or returns -1 if the header is malformed or the packet does not fit.
  (func $pkt_open (param $p i32) (param $limit i32) (result i32)
    (local $byte0 i32)
    (local $rl i32)
    (local $shift i32)
    (local $d i32)
    (global.set $bad (i32.const 0))
    (global.set $rp (local.get $p))
    (global.set $rend (local.get $limit))
    (local.set $byte0 (call $r8))
    ;; remaining length: at most 4 bytes of 7 bits (MQTT 3.1.1, 2.2.3)
    (loop $digit
      (local.set $d (call $r8))
      (local.set $rl (i32.or (local.get $rl)
        (i32.shl (i32.and (local.get $d) (i32.const 0x7f)) (local.get $shift))))
      (local.set $shift (i32.add (local.get $shift) (i32.const 7)))
      (if (i32.and (i32.ne (i32.and (local.get $d) (i32.const 0x80)) (i32.const 0))
                 (i32.lt_u (local.get $shift) (i32.const 28)))
        (then (br $digit))))
    (if (i32.and (local.get $d) (i32.const 0x80)) (then (global.set $bad (i32.const 1))))
    (drop (call $need (local.get $rl)))
    (if (global.get $bad) (then (return (i32.const -1))))
    (global.set $rend (i32.add (global.get $rp) (local.get $rl)))
    (local.get $byte0))

  ;; ---- clients ---------------------------------------------------------

  ;; Address of client entry $b.
  (func $client (param $b i32) (result i32)
    (i32.add (global.get $CLIENTS) (i32.shl (local.get $b) (i32.const 6))))

  ;; Append client $b's name (its CONNECT client id, or "badge N" before).
  (func $put_client (param $b i32)
    (local $c i32)
    (local.set $c (call $client (local.get $b)))
    (if (i32.load (i32.add (local.get $c) (i32.const 12)))
      (then (call $put_bytes (i32.add (local.get $c) (i32.const 16))
                             (i32.load (i32.add (local.get $c) (i32.const 12)))))
      (else (call $put_str (global.get $S_UNKNOWN)) (call $put_i32 (local.get $b)))))

  ;; Start a log line "broker: NAME".
  (func $log_client (param $b i32)
    (call $put_str (global.get $S_BROKER))
    (call $put_client (local.get $b)))

  ;; Queue the packet being built (type byte $byte0) for client $b. If the
  ;; queue is full it is dropped (QoS 0 semantics; the demo never fills it).
  (func $queue (param $b i32) (param $byte0 i32)
    (local $c i32)
    (local $len i32)
    (local.set $c (call $client (local.get $b)))
    (local.set $len (i32.load (i32.add (local.get $c) (i32.const 4))))
    (if (i32.gt_u (i32.add (local.get $len)
                           (i32.add (global.get $body_len) (call $header_len (global.get $body_len))))
                  (global.get $QUEUE_SIZE))
      (then
        (call $put_str (global.get $S_BROKER))
        (call $put_str (global.get $S_FULL))
        (call $put_client (local.get $b))
        (call $newline)
        (return)))
    (i32.store (i32.add (local.get $c) (i32.const 4))
      (i32.add (local.get $len)
        (call $pkt_finish (local.get $byte0)
          (i32.add (i32.add (global.get $QUEUES) (i32.shl (local.get $b) (i32.const 10)))
                   (local.get $len))))))

  ;; A fresh packet identifier for a QoS 1 delivery to client $b (1..65535).
  (func $next_id (param $b i32) (result i32)
    (local $c i32)
    (local $id i32)
    (local.set $c (call $client (local.get $b)))
    (local.set $id (i32.add (i32.and (i32.load (i32.add (local.get $c) (i32.const 8))) (i32.const 0xfffe)) (i32.const 1)))
    (i32.store (i32.add (local.get $c) (i32.const 8)) (local.get $id))
    (local.get $id))

  ;; ---- topics ------------------------------------------------------------

  ;; 1 if the topic filter is valid: 1..64 bytes, '#' only as the whole
  ;; last level, '+' only as a whole level (MQTT 3.1.1, 4.7.1).
  (func $valid_filter (param $f i32) (param $n i32) (result i32)
    (local $i i32)
    (local $c i32)
    (if (i32.or (i32.eqz (local.get $n)) (i32.gt_u (local.get $n) (i32.const 64)))
      (then (return (i32.const 0))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $c (i32.load8_u (i32.add (local.get $f) (local.get $i))))
        (if (i32.or (i32.eq (local.get $c) (i32.const 35)) (i32.eq (local.get $c) (i32.const 43)))
          (then
            ;; a wildcard must start its level ...
            (if (i32.and (i32.ne (local.get $i) (i32.const 0))
                         (i32.ne (i32.load8_u (i32.sub (i32.add (local.get $f) (local.get $i)) (i32.const 1)))
                                 (i32.const 47)))
              (then (return (i32.const 0))))
            ;; ... '#' must be the last byte, '+' must end its level
            (if (i32.eq (local.get $c) (i32.const 35))
              (then (if (i32.ne (local.get $i) (i32.sub (local.get $n) (i32.const 1)))
                      (then (return (i32.const 0)))))
              (else (if (i32.and (i32.ne (local.get $i) (i32.sub (local.get $n) (i32.const 1)))
                                 (i32.ne (i32.load8_u (i32.add (i32.add (local.get $f) (local.get $i)) (i32.const 1)))
                                         (i32.const 47)))
                      (then (return (i32.const 0))))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i32.const 1))

  ;; 1 if a topic name is valid for PUBLISH: 1..64 bytes, no wildcards.
  (func $valid_topic (param $t i32) (param $n i32) (result i32)
    (local $i i32)
    (local $c i32)
    (if (i32.or (i32.eqz (local.get $n)) (i32.gt_u (local.get $n) (i32.const 64)))
      (then (return (i32.const 0))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $c (i32.load8_u (i32.add (local.get $t) (local.get $i))))
        (if (i32.or (i32.eq (local.get $c) (i32.const 35)) (i32.eq (local.get $c) (i32.const 43)))
          (then (return (i32.const 0))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i32.const 1))

  ;; 1 if topic [$t, $t+$tn) matches filter [$f, $f+$fn), level by level:
  ;; '+' matches one whole level, '#' the rest (and the parent: "a/#"
  ;; matches "a"); wildcards do not match topics starting with '$'.
  (func $match (param $f i32) (param $fn i32) (param $t i32) (param $tn i32) (result i32)
    (local $fi i32)
    (local $ti i32)
    (local $c i32)
    (if (i32.and (i32.gt_u (local.get $tn) (i32.const 0))
                 (i32.eq (i32.load8_u (local.get $t)) (i32.const 36)))
      (then
        (local.set $c (i32.load8_u (local.get $f)))
        (if (i32.or (i32.eq (local.get $c) (i32.const 35)) (i32.eq (local.get $c) (i32.const 43)))
          (then (return (i32.const 0))))))
    (loop $level
      (if (i32.ge_u (local.get $fi) (local.get $fn))
        (then (return (i32.eq (local.get $ti) (local.get $tn)))))
      (local.set $c (i32.load8_u (i32.add (local.get $f) (local.get $fi))))
      (if (i32.eq (local.get $c) (i32.const 35)) (then (return (i32.const 1))))
      (if (i32.eq (local.get $c) (i32.const 43))
        (then
          ;; '+': skip one topic level, whatever it holds
          (local.set $fi (i32.add (local.get $fi) (i32.const 1)))
          (block $end
            (loop $skip
              (br_if $end (i32.ge_u (local.get $ti) (local.get $tn)))
              (br_if $end (i32.eq (i32.load8_u (i32.add (local.get $t) (local.get $ti))) (i32.const 47)))
              (local.set $ti (i32.add (local.get $ti) (i32.const 1)))
              (br $skip))))
        (else
          ;; a literal level: every byte up to '/' must be equal
          (block $end
            (loop $same
              (br_if $end (i32.ge_u (local.get $fi) (local.get $fn)))
              (br_if $end (i32.eq (i32.load8_u (i32.add (local.get $f) (local.get $fi))) (i32.const 47)))
              (if (i32.ge_u (local.get $ti) (local.get $tn)) (then (return (i32.const 0))))
              (if (i32.ne (i32.load8_u (i32.add (local.get $f) (local.get $fi)))
                          (i32.load8_u (i32.add (local.get $t) (local.get $ti))))
                (then (return (i32.const 0))))
              (local.set $fi (i32.add (local.get $fi) (i32.const 1)))
              (local.set $ti (i32.add (local.get $ti) (i32.const 1)))
              (br $same)))
          ;; the topic's level must end here too
          (if (i32.and (i32.lt_u (local.get $ti) (local.get $tn))
                       (i32.ne (i32.load8_u (i32.add (local.get $t) (local.get $ti))) (i32.const 47)))
            (then (return (i32.const 0))))))
      ;; both at a level end: the filter ended, or it goes on after a '/'
      (if (i32.ge_u (local.get $fi) (local.get $fn))
        (then (return (i32.eq (local.get $ti) (local.get $tn)))))
      (if (i32.ge_u (local.get $ti) (local.get $tn))
        (then
          ;; the topic ended: only a final "/#" still matches
          (return (i32.and (i32.eq (i32.sub (local.get $fn) (local.get $fi)) (i32.const 2))
                           (i32.eq (i32.load8_u (i32.add (i32.add (local.get $f) (local.get $fi)) (i32.const 1)))
                                   (i32.const 35))))))
      (local.set $fi (i32.add (local.get $fi) (i32.const 1)))
      (local.set $ti (i32.add (local.get $ti) (i32.const 1)))
      (br $level))
    (i32.const 0))

  ;; ---- subscriptions -------------------------------------------------------

  ;; Address of subscription entry $i.
  (func $sub (param $i i32) (result i32)
    (i32.add (global.get $SUBS) (i32.mul (local.get $i) (i32.const 0x50))))

  ;; The entry of client $b for exactly this filter, or 0.
  (func $find_sub (param $b i32) (param $f i32) (param $n i32) (result i32)
    (local $i i32)
    (local $s i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (global.get $NSUBS)))
        (local.set $s (call $sub (local.get $i)))
        (if (i32.and (i32.and (i32.load (local.get $s))
                              (i32.eq (i32.load (i32.add (local.get $s) (i32.const 4))) (local.get $b)))
                     (i32.eq (i32.load (i32.add (local.get $s) (i32.const 12))) (local.get $n)))
          (then (if (call $mem_eq (i32.add (local.get $s) (i32.const 16)) (local.get $f) (local.get $n))
                  (then (return (local.get $s))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i32.const 0))

  ;; Add or update client $b's subscription; return the granted QoS, or
  ;; 0x80 (failure) if the filter is invalid or the table is full.
  (func $subscribe (param $b i32) (param $f i32) (param $n i32) (param $qos i32) (result i32)
    (local $s i32)
    (local $i i32)
    (if (i32.or (i32.eqz (call $valid_filter (local.get $f) (local.get $n)))
                (i32.gt_u (local.get $qos) (i32.const 2)))
      (then
        (call $log_client (local.get $b))
        (call $put_str (global.get $S_BADFILTER))
        (call $put_bytes (local.get $f) (select (local.get $n) (i32.const 64) (i32.le_u (local.get $n) (i32.const 64))))
        (call $newline)
        (return (i32.const 0x80))))
    ;; we do QoS 0 and 1; a request for 2 is granted 1 (allowed by 3.8.4)
    (if (i32.eq (local.get $qos) (i32.const 2)) (then (local.set $qos (i32.const 1))))
    (local.set $s (call $find_sub (local.get $b) (local.get $f) (local.get $n)))
    (if (i32.eqz (local.get $s))
      (then
        (block $found
          (loop $next
            (if (i32.ge_u (local.get $i) (global.get $NSUBS)) (then (return (i32.const 0x80))))
            (local.set $s (call $sub (local.get $i)))
            (br_if $found (i32.eqz (i32.load (local.get $s))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next)))
        (i32.store (local.get $s) (i32.const 1))
        (i32.store (i32.add (local.get $s) (i32.const 4)) (local.get $b))
        (i32.store (i32.add (local.get $s) (i32.const 12)) (local.get $n))
        (memory.copy (i32.add (local.get $s) (i32.const 16)) (local.get $f) (local.get $n))))
    (i32.store (i32.add (local.get $s) (i32.const 8)) (local.get $qos))
    (call $log_client (local.get $b))
    (call $put_str (global.get $S_SUBSCRIBED))
    (call $put_bytes (local.get $f) (local.get $n))
    (call $put_str (global.get $S_QOS))
    (call $put_i32 (local.get $qos))
    (call $put_str (global.get $S_RPAREN))
    (call $newline)
    (local.get $qos))

  ;; Remove every subscription of client $b (at DISCONNECT: clean session).
  (func $drop_subs (param $b i32)
    (local $i i32)
    (local $s i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (global.get $NSUBS)))
        (local.set $s (call $sub (local.get $i)))
        (if (i32.eq (i32.load (i32.add (local.get $s) (i32.const 4))) (local.get $b))
          (then (i32.store (local.get $s) (i32.const 0))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))

  ;; ---- delivery --------------------------------------------------------------

  ;; Queue a PUBLISH of (topic, payload) at QoS $qos for client $b, with the
  ;; RETAIN flag $retain, and signal the client's notification unless it
  ;; is the caller (who gets its queue in the reply anyway).
  (func $deliver (param $b i32) (param $caller i32) (param $t i32) (param $tn i32)
                 (param $p i32) (param $pn i32) (param $qos i32) (param $retain i32)
    (call $pkt_begin)
    (call $bstr (local.get $t) (local.get $tn))
    (if (local.get $qos) (then (call $b16 (call $next_id (local.get $b)))))
    (call $braw (local.get $p) (local.get $pn))
    (call $queue (local.get $b)
      (i32.or (i32.const 0x30) (i32.or (i32.shl (local.get $qos) (i32.const 1)) (local.get $retain))))
    (if (i32.ne (local.get $b) (local.get $caller))
      (then (drop (call $signal (i32.add (local.get $b) (i32.const 1)) (i32.const 1))))))

  ;; Send a published message to every client with a matching
  ;; subscription, once per client at the highest QoS granted to it
  ;; (capped by the publisher's). Returns how many clients got it.
  (func $fan_out (param $caller i32) (param $t i32) (param $tn i32) (param $p i32) (param $pn i32)
                 (param $qos i32) (result i32)
    (local $b i32)
    (local $i i32)
    (local $s i32)
    (local $best i32)
    (local $count i32)
    (local.set $b (i32.const 1))
    (block $clients_done
      (loop $each_client
        (br_if $clients_done (i32.gt_u (local.get $b) (global.get $MAX_BADGE)))
        (local.set $best (i32.const -1))
        (local.set $i (i32.const 0))
        (block $subs_done
          (loop $each_sub
            (br_if $subs_done (i32.ge_u (local.get $i) (global.get $NSUBS)))
            (local.set $s (call $sub (local.get $i)))
            (if (i32.and (i32.load (local.get $s))
                         (i32.eq (i32.load (i32.add (local.get $s) (i32.const 4))) (local.get $b)))
              (then
                (if (call $match (i32.add (local.get $s) (i32.const 16))
                                 (i32.load (i32.add (local.get $s) (i32.const 12)))
                                 (local.get $t) (local.get $tn))
                  (then
                    (if (i32.gt_s (i32.load (i32.add (local.get $s) (i32.const 8))) (local.get $best))
                      (then (local.set $best (i32.load (i32.add (local.get $s) (i32.const 8))))))))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $each_sub)))
        (if (i32.ge_s (local.get $best) (i32.const 0))
          (then
            (call $deliver (local.get $b) (local.get $caller) (local.get $t) (local.get $tn)
              (local.get $p) (local.get $pn)
              (select (local.get $best) (local.get $qos) (i32.lt_u (local.get $best) (local.get $qos)))
              (i32.const 0))
            (local.set $count (i32.add (local.get $count) (i32.const 1)))))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br $each_client)))
    (local.get $count))

  ;; Keep (topic, payload) as the topic's retained message; an empty
  ;; payload removes it (MQTT 3.1.1, 3.3.1.3). Too long to keep: ignored.
  (func $retain (param $t i32) (param $tn i32) (param $p i32) (param $pn i32) (param $qos i32)
    (local $i i32)
    (local $r i32)
    (local $free i32)
    (if (i32.gt_u (local.get $pn) (i32.const 176)) (then (return)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (global.get $NRETAINED)))
        (local.set $r (i32.add (global.get $RETAINED) (i32.shl (local.get $i) (i32.const 8))))
        (if (i32.load (local.get $r))
          (then
            (if (i32.eq (i32.load (i32.add (local.get $r) (i32.const 4))) (local.get $tn))
              (then (if (call $mem_eq (i32.add (local.get $r) (i32.const 16)) (local.get $t) (local.get $tn))
                      (then (local.set $free (local.get $r)) (br $done))))))
          (else (if (i32.eqz (local.get $free)) (then (local.set $free (local.get $r))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (if (i32.eqz (local.get $free)) (then (return)))
    (if (i32.eqz (local.get $pn)) (then (i32.store (local.get $free) (i32.const 0)) (return)))
    (i32.store (local.get $free) (i32.const 1))
    (i32.store (i32.add (local.get $free) (i32.const 4)) (local.get $tn))
    (i32.store (i32.add (local.get $free) (i32.const 8)) (local.get $pn))
    (i32.store (i32.add (local.get $free) (i32.const 12)) (local.get $qos))
    (memory.copy (i32.add (local.get $free) (i32.const 16)) (local.get $t) (local.get $tn))
    (memory.copy (i32.add (local.get $free) (i32.const 80)) (local.get $p) (local.get $pn)))

  ;; After a new subscription: queue every retained message that matches
  ;; it for client $b, with RETAIN set.
  (func $send_retained (param $b i32) (param $f i32) (param $fn i32) (param $qos i32)
    (local $i i32)
    (local $r i32)
    (local $q i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (global.get $NRETAINED)))
        (local.set $r (i32.add (global.get $RETAINED) (i32.shl (local.get $i) (i32.const 8))))
        (if (i32.load (local.get $r))
          (then
            (if (call $match (local.get $f) (local.get $fn)
                             (i32.add (local.get $r) (i32.const 16)) (i32.load (i32.add (local.get $r) (i32.const 4))))
              (then
                (local.set $q (i32.load (i32.add (local.get $r) (i32.const 12))))
                (call $deliver (local.get $b) (local.get $b)
                  (i32.add (local.get $r) (i32.const 16)) (i32.load (i32.add (local.get $r) (i32.const 4)))
                  (i32.add (local.get $r) (i32.const 80)) (i32.load (i32.add (local.get $r) (i32.const 8)))
                  (select (local.get $q) (local.get $qos) (i32.lt_u (local.get $q) (local.get $qos)))
                  (i32.const 1))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))

  ;; ---- the packets ---------------------------------------------------------
  ;; Each handler reads the packet between $rp and $rend and returns; the
  ;; caller checks $bad afterwards.

  ;; CONNECT: check protocol "MQTT" level 4, remember the client id, CONNACK.
  (func $on_connect (param $b i32)
    (local $name i32)
    (local $level i32)
    (local $id i32)
    (local $c i32)
    (local $rc i32)
    (local.set $name (call $rstr))
    (local.set $rc (select (i32.const 0) (i32.const 1)   ;; 1 = unacceptable protocol version
      (i32.and (i32.eq (global.get $str_len) (i32.const 4))
               (call $mem_eq (local.get $name) (global.get $S_MQTT) (i32.const 4)))))
    (local.set $level (call $r8))
    (if (i32.ne (local.get $level) (i32.const 4)) (then (local.set $rc (i32.const 1))))
    (drop (call $r8))    ;; connect flags (clean session is all we do)
    (drop (call $r16))   ;; keep alive (no timers in this demo)
    (local.set $id (call $rstr))
    (if (global.get $bad) (then (return)))
    (local.set $c (call $client (local.get $b)))
    (if (i32.eqz (local.get $rc))
      (then
        (i32.store (local.get $c) (i32.const 1))
        (i32.store (i32.add (local.get $c) (i32.const 12))
          (select (global.get $str_len) (i32.const 32) (i32.le_u (global.get $str_len) (i32.const 32))))
        (memory.copy (i32.add (local.get $c) (i32.const 16)) (local.get $id)
          (i32.load (i32.add (local.get $c) (i32.const 12))))
        (call $log_client (local.get $b))
        (call $put_str (global.get $S_CONNECTED))
        (call $put_i32 (local.get $b))
        (call $put_str (global.get $S_RPAREN))
        (call $newline)))
    (call $pkt_begin)
    (call $b8 (i32.const 0))          ;; no session present
    (call $b8 (local.get $rc))
    (call $queue (local.get $b) (i32.const 0x20)))

  ;; PUBLISH: PUBACK at QoS 1, keep it if retained, fan it out.
  (func $on_publish (param $b i32) (param $byte0 i32)
    (local $qos i32)
    (local $t i32)
    (local $tn i32)
    (local $id i32)
    (local $n i32)
    (local.set $qos (i32.and (i32.shr_u (local.get $byte0) (i32.const 1)) (i32.const 3)))
    (local.set $t (call $rstr))
    (local.set $tn (global.get $str_len))
    (if (local.get $qos) (then (local.set $id (call $r16))))
    (if (i32.or (global.get $bad) (i32.eq (local.get $qos) (i32.const 3))) (then (global.set $bad (i32.const 1)) (return)))
    (if (i32.eqz (call $valid_topic (local.get $t) (local.get $tn)))
      (then
        (call $log_client (local.get $b))
        (call $put_str (global.get $S_BADTOPIC))
        (call $newline)
        (return)))
    (if (local.get $qos)
      (then
        (call $pkt_begin)
        (call $b16 (local.get $id))
        (call $queue (local.get $b) (i32.const 0x40))
        (local.set $qos (i32.const 1))))
    (if (i32.and (local.get $byte0) (i32.const 1))
      (then (call $retain (local.get $t) (local.get $tn) (global.get $rp)
                          (i32.sub (global.get $rend) (global.get $rp)) (local.get $qos))))
    (local.set $n (call $fan_out (local.get $b) (local.get $t) (local.get $tn) (global.get $rp)
                                 (i32.sub (global.get $rend) (global.get $rp)) (local.get $qos)))
    (call $log_client (local.get $b))
    (call $put_str (global.get $S_PUBLISHED))
    (call $put_bytes (local.get $t) (local.get $tn))
    (call $put_str (global.get $S_QOS))
    (call $put_i32 (local.get $qos))
    (call $put_str (global.get $S_TO))
    (call $put_i32 (local.get $n))
    (call $put_str (global.get $S_SUBSCRIBERS))
    (call $newline))

  ;; SUBSCRIBE: one return code per filter in the SUBACK, then the
  ;; retained messages the new filters match.
  (func $on_subscribe (param $b i32)
    (local $id i32)
    (local $f i32)
    (local $fn i32)
    (local $q i32)
    (local $codes i32)
    (local $n i32)
    (local $i i32)
    (local.set $id (call $r16))
    ;; pass 1: subscribe, keeping the return codes at 0x3800
    (local.set $codes (i32.const 0x3800))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (global.get $rp) (global.get $rend)))
        (local.set $f (call $rstr))
        (local.set $fn (global.get $str_len))
        (local.set $q (call $r8))
        (br_if $done (global.get $bad))
        (br_if $done (i32.ge_u (local.get $n) (i32.const 16)))
        (i32.store8 (i32.add (local.get $codes) (local.get $n))
          (call $subscribe (local.get $b) (local.get $f) (local.get $fn) (local.get $q)))
        (i32.store (i32.add (i32.const 0x3820) (i32.shl (local.get $n) (i32.const 3))) (local.get $f))
        (i32.store (i32.add (i32.const 0x3824) (i32.shl (local.get $n) (i32.const 3))) (local.get $fn))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $next)))
    ;; a SUBSCRIBE with no filter is a protocol violation (3.8.3)
    (if (i32.eqz (local.get $n)) (then (global.set $bad (i32.const 1))))
    (if (global.get $bad) (then (return)))
    (call $pkt_begin)
    (call $b16 (local.get $id))
    (call $braw (local.get $codes) (local.get $n))
    (call $queue (local.get $b) (i32.const 0x90))
    ;; pass 2: retained messages, after the SUBACK (3.8.4)
    (block $done2
      (loop $next2
        (br_if $done2 (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $q (i32.load8_u (i32.add (local.get $codes) (local.get $i))))
        (if (i32.ne (local.get $q) (i32.const 0x80))
          (then
            (call $send_retained (local.get $b)
              (i32.load (i32.add (i32.const 0x3820) (i32.shl (local.get $i) (i32.const 3))))
              (i32.load (i32.add (i32.const 0x3824) (i32.shl (local.get $i) (i32.const 3))))
              (local.get $q))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next2))))

  ;; UNSUBSCRIBE: drop each named filter, then UNSUBACK.
  (func $on_unsubscribe (param $b i32)
    (local $id i32)
    (local $f i32)
    (local $fn i32)
    (local $s i32)
    (local $n i32)
    (local.set $id (call $r16))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (global.get $rp) (global.get $rend)))
        (local.set $f (call $rstr))
        (local.set $fn (global.get $str_len))
        (br_if $done (global.get $bad))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (local.set $s (call $find_sub (local.get $b) (local.get $f) (local.get $fn)))
        (if (local.get $s)
          (then
            (i32.store (local.get $s) (i32.const 0))
            (call $log_client (local.get $b))
            (call $put_str (global.get $S_UNSUBSCRIBED))
            (call $put_bytes (local.get $f) (local.get $fn))
            (call $newline)))
        (br $next)))
    (if (i32.eqz (local.get $n)) (then (global.set $bad (i32.const 1))))
    (if (global.get $bad) (then (return)))
    (call $pkt_begin)
    (call $b16 (local.get $id))
    (call $queue (local.get $b) (i32.const 0xb0)))

  ;; DISCONNECT: forget the client's session.
  (func $on_disconnect (param $b i32)
    (call $log_client (local.get $b))
    (call $put_str (global.get $S_DISCONNECTED))
    (call $newline)
    (call $drop_subs (local.get $b))
    (i32.store (call $client (local.get $b)) (i32.const 0))
    (global.set $disconnects (i32.add (global.get $disconnects) (i32.const 1))))

  ;; Handle every packet of the message client $b sent (in [$IN, $IN+$len)).
  (func $on_message (param $b i32) (param $len i32)
    (local $p i32)
    (local $end i32)
    (local $byte0 i32)
    (local $type i32)
    (local.set $p (global.get $IN))
    (local.set $end (i32.add (global.get $IN) (local.get $len)))
    (block $stop
      (loop $next
        (br_if $stop (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $byte0 (call $pkt_open (local.get $p) (local.get $end)))
        (if (i32.lt_s (local.get $byte0) (i32.const 0))
          (then (global.set $bad (i32.const 1)) (br $stop)))
        (local.set $type (i32.shr_u (local.get $byte0) (i32.const 4)))
        ;; fixed-header flags must be as 3.1.1 table 2.2 says, except PUBLISH's
        (if (i32.ne (local.get $type) (i32.const 3))
          (then
            (if (i32.ne (i32.and (local.get $byte0) (i32.const 0xf))
                        (select (i32.const 2) (i32.const 0)
                          (i32.or (i32.eq (local.get $type) (i32.const 8)) (i32.eq (local.get $type) (i32.const 10)))))
              (then (global.set $bad (i32.const 1)) (br $stop)))))
        (block $handled
          (if (i32.eq (local.get $type) (i32.const 1)) (then (call $on_connect (local.get $b)) (br $handled)))
          (if (i32.eqz (i32.load (call $client (local.get $b))))
            (then (global.set $bad (i32.const 1)) (br $stop)))   ;; anything before CONNECT
          (if (i32.eq (local.get $type) (i32.const 3)) (then (call $on_publish (local.get $b) (local.get $byte0)) (br $handled)))
          (if (i32.eq (local.get $type) (i32.const 4)) (then (drop (call $r16)) (br $handled)))  ;; PUBACK for a delivery
          (if (i32.eq (local.get $type) (i32.const 8)) (then (call $on_subscribe (local.get $b)) (br $handled)))
          (if (i32.eq (local.get $type) (i32.const 10)) (then (call $on_unsubscribe (local.get $b)) (br $handled)))
          (if (i32.eq (local.get $type) (i32.const 12))
            (then (call $pkt_begin) (call $queue (local.get $b) (i32.const 0xd0)) (br $handled)))
          (if (i32.eq (local.get $type) (i32.const 14)) (then (call $on_disconnect (local.get $b)) (br $stop)))
          (call $log_client (local.get $b))
          (call $put_str (global.get $S_BADTYPE))
          (call $put_i32 (local.get $type))
          (call $newline))
        (br_if $stop (global.get $bad))
        (local.set $p (global.get $rend))
        (br $next)))
    (if (global.get $bad)
      (then
        (call $log_client (local.get $b))
        (call $put_str (global.get $S_MALFORMED))
        (call $newline))))

  ;; Move client $b's queue into the reply buffer; return its length.
  (func $take_queue (param $b i32) (result i32)
    (local $c i32)
    (local $len i32)
    (local.set $c (call $client (local.get $b)))
    (local.set $len (i32.load (i32.add (local.get $c) (i32.const 4))))
    (memory.copy (global.get $OUT)
      (i32.add (global.get $QUEUES) (i32.shl (local.get $b) (i32.const 10))) (local.get $len))
    (i32.store (i32.add (local.get $c) (i32.const 4)) (i32.const 0))
    (local.get $len))

  ;; Exported for the host test of topic matching (tests/demos/mqtt_broker_test.mjs);
  ;; the kernel only ever calls _start.
  (export "match" (func $match))
  (export "valid_filter" (func $valid_filter))

  ;; Entry point: the server loop. Each turn replies to the previous
  ;; caller with its queue and receives the next message.
  (func (export "_start")
    (local $len i32)
    (local $badge i64)
    (local $b i32)
    (local $reply_len i32)
    (loop $serve
      (local.set $len (call $reply_recv (global.get $EP) (global.get $OUT) (local.get $reply_len)
                                        (global.get $IN) (i32.const 1024) (global.get $INFO)))
      (local.set $reply_len (i32.const 0))
      (local.set $badge (i64.load (global.get $INFO)))
      (if (i32.lt_s (local.get $len) (i32.const 0))
        (then (br $serve)))
      (if (i32.or (i64.eqz (local.get $badge)) (i64.gt_u (local.get $badge) (i64.extend_i32_u (global.get $MAX_BADGE))))
        (then
          (call $put_str (global.get $S_BROKER))
          (call $put_str (global.get $S_UNKNOWN))
          (call $put_u64 (local.get $badge))
          (call $newline)
          (br $serve)))
      (local.set $b (i32.wrap_i64 (local.get $badge)))
      (if (i32.and (i32.load (i32.add (global.get $INFO) (i32.const 16))) (i32.const 1))
        (then
          (call $log_client (local.get $b))
          (call $put_str (global.get $S_TOOLONG))
          (call $newline))
        (else (call $on_message (local.get $b) (local.get $len))))
      (local.set $reply_len (call $take_queue (local.get $b)))
      (br_if $serve (i32.lt_u (global.get $disconnects) (global.get $CLIENTS_EXPECTED))))
    ;; the last DISCONNECT still waits for its (empty) reply
    (drop (call $reply (global.get $OUT) (local.get $reply_len) (i32.const -1)))
    (call $put_str (global.get $S_BROKER))
    (call $put_str (global.get $S_ALLDONE))
    (call $newline)
    (call $exit (i32.const 0)))
)
