;; kill-during-memory-grow-victim.wat - grows its memory one page at a
;; time up to 32 pages (each grow allocates a new block, copies the
;; whole memory and frees the old one), then spins; it is killed by
;; kill-during-memory-grow.wat long before it is done.
;; group: hostile-regress-kill-grow
;; start: no
;; expect-kernel: task kill-during-memory-grow-victim killed: by task kill-during-memory-grow
(module
  (memory (export "memory") 1 32)
  (func (export "_start")
    (loop $grow
      (br_if $grow (i32.ne (memory.grow (i32.const 1)) (i32.const -1))))
    (loop $spin (br $spin))))
