;; A tight integer loop: a linear congruential generator folded into an
;; accumulator with shifts, xors and a multiply, `n` times. Locals only.
(module
  (func (export "run") (param $n i32) (result i32)
    (local $i i32) (local $x i32) (local $acc i32)
    (local.set $x (i32.const 12345))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $x
          (i32.add (i32.mul (local.get $x) (i32.const 1664525)) (i32.const 1013904223)))
        (local.set $acc
          (i32.xor
            (i32.rotl (local.get $acc) (i32.const 5))
            (i32.add (i32.shr_u (local.get $x) (i32.const 7)) (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $acc)))
