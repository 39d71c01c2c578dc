;; SIMD kernel: fills `n` bytes (a multiple of 16, at most 4 MiB) with
;; xorshift32 words, then folds them 16 bytes at a time: a multiply-add of
;; i32x4 lanes and a lanewise byte sum (i8x16.add), mixed with a rotate
;; (shifts) so no lane is dead. Returns the lanes folded to one i32.
(module
  (memory 64)
  (func (export "run") (param $n i32) (result i32)
    (local $i i32) (local $x i32) (local $acc v128) (local $bytes v128) (local $v v128)
    (local.set $x (i32.const 0x9e3779b9))
    (block $filled
      (loop $fill
        (br_if $filled (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 13))))
        (local.set $x (i32.xor (local.get $x) (i32.shr_u (local.get $x) (i32.const 17))))
        (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 5))))
        (i32.store (local.get $i) (local.get $x))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $fill)))
    (local.set $i (i32.const 0))
    (block $done
      (loop $fold
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $v (v128.load (local.get $i)))
        (local.set $acc
          (i32x4.add
            (i32x4.mul (local.get $acc) (i32x4.splat (i32.const 0x01000193)))
            (local.get $v)))
        (local.set $acc
          (v128.or (i32x4.shl (local.get $acc) (i32.const 5)) (i32x4.shr_u (local.get $acc) (i32.const 27))))
        (local.set $bytes (i8x16.add (local.get $bytes) (local.get $v)))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $fold)))
    (local.set $acc (v128.xor (local.get $acc) (local.get $bytes)))
    (i32.xor
      (i32.xor (i32x4.extract_lane 0 (local.get $acc)) (i32x4.extract_lane 1 (local.get $acc)))
      (i32.xor (i32x4.extract_lane 2 (local.get $acc)) (i32x4.extract_lane 3 (local.get $acc))))))
