/** Inputs shared by the process tests (imported by *.test.ts only). */
import type { NewProcessInput } from './model.js';

export const NOW = new Date('2026-11-23T12:00:00Z');
/** 18:00 Baku time a week later. */
export const DEADLINE = '2026-11-30T18:00:00+04:00';
export const DEADLINE_UTC = '2026-11-30T14:00:00.000Z';

/** A SHA-256-shaped hex string from a small number, so each version is different and readable in a failure. */
export function hash(n: number): string {
  return n.toString(16).padStart(64, '0');
}

/** Three signers (a citizen, a legal entity's representative, a citizen), two documents, two cc. */
export function newProcessInput(): NewProcessInput {
  return {
    name: 'Icarə müqaviləsi',
    deadline: DEADLINE,
    lang: 'az',
    initiator: { email: 'initiator@example.az', name: 'Aygün Məmmədova' },
    signers: [
      { type: 'citizen', name: 'Əli Həsənov', fin: '5ZH7K2P', email: 'ali@example.az' },
      { type: 'legal', name: 'Günel Quliyeva', fin: '1AB2C3D', voen: '1234567891', email: 'gunel@firma.az', position: 'Direktor', company: 'Firma MMC' },
      { type: 'citizen', name: 'Şahin Çələbi', fin: '7QWERTY', email: 'sahin@example.az' },
    ],
    cc: ['muhasib@firma.az', 'arxiv@example.az'],
    documents: [
      { name: 'müqavilə.pdf', size: 120_000, sha256: hash(1), mediaType: 'application/pdf' },
      { name: 'əlavə.docx', size: 40_000, sha256: hash(2), mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
    ],
  };
}
