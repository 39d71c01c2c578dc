/* A small compiled program, as C compilers emit wasm: `run(n)` makes n
 * 16-byte records from a xorshift64* generator, sorts them twice through a
 * comparison callback (an indirect call per comparison; u64 and u32 keys),
 * checksums the bytes with a table-driven CRC-32 after each sort, and folds
 * the final order into a 64-bit FNV-1a hash. Built by src/c-source.ts with
 * clang --target=wasm32 -O2 and wasm-ld; no libc, no imports. */
typedef unsigned int u32;
typedef unsigned long long u64;

struct rec { u64 key; u32 id; u32 weight; };

#define MAX 20000
static struct rec recs[MAX];
static u32 crc_table[256];

static u64 rng_state;
static u64 next_rand(void) {
  u64 x = rng_state;
  x ^= x >> 12; x ^= x << 25; x ^= x >> 27;
  rng_state = x;
  return x * 0x2545F4914F6CDD1DULL;
}

typedef int (*cmp_fn)(const struct rec *, const struct rec *);

static int by_key(const struct rec *a, const struct rec *b) {
  return a->key < b->key ? -1 : a->key > b->key;
}
static int by_weight(const struct rec *a, const struct rec *b) {
  if (a->weight != b->weight) return a->weight < b->weight ? -1 : 1;
  return by_key(a, b);
}

static void swap(struct rec *a, struct rec *b) { struct rec t = *a; *a = *b; *b = t; }

static void quicksort(struct rec *v, int lo, int hi, cmp_fn cmp) {
  while (lo < hi) {
    struct rec pivot = v[lo + (hi - lo) / 2];
    int i = lo, j = hi;
    while (i <= j) {
      while (cmp(&v[i], &pivot) < 0) i++;
      while (cmp(&v[j], &pivot) > 0) j--;
      if (i <= j) { swap(&v[i], &v[j]); i++; j--; }
    }
    if (j - lo < hi - i) { quicksort(v, lo, j, cmp); lo = i; }
    else { quicksort(v, i, hi, cmp); hi = j; }
  }
}

static void crc_init(void) {
  for (u32 n = 0; n < 256; n++) {
    u32 c = n;
    for (int k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    crc_table[n] = c;
  }
}

static u32 crc32(const unsigned char *p, u32 len) {
  u32 c = 0xFFFFFFFFu;
  for (u32 i = 0; i < len; i++) c = crc_table[(c ^ p[i]) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

/* volatile keeps the comparator choice a real indirect call */
static cmp_fn volatile comparators[2] = { by_key, by_weight };

__attribute__((export_name("run")))
int run(int n) {
  if (n > MAX) n = MAX;
  rng_state = 0x9E3779B97F4A7C15ULL;
  crc_init();
  for (int i = 0; i < n; i++) {
    u64 r = next_rand();
    recs[i].key = r;
    recs[i].id = (u32)i;
    recs[i].weight = (u32)(r >> 58);
  }
  quicksort(recs, 0, n - 1, comparators[0]);
  u32 a = crc32((const unsigned char *)recs, (u32)n * sizeof(struct rec));
  quicksort(recs, 0, n - 1, comparators[1]);
  u32 b = crc32((const unsigned char *)recs, (u32)n * sizeof(struct rec));
  u64 h = 0xCBF29CE484222325ULL;
  for (int i = 0; i < n; i++) h = (h ^ recs[i].id) * 0x100000001B3ULL;
  return (int)(a ^ (b << 1) ^ (u32)h ^ (u32)(h >> 32));
}
