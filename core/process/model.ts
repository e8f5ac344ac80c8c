/**
 * The signing process's data: what the store keeps, what the pages show and what the pure rules in
 * process.ts turn into a new state. Plain JSON-safe objects only (strings, numbers, arrays, records), so the
 * same value goes into lowdb, over HTTP and into a browser unchanged. Times are ISO 8601 strings in UTC.
 */

/** Who signs: a citizen (vətəndaş), an individual entrepreneur (fiziki şəxs) or a legal entity's representative (hüquqi şəxs). */
export type PersonType = 'citizen' | 'entrepreneur' | 'legal';

/** The process as a whole (AZ-ESIGN.md section 1 words: İmzada, İmzalanıb, İmzalanmadı, Ləğv edilib, Vaxtı bitib). */
export type ProcessStatus = 'in_progress' | 'completed' | 'declined' | 'cancelled' | 'expired';

/** One signer's place in the order (Növbədə, İmza gözləyir, İmzalanıb, İmzalanmadı). */
export type SignerStatus = 'queued' | 'awaiting_signature' | 'signed' | 'declined';

/** A signer as the initiator enters them (the wizard's steps 2 and 3; the `signers` of POST /api/v1/processes). */
export interface SignerSpec {
  /** Person type; a legal entity also needs `voen` and `company`. */
  type: PersonType;
  /** Full name as the person is known (1..200 characters). */
  name: string;
  /** FIN (personal identification number): 7 characters [0-9A-Z], stored in upper case; the signing certificate must carry it. */
  fin: string;
  /** VÖEN (tax identification number): 10 digits; required for a legal entity, checked against the certificate's OU=TIN:. */
  voen?: string;
  /** Where the invitation goes (the link to sign is in it). */
  email: string;
  /** Position in the company (e.g. "Direktor"); shown to the others, optional. */
  position?: string;
  /** The company the person represents; required for a legal entity. */
  company?: string;
}

/** One document of the process, frozen at start: the original that every signer signs in turn. */
export interface ProcessDocument {
  /** Stable id within the process (given by the caller of createProcess). */
  id: string;
  /** The file name as uploaded (shown to the signers and used for the attachment). */
  name: string;
  /** Size of the original in bytes. */
  size: number;
  /** SHA-256 of the original, 64 lower-case hex digits (the store keeps files by it). */
  sha256: string;
  /** The media type the upload declared (informative; `kind` decides how it is signed). */
  mediaType: string;
  /** 'pdf' is signed in place (PAdES, one incremental update per signer); 'other' goes into an ASiC-E container. */
  kind: 'pdf' | 'other';
}

/** A signer inside a running process. */
export interface Signer extends SignerSpec {
  /** Position in the signing order, 0-based (the first signer is 0). */
  index: number;
  /** Where this signer stands. */
  status: SignerStatus;
  /** When the signer's signature was accepted. */
  signedAt?: string;
  /** documentId -> SHA-256 of the version this signer's signature produced (for idempotent repeats of /complete). */
  signedDocuments?: Record<string, string>;
  /** When the signer declined. */
  declinedAt?: string;
  /** The reason the signer gave for declining (1..1000 characters). */
  declineReason?: string;
  /** When the last reminder was sent to this signer. */
  remindedAt?: string;
}

/** One line of the process's timeline. */
export interface HistoryEntry {
  /** When the event happened (ISO 8601, UTC). */
  at: string;
  /** Who did it: an e-mail address for people, 'system' for the scheduler. */
  actor: string;
  /** What happened. */
  event: ProcessEvent['type'];
  /** The signer the event concerns (sign, decline, remind). */
  signerIndex?: number;
  /** Free text: the decline or cancel reason. */
  detail?: string;
}

/** The whole process: the value kept in the store and moved from state to state by applyEvent. */
export interface SigningProcess {
  /** Stable id (given by the caller of createProcess). */
  id: string;
  /** Process name (1..200 characters). */
  name: string;
  /** The language of the process's mails and pages. */
  language: 'az' | 'en' | 'ru';
  /** Who started the process; gets the 'started' copy and the 'declined' and 'completed' mails. */
  initiator: { email: string; name?: string };
  /** When the process was started. */
  createdAt: string;
  /** Signing deadline: from this instant on nobody may sign or decline and the process expires. */
  deadline: string;
  /** The process's status. */
  status: ProcessStatus;
  /** The originals, frozen at start. */
  documents: ProcessDocument[];
  /** documentId -> SHA-256 of the latest signed version (starts as the original's). */
  current: Record<string, string>;
  /** The signers in signing order. */
  signers: Signer[];
  /** Extra recipients: they receive the signed files at the end and the notices, and never act. */
  cc: string[];
  /** Every applied event, oldest first. */
  history: HistoryEntry[];
  /** +1 on every applied event (optimistic concurrency, idempotency checks); 1 after start. */
  version: number;
  /** When the process reached a final status (completed, declined, cancelled, expired). */
  finishedAt?: string;
}

/** What can happen to a process. `at` is an ISO 8601 time; the caller supplies it (the model has no clock). */
export type ProcessEvent =
  | { type: 'start'; at: string; actor: string }
  | { type: 'sign'; at: string; signerIndex: number; documents: { documentId: string; sha256: string }[] }
  | { type: 'decline'; at: string; signerIndex: number; reason: string }
  | { type: 'cancel'; at: string; actor: string; reason?: string }
  | { type: 'expire'; at: string; actor?: string }
  | { type: 'remind'; at: string; signerIndex: number; actor?: string };

/** The mails the rules ask for; the verifier renders and sends them (core/process never mails). */
export type MailKind = 'invitation' | 'reminder' | 'your_turn' | 'declined' | 'cancelled' | 'expired' | 'completed' | 'started';

/** One mail to send. `signerIndex` is set when the recipient is a signer (their link and name come from it). */
export interface MailEffect {
  type: 'mail';
  kind: MailKind;
  to: string;
  signerIndex?: number;
}

/** A document as the upload describes it, before the process gives it an id. */
export interface NewDocumentInput {
  /** The file name as uploaded (1..255 characters, no path separators or control characters). */
  name: string;
  /** Size in bytes (at least 1). */
  size: number;
  /** SHA-256 of the bytes, 64 hex digits (normalised to lower case). */
  sha256: string;
  /** Declared media type; empty becomes application/octet-stream. */
  mediaType: string;
  /** 'pdf' or 'other'; when absent it is derived from the media type and name (the server should sniff %PDF- and say). */
  kind?: 'pdf' | 'other';
}

/** What starts a process: the JSON of POST /api/v1/processes plus the uploaded documents and the initiator. */
export interface NewProcessInput {
  /** Process name (1..200 characters). */
  name: string;
  /** Signing deadline, ISO 8601 with a time zone (Z or ±hh:mm), after `now`. */
  deadline: string;
  /** Language of mails and pages; default 'az'. */
  lang?: 'az' | 'en' | 'ru';
  /** Who starts the process. */
  initiator: { email: string; name?: string };
  /** Signers in signing order (1..20). */
  signers: SignerSpec[];
  /** Extra recipients' e-mails (at most 20). */
  cc?: string[];
  /** The documents (1..10, at most 100 MiB together). */
  documents: NewDocumentInput[];
}

/** One refused field: `field` is a path such as "signers[1].fin", `code` a key of PROCESS_MESSAGES. */
export interface FieldError {
  field: string;
  code: string;
}
