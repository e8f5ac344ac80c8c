/**
 * Signature timestamps (CAdES/PAdES B-T): each SignerInfo's signatureTimeStampToken is verified over its
 * signature value; a valid one is the proof of existence that lets a signature outlive its certificate.
 */
import type { ParsedSignedData } from '../cms/parse-signed-data.js';
import { isImzalaError } from '../errors.js';
import type { Finding } from '../report/indications.js';
import type { SignatureReport } from '../report/report.js';
import { signatureTimestampImprint, signatureTimestampTokens } from '../tsp/signature-timestamp.js';
import type { ValidationContext } from './validation-context.js';

export interface SignerTimestamp {
  report: NonNullable<SignatureReport['timestamp']>;
  /** The earliest time a valid token proves, or null. */
  proofOfExistence: Date | null;
  findings: Finding[];
}

/** The timestamps of every SignerInfo that carries one, by SignerInfo index. */
export async function checkSignatureTimestamps(signedData: ParsedSignedData, context: ValidationContext): Promise<Map<number, SignerTimestamp>> {
  const out = new Map<number, SignerTimestamp>();
  for (const [index, info] of signedData.signerInfos.entries()) {
    let tokens: Uint8Array[];
    try {
      tokens = signatureTimestampTokens(info);
    } catch (e) {
      out.set(index, {
        report: { time: '', tsa: null, valid: false },
        proofOfExistence: null,
        findings: [{ code: isImzalaError(e) ? e.code : 'TSP_MALFORMED' }],
      });
      continue;
    }
    if (tokens.length === 0) continue;
    // The timestamp verifier is loaded only for signatures that carry a timestamp.
    const { verifyTimestampToken } = await import('../tsp/verify-timestamp.js');
    let best: SignerTimestamp | null = null;
    const findings: Finding[] = [];
    for (const token of tokens) {
      const v = await verifyTimestampToken(token, {
        imprintOf: signatureTimestampImprint(info.signature),
        anchors: context.anchors,
        time: context.validationTime,
        crls: context.crls,
        revocation: context.revocation,
      });
      if (!v.valid) {
        findings.push({ code: v.code ?? 'TSP_MALFORMED', details: { tsa: v.tsa } });
        best ??= { report: { time: v.time?.toISOString() ?? '', tsa: v.tsa, valid: false }, proofOfExistence: null, findings };
        continue;
      }
      if (!best?.proofOfExistence || v.time!.getTime() < best.proofOfExistence.getTime()) {
        best = { report: { time: v.time!.toISOString(), tsa: v.tsa, valid: true }, proofOfExistence: v.time, findings };
      }
    }
    out.set(index, { ...best!, findings });
  }
  return out;
}

/** The proof-of-existence times to hand to CMS verification. */
export function proofsOfExistence(timestamps: Map<number, SignerTimestamp>): Map<number, Date> {
  const out = new Map<number, Date>();
  for (const [i, t] of timestamps) if (t.proofOfExistence) out.set(i, t.proofOfExistence);
  return out;
}
