;; hostile-spawn-oom-reserve.wat - what hostile-spawn-oom.wat spawns
;; first and kills once the quota is full: what its task held (kernel stack,
;; task, CSpace, this module) comes back as the little room the spawns of
;; hostile-spawn-oom-big.wat then have. Never runs.
;; group: hostile-spawn-oom
;; start: no
(module
  (func (export "_start")))
