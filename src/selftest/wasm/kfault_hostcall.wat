(module
  ;; kfault=hostcall (src/selftest/kfault.c): a wasm call whose host
  ;; function, kernel code, faults: a kernel panic, not a trap
  (import "env" "boom" (func $boom))
  (func (export "run") (call $boom)))
