// Generates src/text/t2cn-tables.ts, the data of src/text/t2cn.ts, from the installed opencc-js.
//
// opencc-js `Converter({ from: 't', to: 'cn' })` is its preset config `t2s`: a normalization chain
// (CJK_Compatibility_Ideographs) run over the whole text, then a conversion chain (TSPhrases +
// TSCharacters) run over its result, each one trie applied by greedy longest match, code point by
// code point. Here both are flattened ahead of time into
//   - one-code-point results: φ (the normalization) then the conversion's one-code-point entry,
//     for every code point whose result differs from it;
//   - φ itself (phrases are matched on normalized text);
//   - the phrases (conversion entries of two or more code points), grouped by first code unit,
//     longest first, so that the first one that matches is the longest match.
// The script checks the assumptions the flattening relies on, and fails when a new opencc-js breaks
// them: normalization entries are one code point to one; no key holds an ideographic description
// character (opencc-js skips whole description sequences where nothing matches); phrase keys are
// BMP-only. Data made at development time rather than built from opencc-js at first use: the
// flattened tables are ~25k code units of strings, turned into typed arrays in ~2 ms, while
// requiring opencc-js and reading its dictionaries takes ~10 ms before any table is built (its own
// tries: ~20 ms and ~2 MB of heap), and would load its 110 kB bundle into every worker.
//
//   node scripts/gen-t2cn-tables.mjs          write the file
//   node scripts/gen-t2cn-tables.mjs --check  exit 1 when the file is out of date
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
// The package exports no package.json; find its root from the t2cn entry (dist/umd/t2cn.js).
const pkgRoot = path.resolve(path.dirname(require.resolve('opencc-js/t2cn')), '../..');
const version = JSON.parse(readFileSync(path.join(pkgRoot, 'package.json'), 'utf8')).version;

const isIdsOperator = (cp) => cp >= 0x2ff0 && cp <= 0x2fff;
const codePoints = (s) => [...s].map((ch) => ch.codePointAt(0));

function fail(message) {
  throw new Error(`gen-t2cn-tables: ${message}; src/text/t2cn.ts must be revised for this opencc-js`);
}

/** Entries of a dictionary as opencc-js's Trie.loadDict reads them. */
function dictEntries(dict) {
  if (typeof dict !== 'string') return dict.map(([from, to]) => [from, to]);
  return dict.split('|').map((line) => {
    const [from, to] = line.split(' ');
    return [from, to];
  });
}

/** key → value of one trie, as Trie.loadDictGroup builds it: later dictionaries first, so earlier ones win. */
function groupMap(group) {
  const map = new Map();
  for (const dict of group.slice().reverse()) {
    for (const [from, to] of dictEntries(dict)) {
      if (typeof to !== 'string') fail(`entry without a value: ${from}`);
      // An empty key sets the root's value, which matching never reads.
      if (from !== '') map.set(from, to);
    }
  }
  return map;
}

export async function loadT2sChain() {
  const preset = await import(pathToFileURL(path.join(pkgRoot, 'dist/esm-lib/preset/t2cn.js')).href);
  const config = preset.configs?.t2s;
  if (!config) fail('no t2s config');
  if (config.segmentation) fail('t2s has a segmentation');
  const { normalizationChain = [], conversionChain } = config;
  if (normalizationChain.length !== 1 || conversionChain.length !== 1) fail('t2s is not one normalization trie then one conversion trie');
  return { normalization: groupMap(normalizationChain[0]), conversion: groupMap(conversionChain[0]) };
}

export async function generate() {
  const { normalization, conversion } = await loadT2sChain();

  const normalize = new Map();
  for (const [from, to] of normalization) {
    const [f, ...fRest] = codePoints(from);
    const [t, ...tRest] = codePoints(to);
    if (fRest.length || tRest.length || t === undefined) fail(`normalization entry not one code point to one: ${from} ${to}`);
    if (isIdsOperator(f) || isIdsOperator(t)) fail('normalization entry with an ideographic description character');
    normalize.set(f, t);
  }

  const charResult = new Map();
  const phrases = [];
  for (const [from, to] of conversion) {
    const cps = codePoints(from);
    if (cps.some(isIdsOperator)) fail(`conversion key with an ideographic description character: ${from}`);
    if (cps.length === 1) charResult.set(cps[0], to);
    else {
      if (from.length !== cps.length) fail(`phrase key outside the BMP: ${from}`);
      phrases.push([from, to]);
    }
  }

  // One code point on its own: φ, then the conversion's one-code-point entry (phrases aside).
  const chars = [];
  for (const cp of new Set([...normalize.keys(), ...[...charResult.keys()]])) {
    const normalized = normalize.get(cp) ?? cp;
    const result = charResult.get(normalized) ?? String.fromCodePoint(normalized);
    if (result !== String.fromCodePoint(cp)) chars.push([cp, result]);
  }
  chars.sort((a, b) => a[0] - b[0]);
  for (const [, result] of chars) if (codePoints(result).length !== 1) fail('one-code-point entry with a longer value');

  // First code unit, then longest key first: the first phrase of a group that matches is the longest.
  phrases.sort((a, b) => a[0].charCodeAt(0) - b[0].charCodeAt(0) || b[0].length - a[0].length || (a[0] < b[0] ? -1 : 1));
  for (const [from, to] of phrases) if (/[ |]/.test(from + to)) fail('phrase with a separator character');

  const normalizeList = [...normalize].sort((a, b) => a[0] - b[0]);
  const esc = (s) => {
    let out = '';
    for (const ch of s) {
      const cp = ch.codePointAt(0);
      // Unified ideographs as they are (readable, and stable under Unicode normalization); the rest,
      // compatibility ideographs above all, escaped.
      if ((cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) || ch === ' ' || ch === '|') out += ch;
      else for (let i = 0; i < ch.length; i++) out += `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`;
    }
    return out;
  };
  const wrap = (items) => {
    const lines = [];
    for (let i = 0; i < items.length; i += 24) lines.push(`  '${items.slice(i, i + 24).map(esc).join('')}'`);
    return lines.length ? lines.join(' +\n') : "  ''";
  };
  return `// Generated by scripts/gen-t2cn-tables.mjs from opencc-js ${version}; do not edit.
// The data of src/text/t2cn.ts: opencc-js t→cn (preset t2s) flattened, see the script.

/** Code point, then its result on its own, for every code point that changes (${chars.length}). */
export const T2CN_CHAR_PAIRS =
${wrap(chars.map(([cp, result]) => String.fromCodePoint(cp) + result))};

/** Code point, then its normalization (CJK compatibility ideographs), matched before phrases (${normalizeList.length}). */
export const T2CN_NORMALIZE_PAIRS =
${wrap(normalizeList.map(([f, t]) => String.fromCodePoint(f) + String.fromCodePoint(t)))};

/** Phrases, "key value" joined by "|", by first code unit, longest key first (${phrases.length}). */
export const T2CN_PHRASES =
${wrap(phrases.map(([from, to], i) => `${i ? '|' : ''}${from} ${to}`))};
`;
}

const target = path.join(root, 'src/text/t2cn-tables.ts');
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const text = await generate();
  if (process.argv.includes('--check')) {
    const current = readFileSync(target, 'utf8');
    if (current !== text) {
      console.error('src/text/t2cn-tables.ts is out of date: run node scripts/gen-t2cn-tables.mjs');
      process.exit(1);
    }
  } else writeFileSync(target, text);
}
