/**
 * `npm run conformance`: runs the x509-limbo and Wycheproof harnesses over ../shared/corpora (read in place)
 * and writes conformance-results/x509-limbo.json (limbo harness format) and conformance-results/wycheproof.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { installNodeHasher } from '../../verifier/node/node-hasher.js';
import { runLimbo, summarizeLimbo } from './x509-limbo.js';
import { runWycheproof } from './wycheproof.js';

const outDir = join(process.cwd(), 'conformance-results');

installNodeHasher();
mkdirSync(outDir, { recursive: true });

const limbo = await runLimbo();
writeFileSync(join(outDir, 'x509-limbo.json'), JSON.stringify(limbo, null, 2) + '\n');
const summary = summarizeLimbo(limbo.results);
console.log(
  `x509-limbo: ${summary.pass} pass, ${summary.fail} fail, ${summary.skipped} skipped; ` +
    `false accepts ${summary.falseAccepts.length}; applicable pass rate ${(summary.applicablePassRate * 100).toFixed(1)}%`,
);

const wycheproof = await runWycheproof();
writeFileSync(join(outDir, 'wycheproof.json'), JSON.stringify(wycheproof, null, 2) + '\n');
console.log(
  `wycheproof: valid ${wycheproof.valid} (rejected ${wycheproof.validRejected}), invalid ${wycheproof.invalid} ` +
    `(accepted ${wycheproof.invalidAccepted}), acceptable ${wycheproof.acceptable}`,
);
process.exitCode = summary.falseAccepts.length || wycheproof.invalidAccepted ? 1 : 0;
