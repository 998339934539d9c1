// The offer format (docs/admin/offer-format.js) on every offer file: reading and writing back unchanged
// gives the file byte for byte; changing one value changes one line. Run by tests/test_editor.py, which
// hands over the generated editor config (EDITOR_CONFIG) and the folder of offers (CATALOGUE).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { ORIGINAL, SLUG, fieldInfo, fromFile, offerId, slugify, toFile } from '../../docs/admin/offer-format.js';

const config = JSON.parse(fs.readFileSync(process.env.EDITOR_CONFIG, 'utf8'));
const collection = config.collections[0];
const info = fieldInfo(collection.fields);
const schemaComment = config.catalogue.schema_comment;
const folder = process.env.CATALOGUE;
const files = fs.readdirSync(folder).filter(name => name.endsWith('.yaml')).sort();

function changedLines(before, after) {
  const a = before.split('\n');
  const b = after.split('\n');
  assert.equal(a.length, b.length, `line count changed:\n${after}`);
  return a.map((line, i) => [line, b[i]]).filter(([x, y]) => x !== y);
}

/** The entry as Decap hands it to toFile: a copy through JSON (Immutable's toJS), plus the widgets'
 * empty values for fields the file leaves out. */
function asDecapSaves(data) {
  const copy = JSON.parse(JSON.stringify(data));
  for (const field of collection.fields) {
    if (!(field.name in copy)) copy[field.name] = field.multiple || field.widget === 'list' ? [] : '';
  }
  return copy;
}

test('there are offers to check', () => assert.ok(files.length > 0));

for (const name of files) {
  const text = fs.readFileSync(path.join(folder, name), 'utf8');

  test(`${name}: read and written back unchanged is the same file, byte for byte`, () => {
    const data = fromFile(text, info);
    assert.equal(toFile(asDecapSaves(data), info, schemaComment), text);
  });

  test(`${name}: every single phone is a list in the form`, () => {
    const data = fromFile(text, info);
    for (const contact of data.contacts || []) {
      if (contact.phone !== undefined) {
        assert.ok(Array.isArray(contact.phone), JSON.stringify(contact.phone));
        for (const phone of contact.phone) assert.equal(typeof phone, 'string');
      }
    }
  });

  const data = fromFile(text, info);
  const index = (data.contacts || []).findIndex(contact => contact.phone && contact.phone.length);
  if (index >= 0) {
    test(`${name}: changing one phone changes exactly one line`, () => {
      const edited = asDecapSaves(data);
      edited.contacts[index].phone[0] = '43 57 00 00';
      const written = toFile(edited, info, schemaComment);
      const changed = changedLines(text, written);
      assert.equal(changed.length, 1, JSON.stringify(changed));
      assert.match(changed[0][1], /43 57 00 00/);
      assert.deepEqual(fromFile(written, info).contacts[index].phone[0], '43 57 00 00');
    });
  }

  test(`${name}: a new date is one line, written as a date`, () => {
    const edited = asDecapSaves(data);
    edited.last_updated = '2026-12-01';
    const changed = changedLines(text, toFile(edited, info, schemaComment));
    assert.deepEqual(changed.map(([, line]) => line), ['last_updated: 2026-12-01']);
  });
}

test('a single phone written as plain text stays plain text, also when it changes', () => {
  const text = `${schemaComment}\ntitle: X\ncontacts:\n  - name: A\n    phone: "43577800"\n  - name: B\n    phone: 43 57 77 26\n`;
  const data = asDecapSaves(fromFile(text, info));
  assert.deepEqual(data.contacts[0].phone, ['43577800']);
  data.contacts[0].phone = ['43577801'];
  data.contacts[1].phone = ['43 57 77 26', '43 57 77 27'];
  assert.equal(
    toFile(data, info, schemaComment),
    `${schemaComment}\ntitle: X\ncontacts:\n  - name: A\n    phone: "43577801"\n  - name: B\n    phone: [43 57 77 26, 43 57 77 27]\n`,
  );
});

test('a new offer: schema line, the model order, lists in brackets, text with line breaks as a block', () => {
  const data = {
    last_updated: '2026-12-01',
    title: 'Ny café – Ishøj',
    category: 'socialt',
    municipalities: ['Ishøj'],
    purpose: 'Første linje\n\nAnden linje',
    target_group: 'yes',
    visitation: 'Ring: 43 57 77 26',
    contacts: [{ phone: ['43577800'], name: 'Caféen', role: '' }],
    goals: [3, 7],
    tags: [],
    description: '',
    [SLUG]: 'ny-cafe-ishoej',
  };
  assert.equal(
    toFile(data, info, schemaComment),
    [
      schemaComment,
      'title: Ny café – Ishøj',
      'category: socialt',
      'municipalities: [Ishøj]',
      'purpose: |-',
      '  Første linje',
      '',
      '  Anden linje',
      'target_group: "yes"',
      'visitation: "Ring: 43 57 77 26"',
      'contacts:',
      '  - name: Caféen',
      '    phone: ["43577800"]',
      'goals: [3, 7]',
      'last_updated: 2026-12-01',
      '',
    ].join('\n'),
  );
});

test('a field filled in, emptied, a contact added and removed: only those lines change', () => {
  const text = `${schemaComment}\ntitle: X\ncategory: sundhed\ncontacts:\n  - name: A\n    phone: 43 57 77 26\nowner: a\nlast_updated: 2012-12-19\n`;
  const data = asDecapSaves(fromFile(text, info));
  data.referral = 'self';
  data.owner = '';
  data.contacts.push({ name: 'B', email: 'b@ishoj.dk' });
  data.contacts[0].role = 'Diætist';
  assert.equal(
    toFile(data, info, schemaComment),
    `${schemaComment}\ntitle: X\ncategory: sundhed\ncontacts:\n  - name: A\n    role: Diætist\n    phone: 43 57 77 26\n  - name: B\n    email: b@ishoj.dk\nreferral: self\nlast_updated: 2012-12-19\n`,
  );
  const again = asDecapSaves(fromFile(toFile(data, info, schemaComment), info));
  again.contacts.pop();
  assert.equal(
    toFile(again, info, schemaComment),
    `${schemaComment}\ntitle: X\ncategory: sundhed\ncontacts:\n  - name: A\n    role: Diætist\n    phone: 43 57 77 26\nreferral: self\nlast_updated: 2012-12-19\n`,
  );
});

test('the original text never reaches the file', () => {
  const text = `${schemaComment}\ntitle: X\n`;
  const data = fromFile(text, info);
  assert.equal(data[ORIGINAL], text);
  assert.ok(!toFile({ ...data, title: 'Y' }, info, schemaComment).includes(ORIGINAL));
});

test('ids from titles follow generator.model.slugify', () => {
  const expected = JSON.parse(process.env.SLUG_CASES || '{}');
  for (const [title, id] of Object.entries(expected)) assert.equal(slugify(title), id, title);
  assert.equal(offerId('Sundhed', ['sundhed']), 'sundhed-tilbud');
  assert.equal(offerId('!!!'), 'tilbud');
});
