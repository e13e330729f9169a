// Strings as UTF-16 code units and back, through Buffer's UTF-16LE coding: one native copy each
// way, where a loop of charCodeAt or String.fromCharCode in chunks costs per unit.

/** Is this machine little-endian? (Then UTF-16LE bytes are the code units as a Uint16Array.) */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * The code units of s in a Uint16Array of their own (a copy: writing to it leaves s as it is).
 * A Buffer from the pool is 8-byte aligned, as a Uint16Array view needs; on a big-endian machine
 * the bytes are swapped into the platform's order first.
 */
export function codeUnits(s: string): Uint16Array {
  const bytes = Buffer.from(s, 'utf16le');
  if (!LITTLE_ENDIAN) bytes.swap16();
  return new Uint16Array(bytes.buffer, bytes.byteOffset, s.length);
}

/**
 * The string of units[0, length). Buffer's UTF-16LE decoding copies the units as they are (lone
 * surrogates included, unlike TextDecoder). A function of its own, not written out in a caller's
 * loop: V8 optimizes a long loop while the first text is still in it, before the line after it has
 * ever run, and code optimized without a record of how that line behaves kept being thrown away
 * (normalizeText: 28 times in a batch).
 */
export function unitsToString(units: Uint16Array, length: number): string {
  return Buffer.from(units.buffer, units.byteOffset, length * 2).toString('utf16le');
}
