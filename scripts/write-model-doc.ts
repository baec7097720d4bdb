/** `npm run docs:model` — regenerate docs/model.md from the default model, its ensemble, Sobol and variant files. */
import { writeFileSync } from 'node:fs';
import { modelDocInputs } from '../models/doc-inputs.ts';
import { getModel } from '../models/index.ts';
import { modelDoc } from '../src/analysis/model-doc.ts';
import { compileModel } from '../src/model/compile.ts';

const model = compileModel(getModel());
const path = new URL('../docs/model.md', import.meta.url);
writeFileSync(path, modelDoc(model, await modelDocInputs(model)));
console.log(`wrote ${path.pathname}`);
