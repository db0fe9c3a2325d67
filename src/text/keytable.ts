/**
 * A string → id hash table that is probed with a slice of a code-unit array (plus an optional extra code
 * unit at the end), so the matcher can look up candidate stems without creating a string for each.
 */
export class KeyTable {
  private pool = new Uint16Array(4096);
  private poolLength = 0;
  private offsets: number[] = [];
  private lengths: number[] = [];
  private slots = new Int32Array(1024).fill(-1);
  // Cheap pre-check before hashing: which (length, first, last code unit) shapes have keys.
  private shapes = new Uint8Array(1 << 16);
  /** Caller-defined flags per id. */
  readonly flags: number[] = [];

  get size(): number {
    return this.offsets.length;
  }

  /** Removes every key, keeping the allocated memory. */
  clear(): void {
    this.poolLength = 0;
    this.offsets.length = 0;
    this.lengths.length = 0;
    this.flags.length = 0;
    this.slots.fill(-1);
    this.shapes.fill(0);
  }

  /** Id of codes[a, b) followed by `extra` (−1: nothing), or −1 if absent. */
  find(codes: ArrayLike<number>, a: number, b: number, extra = -1): number {
    const len = b - a + (extra >= 0 ? 1 : 0);
    if (len === 0) return -1;
    const last = extra >= 0 ? extra : (codes[b - 1] as number);
    if (this.shapes[shape(len, codes[a] as number, last)] === 0) return -1;
    const mask = this.slots.length - 1;
    let h = hash(codes, a, b, extra) & mask;
    for (;;) {
      const id = this.slots[h] as number;
      if (id < 0) return -1;
      if (this.lengths[id] === len && this.equals(id, codes, a, b, extra)) return id;
      h = (h + 1) & mask;
    }
  }

  findString(s: string): number {
    return this.find(toCodes(s), 0, s.length);
  }

  /** Id of codes[a, b) (+ extra), added if absent; `flags` are OR-ed into the id's flags. */
  add(codes: ArrayLike<number>, a: number, b: number, flags = 0, extra = -1): number {
    let id = this.find(codes, a, b, extra);
    if (id >= 0) {
      this.flags[id] = (this.flags[id] as number) | flags;
      return id;
    }
    const len = b - a + (extra >= 0 ? 1 : 0);
    if (this.poolLength + len > this.pool.length) {
      const p = new Uint16Array(Math.max(this.pool.length * 2, this.poolLength + len));
      p.set(this.pool);
      this.pool = p;
    }
    for (let i = a; i < b; i++) this.pool[this.poolLength++] = codes[i] as number;
    if (extra >= 0) this.pool[this.poolLength++] = extra;
    if (len > 0) {
      const first = this.pool[this.poolLength - len] as number;
      this.shapes[shape(len, first, this.pool[this.poolLength - 1] as number)] = 1;
    }
    id = this.offsets.length;
    this.offsets.push(this.poolLength - len);
    this.lengths.push(len);
    this.flags.push(flags);
    if (this.offsets.length * 2 > this.slots.length) this.rehash();
    else this.place(id, hash(codes, a, b, extra));
    return id;
  }

  addString(s: string, flags = 0): number {
    return this.add(toCodes(s), 0, s.length, flags);
  }

  /** The key of an id, as a string. */
  key(id: number): string {
    const o = this.offsets[id] as number;
    return String.fromCharCode(...this.pool.subarray(o, o + (this.lengths[id] as number)));
  }

  private equals(id: number, codes: ArrayLike<number>, a: number, b: number, extra: number): boolean {
    let o = this.offsets[id] as number;
    for (let i = a; i < b; i++) if (this.pool[o++] !== codes[i]) return false;
    return extra < 0 || this.pool[o] === extra;
  }

  private place(id: number, h: number): void {
    const mask = this.slots.length - 1;
    let s = h & mask;
    while ((this.slots[s] as number) >= 0) s = (s + 1) & mask;
    this.slots[s] = id;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 4).fill(-1);
    for (let id = 0; id < this.offsets.length; id++) {
      const o = this.offsets[id] as number;
      this.place(id, hash(this.pool, o, o + (this.lengths[id] as number), -1));
    }
  }
}

function shape(len: number, first: number, last: number): number {
  return ((len & 15) << 12) | ((first & 63) << 6) | (last & 63);
}

function hash(codes: ArrayLike<number>, a: number, b: number, extra: number): number {
  let h = 0x811c9dc5;
  for (let i = a; i < b; i++) h = Math.imul(h ^ (codes[i] as number), 0x01000193);
  if (extra >= 0) h = Math.imul(h ^ extra, 0x01000193);
  return (h ^ (h >>> 15)) >>> 0;
}

export function toCodes(s: string): Uint16Array {
  const out = new Uint16Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** Trie edges (node, key) → child node in one open-addressing table: no Map per node. */
export class EdgeTable {
  // Triples (node, key, child); node −1 marks an empty slot.
  private slots: Int32Array;
  private count = 0;

  /** `expected`: about how many edges will be added (the table starts at twice that, a power of two). */
  constructor(expected = 512) {
    let size = 1024;
    while (size < expected * 2) size *= 2;
    this.slots = new Int32Array(3 * size).fill(-1);
  }

  get(node: number, key: number): number {
    const mask = this.slots.length / 3 - 1;
    let h = edgeHash(node, key) & mask;
    for (;;) {
      const n = this.slots[3 * h] as number;
      if (n < 0) return -1;
      if (n === node && this.slots[3 * h + 1] === key) return this.slots[3 * h + 2] as number;
      h = (h + 1) & mask;
    }
  }

  /** Adds an edge that is not there yet. */
  set(node: number, key: number, child: number): void {
    if ((this.count + 1) * 2 > this.slots.length / 3) this.grow();
    this.place(node, key, child);
    this.count++;
  }

  private place(node: number, key: number, child: number): void {
    const mask = this.slots.length / 3 - 1;
    let h = edgeHash(node, key) & mask;
    while ((this.slots[3 * h] as number) >= 0) h = (h + 1) & mask;
    this.slots[3 * h] = node;
    this.slots[3 * h + 1] = key;
    this.slots[3 * h + 2] = child;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 4).fill(-1);
    for (let i = 0; i < old.length; i += 3)
      if ((old[i] as number) >= 0) this.place(old[i] as number, old[i + 1] as number, old[i + 2] as number);
  }
}

function edgeHash(node: number, key: number): number {
  const h = Math.imul(node, 0x9e3779b1) ^ Math.imul(key + 0x7f4a7c15, 0x85ebca77);
  return (h ^ (h >>> 16)) >>> 0;
}
