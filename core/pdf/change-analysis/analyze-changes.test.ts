/**
 * Change analysis on real signed PDFs (imzala's signPdf with a TEST key, poppler's pdfsig) and crafted incremental
 * updates: the legitimate ones (further signatures, /DSS, form filling where allowed) and the attacks (content and
 * resources swapped, shadow "hide", pages added, objects removed, Evil Annotation, Sneaky Signature).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { concatBytes, latin1Bytes, latin1String } from '../../encoding/bytes.js';
import { bytesSource, type ByteSource } from '../../io/byte-source.js';
import { describePublicKey } from '../../crypto/public-key.js';
import { defaultSignatureAlgorithm, importSigningKey, signWithKey } from '../../crypto/key-signer.js';
import { subjectPublicKeyInfoOf } from '../../cms/build-signed-data.js';
import type { DigestSigner } from '../../cms/digest-signer.js';
import { signPdf } from '../../signing/sign-pdf.js';
import { writeDemoHierarchy } from '../../../verifier/pki-demo/write-demo.js';
import { samplePdf } from '../../../verifier/demo/sample-pdf.js';
import { appendSection, lastStartxref, type RawObject } from '../../../test/fixtures/pdf/raw-pdf.js';
import { createTestSigner, pdfsigSign, type TestSigner } from '../../../test/fixtures/pdf/signing-tools.js';
import { makeAttacks, shadowSwitch, withShadowContent } from '../../../test/fixtures/attacks/make-attacks.js';
import { PdfDocument } from '../document.js';
import { PdfDict, PdfRef, PdfString, isDict } from '../objects.js';
import { scanPdfSignatures } from '../scan-signatures.js';
import { serializePdfObject } from '../serialize.js';
import { analyzeChanges, type SignatureChanges } from './analyze-changes.js';

let dir: string;
let citizen: DigestSigner;
let tools: TestSigner;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'imzala-changes-'));
  const { hierarchy } = await writeDemoHierarchy(dir);
  const entity = hierarchy.citizen;
  const algorithm = defaultSignatureAlgorithm(describePublicKey(subjectPublicKeyInfoOf(entity.certificate)));
  const key = await importSigningKey(entity.privateKeyPkcs8!, algorithm);
  citizen = {
    certificate: entity.certificate,
    chain: [hierarchy.ica.certificate, hierarchy.pca.certificate],
    algorithm,
    sign: ({ toBeSigned }) => signWithKey(key, algorithm, toBeSigned),
  };
  tools = createTestSigner();
}, 60_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  tools?.dispose();
});

async function sign(pdf: Uint8Array): Promise<Uint8Array> {
  const { update } = await signPdf(bytesSource(pdf), citizen, { signingTime: new Date() });
  return concatBytes(pdf, update);
}

/** The change analysis of every signature in the file, by signed revision. */
async function analyse(pdf: Uint8Array, source: ByteSource = bytesSource(pdf)): Promise<Map<number, SignatureChanges>> {
  const scan = await scanPdfSignatures(bytesSource(pdf));
  // A signature whose ByteRange ends at no revision is a format failure the validation reports on its own.
  const revisions = scan.signatures.flatMap((s) => (s.revision === null ? [] : [s.revision]));
  return analyzeChanges(await PdfDocument.open(source), revisions);
}

const codes = (changes: SignatureChanges | undefined): string[] => (changes?.findings ?? []).map((f) => f.code).sort();

/** An incremental update with the objects given, keeping /Root (and /Info when asked). */
function update(pdf: Uint8Array, objects: RawObject[], trailer = '/Root 1 0 R'): Uint8Array {
  return appendSection(pdf, objects, { trailer, prev: lastStartxref(pdf) });
}

/** The newest version of an object, changed by `edit`, as an update body. */
async function rewritten(pdf: Uint8Array, num: number, edit: (dict: PdfDict) => void): Promise<RawObject> {
  const doc = await PdfDocument.open(bytesSource(pdf));
  const value = await doc.resolve(new PdfRef(num, 0));
  if (!isDict(value)) throw new Error(`object ${num} is not a dictionary`);
  const copy = value.clone();
  edit(copy);
  return { num, body: serializePdfObject(copy) };
}

/** The /Annots array of page object 3 as text with `extra` appended (the page's newest version). */
async function pageWithAnnotation(pdf: Uint8Array, annotation: number): Promise<RawObject> {
  const doc = await PdfDocument.open(bytesSource(pdf));
  const page = await doc.resolve(new PdfRef(3, 0));
  const annots = isDict(page) ? await doc.resolve(page.get('Annots')) : null;
  const list = Array.isArray(annots) ? [...annots] : [];
  return rewritten(pdf, 3, (d) => d.set('Annots', [...list, new PdfRef(annotation, 0)]));
}

const contract = (): Uint8Array => samplePdf(['TEST contract', 'Amount: 100 AZN']);
const stream = (num: number, text: string, dict = ''): RawObject => ({ num, body: `<< /Length ${text.length} ${dict}>>\nstream\n${text}\nendstream` });

/**
 * A one-page document with optional parts: a certification (/Perms /DocMDP with P), a text form field "amount"
 * (object 9, merged with its widget on the page), an unused content stream (object 6) and a page resource
 * naming an XObject that does not exist yet (object 30).
 */
function craftedPdf(options: { docMdp?: 1 | 2 | 3; formField?: boolean; unusedContent?: boolean; danglingXObject?: boolean } = {}): Uint8Array {
  const text = `BT /F1 18 Tf 72 740 Td (TEST contract: 100 AZN) Tj ET${options.danglingXObject ? ' q /X1 Do Q' : ''}`;
  const catalogExtra = [
    options.formField ? '/AcroForm << /Fields [9 0 R] >>' : '',
    options.docMdp ? '/Perms << /DocMDP 8 0 R >>' : '',
  ].join(' ');
  const objects: RawObject[] = [
    { num: 1, body: `<< /Type /Catalog /Pages 2 0 R ${catalogExtra} >>` },
    { num: 2, body: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' },
    {
      num: 3,
      body: `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >>${options.danglingXObject ? ' /XObject << /X1 30 0 R >>' : ''} >> /Contents 5 0 R${options.formField ? ' /Annots [9 0 R]' : ''} >>`,
    },
    { num: 4, body: '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>' },
    stream(5, text),
  ];
  if (options.unusedContent) objects.push(stream(6, 'BT /F1 18 Tf 72 740 Td (TEST contract: 9000 AZN) Tj ET'));
  if (options.docMdp) {
    objects.push({
      num: 8,
      body: `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /Reference [<< /Type /SigRef /TransformMethod /DocMDP /TransformParams << /Type /TransformParams /P ${options.docMdp} /V /1.2 >> >>] >>`,
    });
  }
  if (options.formField) {
    objects.push({ num: 9, body: '<< /Type /Annot /Subtype /Widget /FT /Tx /T (amount) /V (100) /Rect [72 600 272 620] /F 4 /P 3 0 R >>' });
  }
  return appendSection(new Uint8Array(0), objects, { trailer: '/Root 1 0 R' });
}

/** Frees objects in an update: a classic section whose entries are free (the object is deleted). */
function freeing(pdf: Uint8Array, nums: number[]): Uint8Array {
  let text = 'xref\n';
  for (const n of nums) text += `${n} 1\n0000000000 00001 f\r\n`;
  const at = pdf.length;
  text += `trailer\n<< /Size 64 /Root 1 0 R /Prev ${lastStartxref(pdf)} >>\nstartxref\n${at}\n%%EOF\n`;
  return concatBytes(pdf, latin1Bytes(text));
}

describe('legitimate updates keep earlier signatures unchanged', () => {
  it('three signatures in turn (imzala, pdfsig, imzala): none for each', async () => {
    const once = await sign(contract());
    const twice = pdfsigSign(tools, once, { fieldName: 'Second' });
    const thrice = await sign(twice);
    const result = await analyse(thrice);
    expect([...result.keys()]).toEqual([2, 3, 4]);
    for (const changes of result.values()) expect(changes).toMatchObject({ modifications: 'none', findings: [] });
  });

  it('pdfsig signing a pdfsig-signed file (its update holds unused objects): none', async () => {
    const once = pdfsigSign(tools, contract());
    const twice = pdfsigSign(tools, once, { fieldName: 'Second' });
    const result = await analyse(twice);
    expect(result.get(2)).toMatchObject({ modifications: 'none', findings: [] });
  });

  it('files with cross-reference streams signed twice: none', async () => {
    const base = appendSection(
      new Uint8Array(0),
      [
        { num: 1, body: '<< /Type /Catalog /Pages 2 0 R >>' },
        { num: 2, body: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' },
        { num: 3, body: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>' },
        stream(4, 'BT /F1 12 Tf 72 120 Td (raw) Tj ET'),
      ],
      { trailer: '/Root 1 0 R', kind: 'stream', compress: true },
    );
    const result = await analyse(await sign(await sign(base)));
    expect(result.get(2)).toMatchObject({ modifications: 'none', findings: [] });
  });

  it('a /DSS with certificates and VRI added to the catalog: none', async () => {
    const signed = await sign(contract());
    const catalog = await rewritten(signed, 1, (d) => d.set('DSS', new PdfRef(40, 0)));
    const withDss = update(signed, [
      catalog,
      { num: 40, body: '<< /Type /DSS /Certs [41 0 R] /CRLs [] /VRI << /ABCDEF 42 0 R >> >>' },
      stream(41, 'not a real certificate, only bytes'),
      { num: 42, body: '<< /Cert [41 0 R] >>' },
    ]);
    expect(await analyse(withDss)).toEqual(new Map([[2, { modifications: 'none', findings: [], docMdp: null }]]));
  });

  it('new /Info: permitted, with METADATA_CHANGED', async () => {
    const signed = await sign(contract());
    const withInfo = update(signed, [{ num: 40, body: '<< /Title (Another title) >>' }], '/Root 1 0 R /Info 40 0 R');
    const changes = (await analyse(withInfo)).get(2)!;
    expect(changes.modifications).toBe('permitted');
    expect(codes(changes)).toEqual(['METADATA_CHANGED']);
  });
});

describe('changes of what a page shows are disallowed', () => {
  it('a content stream that also passes for metadata (/Type /Metadata) replaced: still PAGE_CONTENT_CHANGED', async () => {
    const plain = samplePdf(['TEST contract']);
    const text = 'BT /F1 18 Tf 72 740 Td (TEST contract) Tj ET';
    // The same document, its content stream dressed as an XMP stream before signing.
    const dressed = update(plain, [stream(5, text, '/Type /Metadata /Subtype /XML ')]);
    const signed = await sign(dressed);
    const changed = update(signed, [stream(5, 'BT /F1 18 Tf 72 740 Td (9000 AZN) Tj ET', '/Type /Metadata /Subtype /XML ')]);
    const changes = (await analyse(changed)).get(3)!;
    expect(changes.modifications).toBe('disallowed');
    expect(codes(changes)).toEqual(['METADATA_CHANGED', 'PAGE_CONTENT_CHANGED']);
  });

  it('content stream replaced: PAGE_CONTENT_CHANGED on page 1, object 5 named', async () => {
    const signed = await sign(contract());
    const changed = update(signed, [stream(5, 'BT /F1 18 Tf 72 740 Td (TEST contract: 9000 AZN) Tj ET')]);
    const changes = (await analyse(changed)).get(2)!;
    expect(changes.modifications).toBe('disallowed');
    expect(changes.findings).toEqual([
      expect.objectContaining({ code: 'PAGE_CONTENT_CHANGED', revision: 3, objects: ['5 0'], pages: [1], severity: 'disallowed' }),
    ]);
  });

  it('a pdfsig-signed file whose page gets new content: disallowed', async () => {
    const signed = pdfsigSign(tools, contract());
    const page = await rewritten(signed, 3, (d) => d.set('Contents', new PdfRef(50, 0)));
    const changed = update(signed, [page, stream(50, 'BT /F1 18 Tf 72 740 Td (TEST contract: 9000 AZN) Tj ET')]);
    expect(codes((await analyse(changed)).get(2))).toEqual(['PAGE_CONTENT_CHANGED']);
  });

  it('font object swapped: PAGE_RESOURCES_CHANGED', async () => {
    const signed = await sign(contract());
    const changed = update(signed, [{ num: 4, body: '<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>' }]);
    const changes = (await analyse(changed)).get(2)!;
    expect(changes.modifications).toBe('disallowed');
    expect(changes.findings).toEqual([expect.objectContaining({ code: 'PAGE_RESOURCES_CHANGED', objects: ['4 0'], pages: [1] })]);
  });

  it('page resources pointed at another font: PAGE_RESOURCES_CHANGED', async () => {
    const signed = await sign(contract());
    const font = new PdfDict();
    font.set('F1', new PdfRef(50, 0));
    const resources = new PdfDict();
    resources.set('Font', font);
    const page = await rewritten(signed, 3, (d) => d.set('Resources', resources));
    const changed = update(signed, [page, { num: 50, body: '<< /Type /Font /Subtype /Type1 /BaseFont /Symbol >>' }]);
    expect(codes((await analyse(changed)).get(2))).toEqual(['PAGE_RESOURCES_CHANGED']);
  });

  it('shadow hide: an unused content stream switched on by changing one reference', async () => {
    const signed = await sign(craftedPdf({ unusedContent: true }));
    const page = await rewritten(signed, 3, (d) => d.set('Contents', new PdfRef(6, 0)));
    const changes = (await analyse(update(signed, [page]))).get(2)!;
    expect(changes.modifications).toBe('disallowed');
    expect(changes.findings).toEqual([expect.objectContaining({ code: 'PAGE_CONTENT_CHANGED', objects: ['3 0'], pages: [1] })]);
  });

  it('shadow hide: an XObject the signed page named but lacked, added later', async () => {
    const signed = await sign(craftedPdf({ danglingXObject: true }));
    const overlay = 'BT /F1 18 Tf 72 700 Td (Paid in full) Tj ET';
    const changed = update(signed, [stream(30, overlay, '/Type /XObject /Subtype /Form /BBox [0 0 595 842] ')]);
    const changes = (await analyse(changed)).get(2)!;
    expect(changes.modifications).toBe('disallowed');
    expect(changes.findings).toEqual([expect.objectContaining({ code: 'PAGE_RESOURCES_CHANGED', objects: ['30 0'], pages: [1] })]);
  });

  it('shadow hide: the missing XObject added under an allowed role (as /DSS data) is still disallowed', async () => {
    const signed = await sign(craftedPdf({ danglingXObject: true }));
    const catalog = await rewritten(signed, 1, (d) => d.set('DSS', new PdfRef(40, 0)));
    const overlay = 'BT /F1 18 Tf 72 700 Td (Paid in full) Tj ET';
    const changed = update(signed, [catalog, { num: 40, body: '<< /Certs [30 0 R] >>' }, stream(30, overlay, '/Type /XObject /Subtype /Form /BBox [0 0 595 842] ')]);
    const changes = (await analyse(changed)).get(2)!;
    expect(changes.modifications).toBe('disallowed');
    expect(changes.findings).toEqual([expect.objectContaining({ code: 'PAGE_RESOURCES_CHANGED', objects: ['30 0'], pages: [1] })]);
  });

  it('a page added: PAGE_TREE_CHANGED', async () => {
    const signed = await sign(contract());
    const changed = update(signed, [
      { num: 2, body: '<< /Type /Pages /Kids [3 0 R 50 0 R] /Count 2 >>' },
      { num: 50, body: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 51 0 R >>' },
      stream(51, 'BT /F1 18 Tf 72 740 Td (Appendix: the price is 9000 AZN) Tj ET'),
    ]);
    const changes = (await analyse(changed)).get(2)!;
    expect(changes.modifications).toBe('disallowed');
    expect(codes(changes)).toEqual(['PAGE_TREE_CHANGED']);
  });

  it('an object freed in the cross-reference section: OBJECT_REMOVED', async () => {
    const signed = await sign(contract());
    const changes = (await analyse(freeing(signed, [4]))).get(2)!;
    expect(changes.modifications).toBe('disallowed');
    expect(changes.findings).toEqual([expect.objectContaining({ code: 'OBJECT_REMOVED', objects: ['4 0'], revision: 3 })]);
  });

  it('an earlier signature is judged with every later update: the first sees the attack after the second signature', async () => {
    const twice = await sign(await sign(contract()));
    const changed = update(twice, [stream(5, 'BT /F1 18 Tf 72 740 Td (9000 AZN) Tj ET')]);
    const result = await analyse(changed);
    expect(codes(result.get(2))).toEqual(['PAGE_CONTENT_CHANGED']);
    expect(codes(result.get(3))).toEqual(['PAGE_CONTENT_CHANGED']);
    expect(result.get(2)!.findings[0]!.revision).toBe(4);
  });
});

describe('the attack corpus (test/fixtures/attacks)', () => {
  it('the incremental-update attacks are disallowed, with the page named (they also drop the signature widget)', async () => {
    const signed = await sign(contract());
    const attacks = makeAttacks(signed).filter((a) => a.name === 'ISA: page content replaced by an incremental update' || a.name === 'ISA: new page content object, page repointed');
    expect(attacks).toHaveLength(2);
    for (const attack of attacks) {
      const changes = (await analyse(attack.bytes)).get(2)!;
      expect(changes.modifications, attack.name).toBe('disallowed');
      expect(changes.findings, attack.name).toContainEqual(expect.objectContaining({ code: 'PAGE_CONTENT_CHANGED', pages: [1] }));
    }
  });

  it('shadow replace under a second signature: the first signature sees PAGE_CONTENT_CHANGED, the second none', async () => {
    const signedOnce = await sign(withShadowContent(contract()));
    const result = await analyse(await sign(shadowSwitch(signedOnce)));
    // The corpus rewrites the page without its /Annots, so the first signature's widget is gone as well.
    expect(codes(result.get(3))).toEqual(['PAGE_CONTENT_CHANGED', 'SIGNED_APPEARANCE_CHANGED']);
    expect(result.get(5)).toMatchObject({ modifications: 'none' });
  });
});

describe('annotations and forms follow the certification level', () => {
  const annotation = (num: number): RawObject => ({
    num,
    body: '<< /Type /Annot /Subtype /FreeText /Rect [72 730 400 760] /Contents (Amount: 9000 AZN) /DA (/Helv 18 Tf 0 g) /P 3 0 R >>',
  });

  it('an annotation added to an approval-signed document: permitted, ANNOTATION_ADDED on page 1', async () => {
    const signed = await sign(contract());
    const changed = update(signed, [await pageWithAnnotation(signed, 50), annotation(50)]);
    const changes = (await analyse(changed)).get(2)!;
    expect(changes.modifications).toBe('permitted');
    expect(changes.findings).toEqual([expect.objectContaining({ code: 'ANNOTATION_ADDED', objects: ['50 0'], pages: [1], severity: 'permitted' })]);
  });

  it('Evil Annotation: the same annotation on a P 2 certified document is disallowed', async () => {
    const signed = await sign(craftedPdf({ docMdp: 2 }));
    const changed = update(signed, [await pageWithAnnotation(signed, 50), annotation(50)]);
    const changes = (await analyse(changed)).get(2)!;
    expect(changes).toMatchObject({ modifications: 'disallowed', docMdp: 2 });
    expect(changes.findings).toEqual([expect.objectContaining({ code: 'ANNOTATION_ADDED', severity: 'disallowed' })]);
  });

  it('an annotation hung below an invisible signature widget on a P 2 document is still an added annotation', async () => {
    const signed = await sign(craftedPdf({ docMdp: 2 }));
    const doc = await PdfDocument.open(bytesSource(signed));
    const page = await doc.resolve(new PdfRef(3, 0));
    const annots = isDict(page) ? await doc.resolve(page.get('Annots')) : null;
    const pageObject = await rewritten(signed, 3, (d) => d.set('Annots', [...(Array.isArray(annots) ? annots : []), new PdfRef(50, 0), new PdfRef(51, 0)]));
    const changed = update(signed, [
      pageObject,
      { num: 50, body: '<< /Type /Annot /Subtype /Widget /FT /Sig /T (Hidden) /Rect [0 0 0 0] /F 132 /P 3 0 R /Popup 51 0 R >>' },
      annotation(51),
    ]);
    const changes = (await analyse(changed)).get(2)!;
    expect(changes.modifications).toBe('disallowed');
    expect(changes.findings).toEqual([expect.objectContaining({ code: 'ANNOTATION_ADDED', objects: ['51 0'], severity: 'disallowed' })]);
  });

  it('P 3 allows annotations: permitted', async () => {
    const signed = await sign(craftedPdf({ docMdp: 3 }));
    const changed = update(signed, [await pageWithAnnotation(signed, 50), annotation(50)]);
    expect((await analyse(changed)).get(2)).toMatchObject({ modifications: 'permitted', docMdp: 3 });
  });

  it('a further (invisible) signature on a P 2 certified document: none', async () => {
    const result = await analyse(await sign(await sign(craftedPdf({ docMdp: 2 }))));
    expect(result.get(2)).toMatchObject({ modifications: 'none', docMdp: 2 });
  });

  it('a further signature on a form whose direct /AcroForm the first signer moved into an object: none', async () => {
    const result = await analyse(await sign(await sign(craftedPdf({ formField: true, docMdp: 2 }))));
    expect(result.get(2)).toMatchObject({ modifications: 'none', findings: [] });
  });

  it('Sneaky Signature: a visible signature field added to a P 2 certified document is disallowed', async () => {
    const signed = await sign(craftedPdf({ docMdp: 2 }));
    const doc = await PdfDocument.open(bytesSource(signed));
    const acroFormRef = (await doc.catalog()).get('AcroForm') as PdfRef;
    const acroForm = await rewritten(signed, acroFormRef.num, (d) => {
      const fields = d.get('Fields');
      d.set('Fields', [...(Array.isArray(fields) ? fields : []), new PdfRef(50, 0)]);
    });
    const changed = update(signed, [
      acroForm,
      await pageWithAnnotation(signed, 50),
      {
        num: 50,
        body: '<< /Type /Annot /Subtype /Widget /FT /Sig /T (Sneaky) /Rect [72 730 400 760] /F 4 /P 3 0 R /AP << /N 51 0 R >> /V 52 0 R >>',
      },
      stream(51, 'BT /Helv 18 Tf 0 5 Td (Amount: 9000 AZN) Tj ET', '/Type /XObject /Subtype /Form /BBox [0 0 328 30] '),
      { num: 52, body: `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange [0 0 0 0] /Contents <${'00'.repeat(16)}> >>` },
    ]);
    const changes = (await analyse(changed)).get(2)!;
    expect(changes.modifications).toBe('disallowed');
    expect(codes(changes)).toEqual(['SIGNATURE_FIELD_ADDED']);
  });

  it('a form field filled in on a P 2 certified document: permitted, FORM_FIELD_CHANGED', async () => {
    const signed = await sign(craftedPdf({ docMdp: 2, formField: true }));
    const field = await rewritten(signed, 9, (d) => {
      const ap = new PdfDict();
      ap.set('N', new PdfRef(50, 0));
      d.set('V', new PdfString(latin1Bytes('250'), false));
      d.set('AP', ap);
    });
    const changed = update(signed, [field, stream(50, 'BT /Helv 12 Tf 2 5 Td (250) Tj ET', '/Type /XObject /Subtype /Form /BBox [0 0 200 20] ')]);
    const changes = (await analyse(changed)).get(2)!;
    expect(changes).toMatchObject({ modifications: 'permitted', docMdp: 2 });
    expect(changes.findings).toEqual([expect.objectContaining({ code: 'FORM_FIELD_CHANGED', objects: ['9 0'], pages: [1], severity: 'permitted' })]);
  });

  it('a form field moved (not only filled) is disallowed: FORM_FIELD_PROPERTIES_CHANGED', async () => {
    const signed = await sign(craftedPdf({ formField: true }));
    const field = await rewritten(signed, 9, (d) => d.set('Rect', [72, 100, 272, 120]));
    expect(codes((await analyse(update(signed, [field]))).get(2))).toEqual(['FORM_FIELD_PROPERTIES_CHANGED']);
  });

  it('P 1: a further signature is CERTIFIED_DOCUMENT_CHANGED', async () => {
    // imzala refuses to sign a P 1 document; pdfsig does not, which makes the case.
    const p1 = craftedPdf({ docMdp: 1 });
    const once = pdfsigSign(tools, p1);
    const twice = pdfsigSign(tools, once, { fieldName: 'Second' });
    const result = await analyse(twice);
    expect(result.get(2)).toMatchObject({ modifications: 'disallowed', docMdp: 1 });
    expect(codes(result.get(2))).toEqual(['CERTIFIED_DOCUMENT_CHANGED']);
  });
});

describe('signature fields prepared before signing', () => {
  /** A document with a text field "amount" and an empty signature field "Approval" locking it (/Lock). */
  function withEmptySignatureField(): Uint8Array {
    const base = craftedPdf({ formField: true });
    const catalog = '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [9 0 R 20 0 R] >> >>';
    const page = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R /Annots [9 0 R 20 0 R] >>';
    return update(base, [
      { num: 1, body: catalog },
      { num: 3, body: page },
      { num: 20, body: "<< /Type /Annot /Subtype /Widget /FT /Sig /T (Approval) /Rect [0 0 0 0] /F 132 /P 3 0 R /Lock << /Type /SigFieldLock /Action /Include /Fields [(amount)] >> >>" },
    ]);
  }

  /** The empty field signed in an update (a signature dictionary as /V; its CMS does not matter here). */
  async function signField(pdf: Uint8Array): Promise<Uint8Array> {
    const field = await rewritten(pdf, 20, (d) => d.set('V', new PdfRef(60, 0)));
    return update(pdf, [field, { num: 60, body: `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange [0 0 0 0] /Contents <${'00'.repeat(16)}> >>` }]);
  }

  it('signing a field that was prepared before: none', async () => {
    const prepared = await sign(withEmptySignatureField());
    const signedField = await signField(prepared);
    const result = await analyzeChanges(await PdfDocument.open(bytesSource(signedField)), [3]);
    expect(result.get(3)).toMatchObject({ modifications: 'none', findings: [] });
  });

  it('a field locked by a signature (/Lock) filled in later: LOCKED_FIELD_CHANGED; before the lock it was only permitted', async () => {
    const signedField = await signField(await sign(withEmptySignatureField()));
    const field = await rewritten(signedField, 9, (d) => d.set('V', new PdfString(latin1Bytes('9000'), false)));
    const changed = update(signedField, [field]);
    const result = await analyzeChanges(await PdfDocument.open(bytesSource(changed)), [3, 4]);
    expect(result.get(3)).toMatchObject({ modifications: 'permitted' });
    expect(codes(result.get(3))).toEqual(['FORM_FIELD_CHANGED']);
    expect(result.get(4)).toMatchObject({ modifications: 'disallowed' });
    expect(codes(result.get(4))).toEqual(['LOCKED_FIELD_CHANGED']);
  });
});

describe('bounded work', () => {
  it('a large document signed three times: the analysis reads only the small updates', async () => {
    const big = 'BT /F1 12 Tf 72 700 Td (filler) Tj ET\n'.repeat(400_000);
    const base = appendSection(
      new Uint8Array(0),
      [
        { num: 1, body: '<< /Type /Catalog /Pages 2 0 R >>' },
        { num: 2, body: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' },
        { num: 3, body: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>' },
        stream(4, big),
      ],
      { trailer: '/Root 1 0 R' },
    );
    const signed = await sign(await sign(await sign(base)));
    expect(signed.length).toBeGreaterThan(15_000_000);
    let bytesRead = 0;
    const inner = bytesSource(signed);
    const counting: ByteSource = { size: inner.size, read: (offset, length) => ((bytesRead += length), inner.read(offset, length)) };
    const started = performance.now();
    const result = await analyse(signed, counting);
    expect([...result.values()].map((c) => c.modifications)).toEqual(['none', 'none', 'none']);
    expect(bytesRead).toBeLessThan(2_000_000);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('a 2 000-page document signed three times: the walks over the signed versions stay quick', async () => {
    const pages = 2000;
    const objects: RawObject[] = [
      { num: 1, body: '<< /Type /Catalog /Pages 2 0 R >>' },
      { num: 2, body: `<< /Type /Pages /Kids [${Array.from({ length: pages }, (_, i) => `${10 + 2 * i} 0 R`).join(' ')}] /Count ${pages} >>` },
      { num: 3, body: '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>' },
    ];
    for (let i = 0; i < pages; i++) {
      objects.push({ num: 10 + 2 * i, body: `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${11 + 2 * i} 0 R >>` });
      objects.push(stream(11 + 2 * i, `BT /F1 12 Tf 72 700 Td (page ${i + 1}) Tj ET`));
    }
    const signed = await sign(await sign(await sign(appendSection(new Uint8Array(0), objects, { trailer: '/Root 1 0 R' }))));
    const started = performance.now();
    const result = await analyse(signed);
    expect([...result.values()].map((c) => c.modifications)).toEqual(['none', 'none', 'none']);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('an update over the object bound is refused with TOO_MANY_CHANGES, not read', async () => {
    const signed = await sign(contract());
    const changed = update(signed, Array.from({ length: 30 }, (_, i) => ({ num: 100 + i, body: '<< >>' })));
    const doc = await PdfDocument.open(bytesSource(changed));
    const result = await analyzeChanges(doc, [2], { maxChangedObjects: 10 });
    expect(result.get(2)).toMatchObject({ modifications: 'disallowed' });
    expect(codes(result.get(2))).toEqual(['TOO_MANY_CHANGES']);
  });

  it('a file whose cross-reference data had to be rebuilt: CHANGES_UNREADABLE, never "none"', async () => {
    const twice = await sign(await sign(contract()));
    const broken = twice.slice();
    const at = latin1String(broken).lastIndexOf('startxref');
    // The last startxref now points at nothing: the reader rebuilds the table by scanning.
    broken.set(latin1Bytes('startxref\n9'), at);
    const doc = await PdfDocument.open(bytesSource(broken));
    expect(doc.reconstructed).toBe(true);
    const result = await analyzeChanges(doc, [2, doc.revisions.length]);
    expect(result.get(2)).toMatchObject({ modifications: 'disallowed' });
    expect(codes(result.get(2))).toEqual(['CHANGES_UNREADABLE']);
  });

  it('a revision that does not exist is never "none"', async () => {
    const doc = await PdfDocument.open(bytesSource(await sign(contract())));
    const result = await analyzeChanges(doc, [7]);
    expect(result.get(7)).toMatchObject({ modifications: 'disallowed' });
  });
});
