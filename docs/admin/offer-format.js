// The offers' file format for Decap CMS (registered by editor.js as "offer-yaml").
//
// Saving must write the YAML an owner would write by hand: the schema line first, the model's key order,
// and every value the owner did not change exactly as it was, so that a one-field edit is a one-line diff
// in review. Decap's own YAML format re-writes the whole file (and crashes on `phone: 43577800`, a single
// phone written as plain text, which its list widget cannot map over). So fromFile keeps the file's text in
// the entry's data, and toFile edits that text: only the parts of it whose value changed are written anew,
// each by eemeli/yaml with `lineWidth: 0`, so nothing is re-folded.
//
// Pure functions, no browser: tests/editor/offer-format.test.mjs runs them with node on every offer.

import { Document, Pair, Scalar, YAMLMap, YAMLSeq, isMap, isScalar, isSeq, parseDocument } from 'yaml';

// Helper keys in an entry's data; toFile never writes them.
export const ORIGINAL = '_original'; // the file as it was read
export const SLUG = '_slug'; // the file name of a new offer (editor.js sets it before saving)

// YAML 1.1, as PyYAML reads the files for `catalogue validate`: a text that YAML 1.1 would read as
// something else (`yes`, `43577800`, `2012-12-19`) is quoted when written.
const PARSE = { version: '1.1' };
const WRITE = { lineWidth: 0, minContentWidth: 0, flowCollectionPadding: false };
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** What the format needs to know of the collection's fields (Decap's config): order, kinds, nesting. */
export function fieldInfo(fields) {
  const info = { order: [], kinds: {}, children: {} };
  for (const field of fields || []) {
    info.order.push(field.name);
    if (field.widget === 'datetime') info.kinds[field.name] = 'date';
    else if (field.widget === 'list' && field.fields) {
      info.kinds[field.name] = 'objects';
      info.children[field.name] = fieldInfo(field.fields);
    } else if (field.widget === 'list') info.kinds[field.name] = 'texts';
    else if (field.widget === 'select' && field.multiple) info.kinds[field.name] = 'values';
  }
  return info;
}

const NO_INFO = { order: [], kinds: {}, children: {} };

/** The entry's data for the form: lists are lists (also a single phone written as plain text), dates
 * are YYYY-MM-DD, and the file's text rides along for toFile. */
export function fromFile(text, info = NO_INFO) {
  const doc = parseDocument(text, PARSE);
  if (doc.errors.length) throw new Error(doc.errors.map(error => error.message).join('\n'));
  const data = normalise(doc.toJS(), info);
  return { ...(isObject(data) ? data : {}), [ORIGINAL]: text };
}

/** The file for the entry's data: the original text with only the changed values written anew, or, for
 * a new offer, the whole file in the model's order under the schema line. */
export function toFile(data, info = NO_INFO, schemaComment = '') {
  const { [ORIGINAL]: original, [SLUG]: _slug, ...values } = data;
  const wanted = prune(values) || {};
  if (typeof original === 'string') {
    const doc = parseDocument(original, PARSE);
    if (!doc.errors.length && isMap(doc.contents)) {
      const before = prune(normalise(doc.toJS(), info)) || {};
      const edits = [];
      spliceMap(doc.contents, before, wanted, info, original, edits);
      const text = applyEdits(original, edits);
      return !schemaComment || text.startsWith(schemaComment.split('=')[0]) ? text : `${schemaComment}\n${text}`;
    }
  }
  const doc = new Document(null, PARSE);
  doc.contents = fresh(wanted, info);
  return (schemaComment ? `${schemaComment}\n` : '') + doc.toString(WRITE);
}

// Reading

function normalise(value, info) {
  if (!isObject(value)) return value;
  const out = {};
  for (const [key, item] of Object.entries(value)) {
    const kind = info.kinds[key];
    if (kind === 'date') out[key] = item instanceof Date ? isoDate(item) : item;
    else if (kind === 'texts' || kind === 'values' || kind === 'objects') {
      let list = item == null || Array.isArray(item) ? item : [item];
      if (list && kind === 'texts') list = list.map(text => (typeof text === 'number' ? String(text) : text));
      if (list && kind === 'objects') list = list.map(object => normalise(object, info.children[key]));
      out[key] = list;
    } else out[key] = item;
  }
  return out;
}

function isoDate(date) {
  return date.toISOString().slice(0, 10);
}

/** Empty values are no values: an emptied optional field disappears from the file. */
function prune(value) {
  if (Array.isArray(value)) {
    const items = value.map(prune).filter(item => item !== undefined);
    return items.length ? items : undefined;
  }
  if (isObject(value)) {
    const out = {};
    for (const [key, item] of Object.entries(value)) {
      const kept = prune(item);
      if (kept !== undefined) out[key] = kept;
    }
    return out;
  }
  if (value === null || value === undefined || value === '') return undefined;
  return value;
}

// Writing: edits of the original text

function spliceMap(map, before, after, info, src, edits) {
  const present = new Set();
  map.items.forEach((pair, index) => {
    const key = keyOf(pair);
    present.add(key);
    const had = before[key];
    const want = after[key];
    if (equal(had, want)) return;
    if (want === undefined) {
      edits.push(deletePair(map, index, src));
      return;
    }
    const node = pair.value;
    if (isMap(node) && !node.flow && isObject(had) && isObject(want)) {
      spliceMap(node, had, want, info.children[key] || NO_INFO, src, edits);
    } else if (isBlockSeq(node) && Array.isArray(had) && Array.isArray(want) && node.items.length === had.length) {
      spliceSeq(node, had, want, info.children[key] || NO_INFO, src, edits, info.kinds[key]);
    } else {
      edits.push(replace(src, pair.key.range[0], contentEnd(src, node || pair.key), renderPair(pair.key, valueNode(node, had, want, key, info))));
    }
  });
  const added = Object.keys(after).filter(key => !present.has(key));
  for (const key of added) edits.push(insertPair(map, key, fresh(after[key], info, key), info, src));
}

function spliceSeq(seq, had, want, itemInfo, src, edits, kind) {
  const common = Math.min(had.length, want.length);
  for (let i = 0; i < common; i++) {
    if (equal(had[i], want[i])) continue;
    const item = seq.items[i];
    if (isMap(item) && !item.flow && isObject(had[i]) && isObject(want[i])) {
      spliceMap(item, had[i], want[i], itemInfo, src, edits);
    } else {
      edits.push(replace(src, item.range[0], contentEnd(src, item), render(valueNode(item, had[i], want[i]))));
    }
  }
  const last = seq.items[seq.items.length - 1];
  if (want.length < had.length) {
    const first = seq.items[want.length];
    edits.push({ start: lineStart(src, first.range[0]), end: nextLineStart(src, contentEnd(src, last)), text: '' });
  }
  const dash = src.lastIndexOf('-', seq.items[0].range[0]) - lineStart(src, seq.items[0].range[0]);
  for (const value of want.slice(had.length)) {
    const node = kind === 'objects' ? fresh(value, itemInfo) : fresh(value);
    const text = `\n${' '.repeat(dash)}- ${indent(render(node), dash + 2)}`;
    edits.push({ start: contentEnd(src, last), end: contentEnd(src, last), text });
  }
}

function deletePair(map, index, src) {
  const pair = map.items[index];
  const start = pair.key.range[0];
  const end = contentEnd(src, pair.value || pair.key);
  const first = lineStart(src, start);
  if (src.slice(first, start).trim() === '') return { start: first, end: nextLineStart(src, end), text: '' };
  const next = map.items[index + 1]; // the first key of a list item (`- name: …`): the next key takes its place
  return next ? { start, end: next.key.range[0], text: '' } : { start, end, text: '{}' };
}

function insertPair(map, key, node, info, src) {
  const rank = name => (info.order.includes(name) ? info.order.indexOf(name) : info.order.length);
  const before = map.items.find(pair => rank(keyOf(pair)) > rank(key));
  const text = renderPair(new Scalar(key), node);
  if (before) {
    const start = before.key.range[0];
    const column = start - lineStart(src, start);
    return { start, end: start, text: `${indent(text, column)}\n${' '.repeat(column)}` };
  }
  const last = map.items[map.items.length - 1];
  const column = last.key.range[0] - lineStart(src, last.key.range[0]);
  const end = contentEnd(src, last.value || last.key);
  return { start: end, end, text: `\n${' '.repeat(column)}${indent(text, column)}` };
}

/** The node for a changed value, keeping what the owner chose for it: plain text or quotes, a list in
 * brackets, and a single phone as plain text while it stays a single phone. */
function valueNode(orig, had, want, key, info = NO_INFO) {
  const isDate = info.kinds[key] === 'date';
  if (isScalar(orig) && Array.isArray(want) && want.length === 1 && !isObject(want[0])) {
    return scalarLike(orig, want[0], false);
  }
  if (isScalar(orig) && !isObject(want) && !Array.isArray(want)) return scalarLike(orig, want, isDate);
  if (isSeq(orig) && Array.isArray(want) && orig.flow) {
    const seq = new YAMLSeq();
    seq.flow = true;
    seq.items = want.map((value, i) => {
      const old = Array.isArray(had) && orig.items.length === had.length ? orig.items[i] : undefined;
      if (old && equal(had[i], value)) return old;
      return old && isScalar(old) && !isObject(value) ? scalarLike(old, value, false) : fresh(value);
    });
    return seq;
  }
  return fresh(want, info, key);
}

function scalarLike(orig, value, isDate) {
  const node = freshScalar(value, isDate);
  const multiline = typeof value === 'string' && value.includes('\n');
  const block = orig.type === Scalar.BLOCK_FOLDED || orig.type === Scalar.BLOCK_LITERAL;
  if (typeof value === 'string' && orig.type && (block || !multiline) && !(value instanceof Date)) node.type = orig.type;
  return node;
}

// Writing: new values, in the model's order

function fresh(value, info = NO_INFO, key = undefined) {
  if (Array.isArray(value)) {
    const seq = new YAMLSeq();
    const objects = value.some(isObject);
    seq.flow = !objects; // lists of words and numbers in brackets, as the owners write them
    const childInfo = (key && info.children[key]) || NO_INFO;
    seq.items = value.map(item => (isObject(item) ? fresh(item, childInfo) : fresh(item)));
    return seq;
  }
  if (isObject(value)) {
    const map = new YAMLMap();
    const rank = name => (info.order.includes(name) ? info.order.indexOf(name) : info.order.length);
    const keys = Object.keys(value).sort((a, b) => rank(a) - rank(b));
    map.items = keys.map(name => new Pair(new Scalar(name), fresh(value[name], info, name)));
    return map;
  }
  return freshScalar(value, key !== undefined && info.kinds[key] === 'date');
}

function freshScalar(value, isDate) {
  const match = isDate && typeof value === 'string' && ISO_DATE.exec(value);
  if (match) {
    const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
    if (isoDate(date) === value) return new Scalar(date); // written as 2026-12-06, read as a date
  }
  const node = new Scalar(value);
  if (typeof value === 'string' && value.includes('\n')) node.type = Scalar.BLOCK_LITERAL;
  return node;
}

function render(node) {
  const doc = new Document(null, PARSE);
  doc.contents = node;
  return doc.toString(WRITE).replace(/\n$/, '');
}

function renderPair(key, node) {
  const map = new YAMLMap();
  map.items = [new Pair(key, node)];
  return render(map);
}

// Text positions

function replace(src, start, end, text) {
  return { start, end, text: indent(text, start - lineStart(src, start)) };
}

function indent(text, column) {
  const pad = ' '.repeat(column);
  return text
    .split('\n')
    .map((line, i) => (i && line ? pad + line : line))
    .join('\n');
}

/** Where a node's text ends: before the line break and blank lines that YAML counts to it. */
function contentEnd(src, node) {
  const start = node.range[0];
  let end = node.range[1];
  for (;;) {
    while (end > start && (src[end - 1] === '\n' || src[end - 1] === '\r')) end--;
    const line = lineStart(src, end);
    if (line > start && src.slice(line, end).trim() === '') {
      end = line;
      continue;
    }
    return end;
  }
}

function lineStart(src, at) {
  return src.lastIndexOf('\n', at - 1) + 1;
}

function nextLineStart(src, at) {
  const next = src.indexOf('\n', at);
  return next < 0 ? src.length : next + 1;
}

function applyEdits(src, edits) {
  const ordered = edits.map((edit, seq) => ({ ...edit, seq }));
  // From the end backwards; at one place, a replacement before the insertions in front of it.
  ordered.sort((a, b) => b.start - a.start || b.end - a.end || b.seq - a.seq);
  let text = src;
  for (const { start, end, text: insert } of ordered) text = text.slice(0, start) + insert + text.slice(end);
  return text;
}

// Values

function keyOf(pair) {
  return String(isScalar(pair.key) ? pair.key.value : pair.key);
}

function isBlockSeq(node) {
  return isSeq(node) && !node.flow && node.items.length > 0;
}

function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
}

function equal(a, b) {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => equal(item, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every(key => equal(a[key], b[key]));
  }
  return false;
}

/** The offer's id for a title: generator.model.slugify (æ ø å as ae oe aa, then a-z, 0-9 and '-'). */
export function slugify(text) {
  const letters = { æ: 'ae', ø: 'oe', å: 'aa', é: 'e', ü: 'ue', ö: 'oe', ä: 'ae' };
  const lower = String(text || '')
    .toLowerCase()
    .replace(/[æøåéüöä]/g, letter => letters[letter]);
  return (lower.match(/[a-z0-9]+/g) || []).join('-');
}

/** A new offer's file name: its title's id, never one of the site's own page names. */
export function offerId(title, reserved = []) {
  const id = slugify(title) || 'tilbud';
  return reserved.includes(id) ? `${id}-tilbud` : id;
}
