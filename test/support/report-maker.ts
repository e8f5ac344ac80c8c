/**
 * Real `imzala.report/1` reports for the report-view and report-pdf tests: a sample PDF signed in process with the
 * TEST hierarchy (the shape of the national PKI) and checked with core, so the view is tested on what core really says.
 * Node only (temporary directory for the demo hierarchy); not part of the browser bundle.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { concatBytes } from '../../core/encoding/bytes.js';
import { bytesSource } from '../../core/io/byte-source.js';
import { Certificate } from '../../core/pki/certificate.js';
import type { Language } from '../../core/report/message-types.js';
import type { ValidationReport } from '../../core/report/report.js';
import { keyPairSigner } from '../../core/signing/key-pair-signer.js';
import { signPdf } from '../../core/signing/sign-pdf.js';
import { validateDocument } from '../../core/validation/validate-document.js';
import { samplePdf } from '../../verifier/demo/sample-pdf.js';
import type { DemoEntity } from '../../verifier/pki-demo/demo-hierarchy.js';
import { writeDemoHierarchy } from '../../verifier/pki-demo/write-demo.js';

export interface ReportMaker {
  /** The unsigned sample contract. */
  plain: Uint8Array;
  /** Signs `pdf` once more (an incremental update) as the TEST citizen or the TEST business signer. */
  sign(pdf: Uint8Array, who: 'citizen' | 'business', options?: { reason?: string; location?: string }): Promise<Uint8Array>;
  /** Checks `pdf` with core against the TEST root, as the page's service would. */
  check(pdf: Uint8Array, language: Language, name?: string): Promise<ValidationReport>;
  /** The TEST people's common names, as their certificates carry them. */
  names: { citizen: string; business: string };
  cleanup(): void;
}

const signerOf = (entity: DemoEntity, chain: Uint8Array[]) => keyPairSigner({ certificate: entity.certificate, chain, privateKeyPkcs8: entity.privateKeyPkcs8! });

/** Writes a fresh TEST hierarchy and returns what the tests need to make signed PDFs and their reports. */
export async function createReportMaker(): Promise<ReportMaker> {
  const dir = mkdtempSync(join(tmpdir(), 'imzala-report-view-'));
  const { hierarchy } = await writeDemoHierarchy(dir);
  const chain = [hierarchy.ica.certificate, hierarchy.pca.certificate];
  const signers = { citizen: await signerOf(hierarchy.citizen, chain), business: await signerOf(hierarchy.business, chain) };
  const anchors = [Certificate.fromDer(hierarchy.rca.certificate)];
  return {
    plain: samplePdf(['TEST contract', 'Party 1: TEST citizen', 'Party 2: TEST company']),
    async sign(pdf, who, options = {}) {
      const { update } = await signPdf(bytesSource(pdf), signers[who], { signingTime: new Date(), ...options });
      return concatBytes(pdf, update);
    },
    check(pdf, language, name = 'müqavilə.pdf') {
      return validateDocument({ name, source: bytesSource(pdf) }, { anchors, validationTime: new Date(), crls: [], language });
    },
    names: { citizen: hierarchy.citizen.commonName, business: hierarchy.business.commonName },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
