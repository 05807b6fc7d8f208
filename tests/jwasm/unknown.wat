;; unknown.wat - jwasm test: an import from an unknown module is a link error.
(module
  (import "env" "nothing" (func))
  (func (export "_start")))
