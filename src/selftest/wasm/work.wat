(module
  (import "jericho" "exit" (func $exit (param i32)))
  (func (export "_start") (call $exit (i32.const 7))))
