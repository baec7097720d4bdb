/** `npm run docs:model` — regenerate docs/model.md from the default model. */
import { writeFileSync } from 'node:fs';
import { getModel } from '../models/index.ts';
import { modelDoc } from '../src/analysis/model-doc.ts';
import { compileModel } from '../src/model/compile.ts';

const path = new URL('../docs/model.md', import.meta.url);
writeFileSync(path, modelDoc(compileModel(getModel())));
console.log(`wrote ${path.pathname}`);
