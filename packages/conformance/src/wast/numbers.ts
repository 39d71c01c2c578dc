/**
 * Exact parsing of WebAssembly text-format number literals. Floats are
 * parsed to an exact rational and rounded once, to nearest-even, in the
 * target format: going through a JS double first would round twice and get
 * some f32 literals wrong.
 */

/** An integer literal of `bits` width, as its unsigned bit pattern. */
export function parseInt(text: string, bits: 8 | 16 | 32 | 64): bigint {
  let s = text;
  let negative = false;
  if (s[0] === '+' || s[0] === '-') {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  const hex = s.startsWith('0x');
  const digits = hex ? s.slice(2) : s;
  if (!(hex ? /^[0-9a-fA-F](_?[0-9a-fA-F])*$/ : /^[0-9](_?[0-9])*$/).test(digits)) throw new SyntaxError(`invalid integer literal ${text}`);
  let n = BigInt((hex ? '0x' : '') + digits.replaceAll('_', ''));
  const limit = 1n << BigInt(bits);
  if (negative) {
    if (n > limit / 2n) throw new RangeError(`integer literal ${text} out of range for i${bits}`);
    n = -n;
  } else if (n >= limit) {
    throw new RangeError(`integer literal ${text} out of range for i${bits}`);
  }
  return BigInt.asUintN(bits, n);
}

interface FloatFormat {
  /** Significand bits including the implicit one. */
  readonly precision: number;
  readonly exponentBits: number;
}

export const F32: FloatFormat = { precision: 24, exponentBits: 8 };
export const F64: FloatFormat = { precision: 53, exponentBits: 11 };

/** A float literal's IEEE-754 bit pattern in `fmt` (f32 bits fit a number but are returned as bigint too). */
export function parseFloatBits(text: string, fmt: FloatFormat): bigint {
  let s = text;
  let sign = 0n;
  if (s[0] === '+' || s[0] === '-') {
    if (s[0] === '-') sign = 1n;
    s = s.slice(1);
  }
  const fracBits = BigInt(fmt.precision - 1);
  const expAll = (1n << BigInt(fmt.exponentBits)) - 1n;
  const signBit = sign << (fracBits + BigInt(fmt.exponentBits));
  const infBits = signBit | (expAll << fracBits);
  if (s === 'inf') return infBits;
  if (s === 'nan') return infBits | (1n << (fracBits - 1n));
  if (s.startsWith('nan:0x')) {
    const payloadText = s.slice(6);
    if (!/^[0-9a-fA-F](_?[0-9a-fA-F])*$/.test(payloadText)) throw new SyntaxError(`invalid NaN payload in ${text}`);
    const payload = BigInt('0x' + payloadText.replaceAll('_', ''));
    if (payload === 0n || payload >= 1n << fracBits) throw new RangeError(`NaN payload out of range in ${text}`);
    return infBits | payload;
  }
  const { num, den } = s.startsWith('0x') ? parseHexRational(s.slice(2), text) : parseDecimalRational(s, text);
  return signBit | roundToFormat(num, den, fmt, text);
}

interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

/** Exponents beyond these bounds are certainly zero or infinite in f64, so they are clamped to keep bigints small. */
const EXP_CLAMP = 5000;

function parseDecimalRational(s: string, text: string): Rational {
  const m = /^([0-9](?:_?[0-9])*)(?:\.((?:[0-9](?:_?[0-9])*)?))?(?:[eE]([+-]?[0-9](?:_?[0-9])*))?$/.exec(s);
  if (m === null) throw new SyntaxError(`invalid float literal ${text}`);
  const intPart = m[1]!.replaceAll('_', '');
  const fracPart = (m[2] ?? '').replaceAll('_', '');
  let exp = m[3] === undefined ? 0 : Number(m[3].replaceAll('_', ''));
  const mantissa = BigInt(intPart + fracPart);
  exp -= fracPart.length;
  if (mantissa === 0n) return { num: 0n, den: 1n };
  const digits = mantissa.toString().length;
  if (exp + digits > EXP_CLAMP) return { num: 1n << BigInt(EXP_CLAMP * 4), den: 1n };
  if (exp + digits < -EXP_CLAMP) return { num: 1n, den: 1n << BigInt(EXP_CLAMP * 4) };
  return exp >= 0 ? { num: mantissa * 10n ** BigInt(exp), den: 1n } : { num: mantissa, den: 10n ** BigInt(-exp) };
}

function parseHexRational(s: string, text: string): Rational {
  const h = '[0-9a-fA-F](?:_?[0-9a-fA-F])*';
  const m = new RegExp(`^(${h})(?:\\.((?:${h})?))?(?:[pP]([+-]?[0-9](?:_?[0-9])*))?$`).exec(s);
  if (m === null) throw new SyntaxError(`invalid float literal ${text}`);
  const intPart = m[1]!.replaceAll('_', '');
  const fracPart = (m[2] ?? '').replaceAll('_', '');
  let exp = m[3] === undefined ? 0 : Number(m[3].replaceAll('_', ''));
  const mantissa = BigInt('0x' + intPart + fracPart);
  exp -= 4 * fracPart.length;
  if (mantissa === 0n) return { num: 0n, den: 1n };
  const bits = mantissa.toString(2).length;
  if (exp + bits > EXP_CLAMP) return { num: 1n << BigInt(EXP_CLAMP), den: 1n };
  if (exp + bits < -EXP_CLAMP) return { num: 1n, den: 1n << BigInt(EXP_CLAMP) };
  return exp >= 0 ? { num: mantissa << BigInt(exp), den: 1n } : { num: mantissa, den: 1n << BigInt(-exp) };
}

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/** Rounds the positive rational num/den to nearest-even in `fmt`; returns the bits without the sign. */
function roundToFormat(num: bigint, den: bigint, fmt: FloatFormat, text: string): bigint {
  if (num === 0n) return 0n;
  const p = fmt.precision;
  const bias = (1 << (fmt.exponentBits - 1)) - 1;
  const emin = 1 - bias;
  const emax = bias;
  // e with 2^e <= num/den < 2^(e+1)
  let e = bitLength(num) - bitLength(den);
  if (e >= 0 ? num < den << BigInt(e) : num << BigInt(-e) < den) e--;
  const scaleExp = Math.max(e, emin) - (p - 1);
  // m = round(num/den / 2^scaleExp)
  let n = num;
  let d = den;
  if (scaleExp >= 0) d <<= BigInt(scaleExp);
  else n <<= BigInt(-scaleExp);
  let m = n / d;
  const rem2 = (n - m * d) * 2n;
  if (rem2 > d || (rem2 === d && (m & 1n) === 1n)) m++;
  let exponent = scaleExp + (p - 1);
  if (m === 1n << BigInt(p)) {
    m >>= 1n;
    exponent++;
  }
  if (exponent > emax) {
    throw new RangeError(`float literal ${text} is out of range`);
  }
  const fracMask = (1n << BigInt(p - 1)) - 1n;
  if (m < 1n << BigInt(p - 1)) return m; // subnormal (or zero): biased exponent 0
  return (BigInt(exponent + bias) << BigInt(p - 1)) | (m & fracMask);
}
