;; memory64.wat - jwasm test: a memory64 memory (i64 addresses, sizes and
;; grow; 64-bit offsets) and --disable memory64 rejecting it. table64 is
;; tested by the spec3 suite (wat2wasm 1.0.32 cannot write one).
(module
  (memory i64 1 3)
  (data (i64.const 8) "\2a")
  ;; the byte at a + 8: 42 at 0; a trap past the end, also at an address
  ;; beyond 2^32 (no wrap to a low address)
  (func (export "load") (param i64) (result i32) (i32.load8_u offset=8 (local.get 0)))
  ;; stores a byte at a, reads it back
  (func (export "store") (param i64 i32) (result i32)
    (i32.store8 (local.get 0) (local.get 1))
    (i32.load8_u (local.get 0)))
  ;; memory.grow by n pages (i64): the old size, -1 past the maximum
  (func (export "grow") (param i64) (result i64) (memory.grow (local.get 0)))
  (func (export "size") (result i64) (memory.size))
  ;; memory.fill of n bytes at d, then the byte at d + n - 1
  (func (export "fill") (param i64 i64) (result i32)
    (memory.fill (local.get 0) (i32.const 9) (local.get 1))
    (i32.load8_u (i64.sub (i64.add (local.get 0) (local.get 1)) (i64.const 1))))
)
