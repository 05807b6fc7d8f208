;; kill-after-exit-victim.wat - exits at once; kill-after-exit.wat then
;; kills it through its capability while the reaper frees it.
;; group: hostile-regress-kill-after-exit
;; start: no
;; expect-kernel: task kill-after-exit-victim exited with code 0
(module
  (func (export "_start")))
