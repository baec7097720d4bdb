/** `npm run docs:reliability`: the last fuzz run's table in docs/reliability.md, from docs/fuzz-record.json. */
import { readFileSync, writeFileSync } from 'node:fs';
import { type FuzzRunRecord, withFuzzRecord } from './fuzz-record.ts';

const docUrl = new URL('../docs/reliability.md', import.meta.url);
const run = JSON.parse(readFileSync(new URL('../docs/fuzz-record.json', import.meta.url), 'utf8')) as FuzzRunRecord;
writeFileSync(docUrl, withFuzzRecord(readFileSync(docUrl, 'utf8'), run));
console.log('docs/reliability.md: fuzz table written from docs/fuzz-record.json');
