import type { FuncType, ValueType } from '@wrl/core/backend';

const ids = new Map<string, number>();

/**
 * A small integer naming a function signature structurally, shared by every
 * module and host function, so call_indirect compares signatures with `===`.
 */
export function sigOf(ty: FuncType): number {
  const key = `${ty.params.join(',')}->${ty.results.join(',')}`;
  let id = ids.get(key);
  if (id === undefined) {
    id = ids.size;
    ids.set(key, id);
  }
  return id;
}

/** Words (4 bytes) a value of this type occupies in a frame. */
export function wordsOf(t: ValueType): number {
  return t === 'v128' ? 4 : 2;
}

export function wordsOfList(ts: readonly ValueType[]): number {
  let n = 0;
  for (const t of ts) n += wordsOf(t);
  return n;
}
