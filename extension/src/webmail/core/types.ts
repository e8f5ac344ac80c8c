/**
 * What the webmail runtime (core/) and the adapters (gmail/, outlook/) agree on. An adapter knows one webmail's DOM:
 * where an opened message's attachments are, how to fetch one the way the webmail does, how to open a reply and
 * attach a file, where compose windows are. The runtime does everything else (observing the DOM, buttons, badges,
 * the signing view, diagnostics). Every selector lives in the adapter's selectors.ts as a SelectorSpec with dated
 * alternatives; when none of a spec's alternatives matches, the feature that needs it is off on that page (one
 * diagnostic line), and the mail client keeps working.
 */

/** The features a page may have; the popup shows which are on for the current tab. */
export type FeatureId = 'attachment-buttons' | 'attachment-badges' | 'reply-with-file' | 'compose-send-for-signing';
export const FEATURES: readonly FeatureId[] = ['attachment-buttons', 'attachment-badges', 'reply-with-file', 'compose-send-for-signing'];

export interface SelectorAlternative {
  /** A CSS selector (document.querySelectorAll syntax). */
  css: string;
  /** When this structure was observed, YYYY-MM-DD. */
  observed: string;
  /** Where: the source the structure was read from (a public project's file at a commit, documentation, ...). */
  source: string;
}

export interface SelectorSpec {
  /** Stable id, e.g. 'gmail.attachment'. The convention test checks each has a fixture it matches. */
  id: string;
  /** The features that stop working without it. */
  features: readonly FeatureId[];
  description: string;
  /** Tried in order: the first that matches anything wins. */
  alternatives: readonly SelectorAlternative[];
}

/** An attachment of an opened message, as the adapter found it. */
export interface AttachmentRef {
  /** The attachment's element in the page; the runtime puts its button and badge next to it (once). */
  element: HTMLElement;
  name: string;
  /** MIME type when the page says it. */
  mimeType?: string;
  /** The same-origin URL the webmail itself downloads it from (fetched with the user's session, never elsewhere). */
  url: string;
  /** Identifies the message the attachment belongs to (for replying), stable while the message is open. */
  messageKey: string;
}

export interface Participant {
  name?: string;
  email: string;
}

/** An open compose window (new message or reply). */
export interface ComposeRef {
  element: HTMLElement;
  /** Where the runtime puts its "send for signing with imzala" action. */
  actionAnchor: HTMLElement;
  recipients(): Participant[];
  /** The files attached in this compose window, when the page holds them (replicas and some webmails do). */
  attachmentNames(): string[];
  /**
   * The compose window's attachments that can be fetched the way the webmail does (an uploaded file's same-origin
   * download URL), for "send for signing with imzala"; [] when the page gives no such URL. `messageKey` identifies the
   * compose window.
   */
  attachments(): AttachmentRef[];
}

/** Thrown by adapter methods when a selector they need matches nothing: the runtime turns the feature off. */
export class FeatureUnavailable extends Error {
  constructor(
    readonly feature: FeatureId,
    readonly selectorId: string,
  ) {
    super(`${feature}: no alternative of ${selectorId} matched`);
    this.name = 'FeatureUnavailable';
  }
}

export interface WebmailAdapter {
  id: 'gmail' | 'outlook';
  /** Whether this adapter handles the page at `url` (told apart by URL: host and path). */
  matches(url: URL): boolean;
  selectors: readonly SelectorSpec[];
  /** Attachments of opened messages inside `root` (the document, or a subtree the page just added). */
  findAttachments(root: ParentNode): AttachmentRef[];
  /** The bytes of an attachment, fetched the way the webmail does (same origin, the user's session). */
  fetchAttachment(attachment: AttachmentRef): Promise<Blob>;
  /** The other people of the attachment's thread (senders and recipients, not the user), for further signatures. */
  threadParticipants(attachment: AttachmentRef): Participant[];
  /** Opens a reply to the attachment's message with `file` attached; resolves once the file shows in the reply. */
  replyWithFile(attachment: AttachmentRef, file: File): Promise<void>;
  /** Compose windows inside `root`. */
  findComposes(root: ParentNode): ComposeRef[];
}
