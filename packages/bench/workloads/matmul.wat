;; Float kernel: C = A x B for n x n f64 matrices (n <= 128) in linear memory,
;; A and B filled with deterministic values; returns the sum of C.
;; Layout: A at 0, B at 131072, C at 262144 (128*128*8 bytes each).
(module
  (memory 6)
  (func $fill (param $base i32) (param $n i32) (param $seed f64)
    (local $i i32) (local $count i32)
    (local.set $count (i32.mul (local.get $n) (local.get $n)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
        (f64.store
          (i32.add (local.get $base) (i32.shl (local.get $i) (i32.const 3)))
          (f64.div
            (f64.add (local.get $seed) (f64.convert_i32_u (i32.rem_u (local.get $i) (i32.const 17))))
            (f64.const 7)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))
  (func (export "run") (param $n i32) (result f64)
    (local $i i32) (local $j i32) (local $k i32) (local $sum f64) (local $total f64)
    (call $fill (i32.const 0) (local.get $n) (f64.const 1.5))
    (call $fill (i32.const 131072) (local.get $n) (f64.const -0.25))
    (block $i_done
      (loop $i_next
        (br_if $i_done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $j (i32.const 0))
        (block $j_done
          (loop $j_next
            (br_if $j_done (i32.ge_u (local.get $j) (local.get $n)))
            (local.set $sum (f64.const 0))
            (local.set $k (i32.const 0))
            (block $k_done
              (loop $k_next
                (br_if $k_done (i32.ge_u (local.get $k) (local.get $n)))
                (local.set $sum
                  (f64.add (local.get $sum)
                    (f64.mul
                      (f64.load (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $k)) (i32.const 3)))
                      (f64.load offset=131072 (i32.shl (i32.add (i32.mul (local.get $k) (local.get $n)) (local.get $j)) (i32.const 3))))))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $k_next)))
            (f64.store offset=262144
              (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 3))
              (local.get $sum))
            (local.set $total (f64.add (local.get $total) (local.get $sum)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $j_next)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $i_next)))
    (local.get $total)))
