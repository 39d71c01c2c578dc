;; Memory-heavy kernel: fills `n` bytes of linear memory (n a multiple of 4,
;; at most 4 MiB) with xorshift32 words, then hashes them byte by byte with
;; 32-bit FNV-1a. Returns the hash.
(module
  (memory 64)
  (func (export "run") (param $n i32) (result i32)
    (local $i i32) (local $x i32) (local $h i32)
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
    (local.set $h (i32.const 0x811c9dc5))
    (local.set $i (i32.const 0))
    (block $hashed
      (loop $hash
        (br_if $hashed (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $h
          (i32.mul
            (i32.xor (local.get $h) (i32.load8_u (local.get $i)))
            (i32.const 0x01000193)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $hash)))
    (local.get $h)))
