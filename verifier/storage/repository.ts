/**
 * The store the signing service talks to. Everything the service persists goes through these interfaces, so a
 * PostgreSQL + object-store back end can replace the embedded one (file-store.ts: lowdb JSON records + a journal).
 */
import type { MailKind, ProcessStatus, SigningProcess } from '../../core/process/model.js';

/** One mail the service has to send; kept until the mail server accepted it (`sentAt`). */
export interface OutboxEntry {
  id: string;
  processId: string;
  kind: MailKind;
  to: string;
  signerIndex?: number;
  createdAt: string;
  attempts: number;
  nextAttemptAt: string;
  sentAt?: string;
  lastError?: string;
}

/** A signer's link. Only the SHA-256 of the random token is stored, so a copy of the store opens no link. */
export interface SigningToken {
  /** SHA-256 hex (lower case) of the token. */
  hash: string;
  processId: string;
  signerIndex: number;
  createdAt: string;
  usedAt?: string;
}

export interface ProcessFilter {
  status?: ProcessStatus;
  /** The initiator's e-mail, compared case-insensitively. */
  initiator?: string;
  limit?: number;
  offset?: number;
}

/** What a stored file is: its SHA-256 (its name in the store) and its size in bytes. */
export interface StoredFile {
  sha256: string;
  size: number;
}

export interface Store {
  /**
   * Runs `fn` alone (one writer queue: the next transaction starts after this one is written). What `fn` stages
   * is written atomically together before the promise resolves: after a crash either all of it or none of it is
   * there. If `fn` throws, nothing it staged is written and the promise rejects with that error.
   */
  transact<T>(fn: (tx: Transaction) => Promise<T> | T): Promise<T>;
  getProcess(id: string): Promise<SigningProcess | undefined>;
  findToken(hash: string): Promise<SigningToken | undefined>;
  /** Newest first (by createdAt, then id). */
  listProcesses(filter?: ProcessFilter): Promise<SigningProcess[]>;
  /** Outbox entries due at `now` (not sent, nextAttemptAt <= now), oldest first (nextAttemptAt, then createdAt). */
  dueMail(now: Date, limit: number): Promise<OutboxEntry[]>;
  getMail(id: string): Promise<OutboxEntry | undefined>;
  /** Records that the mail server accepted the mail (one transaction). */
  markMailSent(id: string, at: Date): Promise<void>;
  /** Records a failed attempt: attempts + 1, the error, and when to try again (one transaction). */
  markMailFailed(id: string, error: string, nextAttemptAt: Date): Promise<void>;
  /**
   * Stores a file once by its SHA-256 (storing the same bytes again only returns the same name). Durable before
   * the promise resolves. A stream is hashed while it is written, never held in memory whole.
   */
  putFile(source: Uint8Array | AsyncIterable<Uint8Array>, options?: { maxBytes?: number }): Promise<StoredFile>;
  /** The bytes of a stored file, checked against their SHA-256 (STORE_FILE_NOT_FOUND, STORE_FILE_CORRUPT). */
  readFile(sha256: string): Promise<Uint8Array>;
  /** The file's path on disk, for streaming large files (e.g. as a mail attachment); undefined if not stored. */
  filePath(sha256: string): Promise<string | undefined>;
  /** Waits for the queue and the background checkpoint, then closes. Later calls fail with STORE_CLOSED. */
  close(): Promise<void>;
}

/** What a transaction can read and stage. Reads see what this transaction staged before. */
export interface Transaction {
  getProcess(id: string): Promise<SigningProcess | undefined>;
  getToken(hash: string): Promise<SigningToken | undefined>;
  putProcess(p: SigningProcess): void;
  putToken(t: SigningToken): void;
  /** Sets usedAt (STORE_TOKEN_NOT_FOUND if unknown). A token already used keeps its first usedAt. */
  markTokenUsed(hash: string, at: Date): Promise<SigningToken>;
  /** STORE_MAIL_EXISTS if the id is taken. */
  enqueueMail(e: OutboxEntry): Promise<void>;
}

export { openStore, type StoreOptions } from './file-store.js';
