;; mqtt-pub-kitchen.wat - an MQTT publisher: waits until both subscribers are
;; ready, publishes the kitchen's temperature (QoS 1) and humidity (QoS 0).
;;
;; Slots: 0 console, 1 the broker's endpoint (send; our badge 1 tells
;; the broker who we are), 2 our notification (the broker signals it when
;; it has queued packets for us).
;; group: mqtt
;; prio: 10
;; caps: console:w endpoint:broker:w:badge=1 notification:n-pub-kitchen:r
;; expect: connected, CONNACK rc 0
;; expect: SUBACK for packet 1: granted 0
;; expect: saw ready/sub-temps
;; expect: saw ready/sub-all
;; expect: UNSUBACK for packet 2
;; expect: both subscribers are ready
;; expect: PUBACK for packet 10
;; expect: PINGRESP
;; expect: disconnected
;; expect-not: malformed
;; expect-not: got 
;; expect-kernel: task mqtt-pub-kitchen exited with code 0
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (import "jericho" "exit" (func $exit (param i32)))
  (import "jericho" "call" (func $call (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "jericho" "wait" (func $wait (param i32) (result i64)))

  ;; Memory map: 0x400..0x4ff the line being built, 0x500..0x51f digit scratch,
  ;; 0x600..0x6ff error names, 0x1000.. strings; the client's buffers below.
  (memory (export "memory") 1)
  (global $CONSOLE i32 (i32.const 0))          ;; CSpace slot of the console
  (global $line_len (mut i32) (i32.const 0))   ;; bytes in the line buffer
  ;; Strings (NUL-terminated): $S_NAME is the address of each.
  (global $S_ERROR i32 (i32.const 0x1000)) (data (i32.const 0x1000) "error \00")
  (global $S_OK i32 (i32.const 0x1007)) (data (i32.const 0x1007) "ok \00")
  (global $S_ARROW i32 (i32.const 0x100b)) (data (i32.const 0x100b) " -> \00")
  (global $S_MQTT i32 (i32.const 0x1010)) (data (i32.const 0x1010) "MQTT\00")
  (global $S_READY i32 (i32.const 0x1015)) (data (i32.const 0x1015) "ready/\00")
  (global $S_SAW i32 (i32.const 0x101c)) (data (i32.const 0x101c) "saw \00")
  (global $S_GOT i32 (i32.const 0x1021)) (data (i32.const 0x1021) "got \00")
  (global $S_EQ i32 (i32.const 0x1026)) (data (i32.const 0x1026) " = \00")
  (global $S_COMMA i32 (i32.const 0x102a)) (data (i32.const 0x102a) ", \00")
  (global $S_BYTES i32 (i32.const 0x102d)) (data (i32.const 0x102d) " bytes\00")
  (global $S_QOS i32 (i32.const 0x1034)) (data (i32.const 0x1034) " (qos \00")
  (global $S_RPAREN i32 (i32.const 0x103b)) (data (i32.const 0x103b) ")\00")
  (global $S_CONNACK i32 (i32.const 0x103d)) (data (i32.const 0x103d) "connected, CONNACK rc \00")
  (global $S_PUBACK i32 (i32.const 0x1054)) (data (i32.const 0x1054) "PUBACK for packet \00")
  (global $S_SUBACK i32 (i32.const 0x1067)) (data (i32.const 0x1067) "SUBACK for packet \00")
  (global $S_GRANTED i32 (i32.const 0x107a)) (data (i32.const 0x107a) ": granted\00")
  (global $S_UNSUBACK i32 (i32.const 0x1084)) (data (i32.const 0x1084) "UNSUBACK for packet \00")
  (global $S_PINGRESP i32 (i32.const 0x1099)) (data (i32.const 0x1099) "PINGRESP\00")
  (global $S_BADTYPE i32 (i32.const 0x10a2)) (data (i32.const 0x10a2) "unexpected packet type \00")
  (global $S_CALLFAILED i32 (i32.const 0x10ba)) (data (i32.const 0x10ba) "call to the broker failed: \00")
  (global $S_MALFORMED i32 (i32.const 0x10d6)) (data (i32.const 0x10d6) "malformed packet from the broker\00")
  (global $S_DISCONNECTED i32 (i32.const 0x10f7)) (data (i32.const 0x10f7) "disconnected\00")
  (global $S_READY_ALL i32 (i32.const 0x1104)) (data (i32.const 0x1104) "both subscribers are ready\00")
  (global $S_ID i32 (i32.const 0x111f)) (data (i32.const 0x111f) "pub-kitchen\00")
  (global $S_READYPLUS i32 (i32.const 0x112b)) (data (i32.const 0x112b) "ready/+\00")
  (global $S_T1 i32 (i32.const 0x1133)) (data (i32.const 0x1133) "sensors/kitchen/temp\00")
  (global $S_P1 i32 (i32.const 0x1148)) (data (i32.const 0x1148) "21.5\00")
  (global $S_T2 i32 (i32.const 0x114d)) (data (i32.const 0x114d) "sensors/kitchen/humidity\00")
  (global $S_P2 i32 (i32.const 0x1166)) (data (i32.const 0x1166) "40%\00")
  (data (i32.const 0x600) "OK\00")
  (data (i32.const 0x610) "INVALID_SLOT\00")
  (data (i32.const 0x620) "EMPTY_SLOT\00")
  (data (i32.const 0x630) "WRONG_TYPE\00")
  (data (i32.const 0x640) "NO_RIGHTS\00")
  (data (i32.const 0x650) "BAD_ARGUMENT\00")
  (data (i32.const 0x660) "OUT_OF_BOUNDS\00")
  (data (i32.const 0x670) "WOULD_BLOCK\00")
  (data (i32.const 0x680) "SLOT_OCCUPIED\00")
  (data (i32.const 0x690) "NO_MEMORY\00")
  (data (i32.const 0x6a0) "QUOTA_EXCEEDED\00")
  (data (i32.const 0x6b0) "DESTROYED\00")
  (data (i32.const 0x6c0) "NOT_FOUND\00")
  (data (i32.const 0x6d0) "NO_CALLER\00")
  (data (i32.const 0x6e0) "TOO_LONG\00")
  (data (i32.const 0x6f0) "BAD_MODULE\00")

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

  ;; Append the name of error $code (docs/abi.md section 5; names are
  ;; 16-byte records at 0x600), or "error N" for a code we do not know.
  (func $put_err (param $code i32)
    (if (i32.lt_u (local.get $code) (i32.const 16))
      (then (call $put_str (i32.add (i32.const 0x600) (i32.shl (local.get $code) (i32.const 4)))))
      (else
        (call $put_str (global.get $S_ERROR))
        (call $put_i32 (local.get $code)))))

  ;; Append a system call's result: "ok N" for N >= 0, the error's name
  ;; for -code.
  (func $put_result (param $r i64)
    (if (i64.ge_s (local.get $r) (i64.const 0))
      (then
        (call $put_str (global.get $S_OK))
        (call $put_u64 (local.get $r)))
      (else (call $put_err (i32.wrap_i64 (i64.sub (i64.const 0) (local.get $r)))))))

  ;; Print the line "LABEL -> RESULT" for the i32 result of a call.
  (func $report (param $label i32) (param $r i32)
    (call $put_str (local.get $label))
    (call $put_str (global.get $S_ARROW))
    (call $put_result (i64.extend_i32_s (local.get $r)))
    (call $newline))

  ;; The same for an i64 result (clock_now, wait, poll_signal).
  (func $report64 (param $label i32) (param $r i64)
    (call $put_str (local.get $label))
    (call $put_str (global.get $S_ARROW))
    (call $put_result (local.get $r))
    (call $newline))

  ;; ---- layout --------------------------------------------------------
  ;; 0x0800 packets to send (1 KiB)   0x0c00 the broker's reply (1 KiB)
  ;; 0x3000 reply info (24 bytes)     0x3400 packet body scratch
  ;; 0x3800 a long payload (publishers)
  (global $OUTBUF i32 (i32.const 0x0800))
  (global $INBUF i32 (i32.const 0x0c00))
  (global $INFO i32 (i32.const 0x3000))
  (global $BODY i32 (i32.const 0x3400))
  (global $EP i32 (i32.const 1))      ;; slot: the broker's endpoint (badged)
  (global $NTFN i32 (i32.const 2))    ;; slot: our notification
  (global $out_len (mut i32) (i32.const 0))
  (global $msgs (mut i32) (i32.const 0))    ;; application messages received
  (global $ready (mut i32) (i32.const 0))   ;; "ready/..." messages received

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

  ;; ---- sending -------------------------------------------------------

  ;; Append the packet being built (type byte $byte0) to what the next
  ;; exchange sends.
  (func $send_pkt (param $byte0 i32)
    (if (i32.gt_u (i32.add (global.get $out_len)
                           (i32.add (global.get $body_len) (call $header_len (global.get $body_len))))
                  (i32.const 1024))
      (then (unreachable)))   ;; our own bug: we never queue that much
    (global.set $out_len (i32.add (global.get $out_len)
      (call $pkt_finish (local.get $byte0) (i32.add (global.get $OUTBUF) (global.get $out_len))))))

  ;; CONNECT with a clean session, keep-alive 60 s, client id $id.
  (func $connect (param $id i32)
    (call $pkt_begin)
    (call $bstr (global.get $S_MQTT) (i32.const 4))
    (call $b8 (i32.const 4))      ;; protocol level 4 = MQTT 3.1.1
    (call $b8 (i32.const 0x02))   ;; flags: clean session
    (call $b16 (i32.const 60))
    (call $bstr (local.get $id) (call $strlen (local.get $id)))
    (call $send_pkt (i32.const 0x10)))

  ;; SUBSCRIBE packet $id to one filter at QoS $qos.
  (func $subscribe (param $id i32) (param $filter i32) (param $qos i32)
    (call $pkt_begin)
    (call $b16 (local.get $id))
    (call $bstr (local.get $filter) (call $strlen (local.get $filter)))
    (call $b8 (local.get $qos))
    (call $send_pkt (i32.const 0x82)))

  ;; SUBSCRIBE packet $id to two filters at once.
  (func $subscribe2 (param $id i32) (param $f1 i32) (param $q1 i32) (param $f2 i32) (param $q2 i32)
    (call $pkt_begin)
    (call $b16 (local.get $id))
    (call $bstr (local.get $f1) (call $strlen (local.get $f1)))
    (call $b8 (local.get $q1))
    (call $bstr (local.get $f2) (call $strlen (local.get $f2)))
    (call $b8 (local.get $q2))
    (call $send_pkt (i32.const 0x82)))

  ;; UNSUBSCRIBE packet $id from one filter.
  (func $unsubscribe (param $id i32) (param $filter i32)
    (call $pkt_begin)
    (call $b16 (local.get $id))
    (call $bstr (local.get $filter) (call $strlen (local.get $filter)))
    (call $send_pkt (i32.const 0xa2)))

  ;; PUBLISH $len bytes at $payload to $topic at QoS $qos (packet id $id
  ;; when $qos > 0), RETAIN flag $retain.
  (func $publish (param $topic i32) (param $payload i32) (param $len i32)
                 (param $qos i32) (param $retain i32) (param $id i32)
    (call $pkt_begin)
    (call $bstr (local.get $topic) (call $strlen (local.get $topic)))
    (if (local.get $qos) (then (call $b16 (local.get $id))))
    (call $braw (local.get $payload) (local.get $len))
    (call $send_pkt (i32.or (i32.const 0x30)
      (i32.or (i32.shl (local.get $qos) (i32.const 1)) (local.get $retain)))))

  ;; PUBACK for a QoS 1 message we received.
  (func $puback (param $id i32)
    (call $pkt_begin)
    (call $b16 (local.get $id))
    (call $send_pkt (i32.const 0x40)))

  ;; A packet with no variable part (PINGREQ 0xc0, DISCONNECT 0xe0).
  (func $simple (param $byte0 i32)
    (call $pkt_begin)
    (call $send_pkt (local.get $byte0)))

  ;; ---- receiving -----------------------------------------------------------

  ;; Print "LABEL N" and end the line.
  (func $say_n (param $label i32) (param $n i32)
    (call $put_str (local.get $label))
    (call $put_i32 (local.get $n))
    (call $newline))

  ;; A PUBLISH from the broker: print it, count it, queue the PUBACK.
  (func $on_publish (param $byte0 i32)
    (local $qos i32)
    (local $t i32)
    (local $tn i32)
    (local $id i32)
    (local $n i32)
    (local.set $qos (i32.and (i32.shr_u (local.get $byte0) (i32.const 1)) (i32.const 3)))
    (local.set $t (call $rstr))
    (local.set $tn (global.get $str_len))
    (if (local.get $qos) (then (local.set $id (call $r16))))
    (if (global.get $bad) (then (return)))
    (local.set $n (i32.sub (global.get $rend) (global.get $rp)))
    (if (i32.and (i32.ge_u (local.get $tn) (i32.const 6))
                 (call $mem_eq (local.get $t) (global.get $S_READY) (i32.const 6)))
      (then
        (global.set $ready (i32.add (global.get $ready) (i32.const 1)))
        (call $put_str (global.get $S_SAW))
        (call $put_bytes (local.get $t) (local.get $tn))
        (call $newline))
      (else
        (global.set $msgs (i32.add (global.get $msgs) (i32.const 1)))
        (call $put_str (global.get $S_GOT))
        (call $put_bytes (local.get $t) (local.get $tn))
        (if (i32.le_u (local.get $n) (i32.const 32))
          (then
            (call $put_str (global.get $S_EQ))
            (call $put_bytes (global.get $rp) (local.get $n)))
          (else
            (call $put_str (global.get $S_COMMA))
            (call $put_i32 (local.get $n))
            (call $put_str (global.get $S_BYTES))))
        (call $put_str (global.get $S_QOS))
        (call $put_i32 (local.get $qos))
        (call $put_str (global.get $S_RPAREN))
        (call $newline)))
    (if (local.get $qos) (then (call $puback (local.get $id)))))

  ;; One packet from the broker (type byte $byte0, body at $rp..$rend).
  (func $on_packet (param $byte0 i32)
    (local $type i32)
    (local.set $type (i32.shr_u (local.get $byte0) (i32.const 4)))
    (block $done
      (if (i32.eq (local.get $type) (i32.const 2))
        (then
          (drop (call $r8))   ;; session present
          (call $say_n (global.get $S_CONNACK) (call $r8))
          (br $done)))
      (if (i32.eq (local.get $type) (i32.const 3)) (then (call $on_publish (local.get $byte0)) (br $done)))
      (if (i32.eq (local.get $type) (i32.const 4)) (then (call $say_n (global.get $S_PUBACK) (call $r16)) (br $done)))
      (if (i32.eq (local.get $type) (i32.const 9))
        (then
          (call $put_str (global.get $S_SUBACK))
          (call $put_i32 (call $r16))
          (call $put_str (global.get $S_GRANTED))
          (block $end
            (loop $code
              (br_if $end (i32.ge_u (global.get $rp) (global.get $rend)))
              (call $put_char (i32.const 32))
              (call $put_i32 (call $r8))
              (br $code)))
          (call $newline)
          (br $done)))
      (if (i32.eq (local.get $type) (i32.const 11)) (then (call $say_n (global.get $S_UNSUBACK) (call $r16)) (br $done)))
      (if (i32.eq (local.get $type) (i32.const 13))
        (then (call $put_str (global.get $S_PINGRESP)) (call $newline) (br $done)))
      (call $say_n (global.get $S_BADTYPE) (local.get $type))))

  ;; Send what is queued (possibly nothing: a fetch) with `call` and handle
  ;; every packet of the reply.
  (func $exchange
    (local $r i32)
    (local $p i32)
    (local $end i32)
    (local $byte0 i32)
    (local.set $r (call $call (global.get $EP) (global.get $OUTBUF) (global.get $out_len)
                              (global.get $INBUF) (i32.const 1024) (global.get $INFO)))
    (global.set $out_len (i32.const 0))
    (if (i32.lt_s (local.get $r) (i32.const 0))
      (then
        (call $put_str (global.get $S_CALLFAILED))
        (call $put_err (i32.sub (i32.const 0) (local.get $r)))
        (call $newline)
        (call $exit (i32.const 1))))
    (local.set $p (global.get $INBUF))
    (local.set $end (i32.add (global.get $INBUF) (local.get $r)))
    (block $stop
      (loop $next
        (br_if $stop (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $byte0 (call $pkt_open (local.get $p) (local.get $end)))
        (if (i32.lt_s (local.get $byte0) (i32.const 0)) (then (global.set $bad (i32.const 1)) (br $stop)))
        (call $on_packet (local.get $byte0))
        (br_if $stop (global.get $bad))
        (local.set $p (global.get $rend))
        (br $next)))
    (if (global.get $bad)
      (then (call $put_str (global.get $S_MALFORMED)) (call $newline))))

  ;; Sleep on our notification until the broker has something for us,
  ;; then fetch it.
  (func $wait_and_fetch
    (drop (call $wait (global.get $NTFN)))
    (call $exchange))

  ;; Wait until both subscribers have announced themselves: they publish
  ;; a retained "ready/NAME" once subscribed, so a SUBSCRIBE to "ready/+"
  ;; gets them whether they came before or after us.
  (func $wait_for_subscribers
    (call $subscribe (i32.const 1) (global.get $S_READYPLUS) (i32.const 0))
    (call $exchange)
    (block $ok
      (loop $more
        (br_if $ok (i32.ge_u (global.get $ready) (i32.const 2)))
        (call $wait_and_fetch)
        (br $more)))
    (call $unsubscribe (i32.const 2) (global.get $S_READYPLUS))
    (call $exchange)
    (call $put_str (global.get $S_READY_ALL))
    (call $newline))

  ;; PINGREQ, then DISCONNECT, and exit.
  (func $finish
    (call $simple (i32.const 0xc0))
    (call $exchange)
    (call $simple (i32.const 0xe0))
    (call $exchange)
    (call $put_str (global.get $S_DISCONNECTED))
    (call $newline)
    (call $exit (i32.const 0)))

  ;; Entry point.
  (func (export "_start")
    (call $connect (global.get $S_ID))
    (call $exchange)
    (call $wait_for_subscribers)
    (call $publish (global.get $S_T1) (global.get $S_P1) (call $strlen (global.get $S_P1))
                   (i32.const 1) (i32.const 0) (i32.const 10))
    (call $exchange)
    (call $publish (global.get $S_T2) (global.get $S_P2) (call $strlen (global.get $S_P2))
                   (i32.const 0) (i32.const 0) (i32.const 0))
    (call $exchange)
    (call $finish))
)
