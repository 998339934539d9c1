// The editor page's own script: reads the generated config.yml, registers the offers' file format and
// the file names of new offers, then starts Decap CMS (loaded by index.html with CMS_MANUAL_INIT, so that
// nothing is read or written before the format is in place).
import { parse } from 'yaml';

import { SLUG, fieldInfo, fromFile, offerId, toFile } from './offer-format.js';

const response = await fetch('config.yml', { cache: 'no-cache' });
const { catalogue, ...config } = parse(await response.text());
const collection = config.collections[0];
const info = fieldInfo(collection.fields);

CMS.registerCustomFormat(collection.format, collection.extension, {
  fromFile: text => fromFile(text, info),
  toFile: data => toFile(data, info, catalogue.schema_comment),
});

// A new offer's file name is its title by the catalogue's rules (ø as oe, not Decap's o): the slug
// template reads it from the entry's data, where it is put just before saving.
CMS.registerEventListener({
  name: 'preSave',
  handler: ({ entry }) => {
    const data = entry.get('data');
    return entry.get('newRecord') ? data.set(SLUG, offerId(data.get('title'), catalogue.reserved_ids)) : data;
  },
});

CMS.init({ config: { ...config, load_config_file: false } });
