;; 64-bit integer kernel: `n` steps of a xorshift64* generator folded into a
;; multiplicative 64-bit hash; returns the hash folded to 32 bits. Locals only.
(module
  (func (export "run") (param $n i32) (result i32)
    (local $i i32) (local $x i64) (local $h i64)
    (local.set $x (i64.const 0x9e3779b97f4a7c15))
    (local.set $h (i64.const 0xcbf29ce484222325))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $x (i64.xor (local.get $x) (i64.shr_u (local.get $x) (i64.const 12))))
        (local.set $x (i64.xor (local.get $x) (i64.shl (local.get $x) (i64.const 25))))
        (local.set $x (i64.xor (local.get $x) (i64.shr_u (local.get $x) (i64.const 27))))
        (local.set $h (i64.mul (i64.xor (local.get $h) (i64.mul (local.get $x) (i64.const 0x2545f4914f6cdd1d))) (i64.const 0x100000001b3)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i32.wrap_i64 (i64.xor (local.get $h) (i64.shr_u (local.get $h) (i64.const 32))))))
