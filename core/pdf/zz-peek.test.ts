import { it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { createTestSigner, pdfsigSign } from '../../test/fixtures/pdf/signing-tools.js';
import { samplePdf } from '../../verifier/demo/sample-pdf.js';
it('peek', () => {
  const s = createTestSigner();
  const a = pdfsigSign(s, samplePdf(['x']));
  writeFileSync('/tmp/peek1.pdf', a);
  const b = pdfsigSign(s, a, { fieldName: 'Sig2' });
  writeFileSync('/tmp/peek2.pdf', b);
  s.dispose();
}, 60000);
