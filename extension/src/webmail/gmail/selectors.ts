/**
 * Every Gmail selector the adapter uses, as SelectorSpecs with dated alternatives (newest structure first).
 *
 * None of these structures was observed live by us. They were read from public open-source projects that drive
 * Gmail's DOM, found with the code search on 2026-11-23:
 *  - InboxSDK/InboxSDK (src/platform-implementation-js/dom-driver/gmail/views/...): gmail-attachment-area-view.ts
 *    @07f9e55a, gmail-attachment-card-view.ts @cb4c40ca, gmail-message-view.ts @715f2150, gmail-compose-view.ts
 *    @5d603ca4, gmail-compose-view/page-parser.ts @c5718436, gmail-compose-view/get-recipients.ts @b47f2ea8.
 *    The index gives commits, not commit dates; `observed` is then the day we read them (2026-11-23).
 *  - KartikTalwar/gmail.js src/gmail.js @94a281a6 (v0.4, old): `div[role=main]` as the inbox content, `.ii.gt`
 *    message bodies whose class carries the message id.
 *  - ydisli/replazy scripts/content.js @77824b8c: the thread's bottom Reply link `span.bkH[role="link"]`.
 *  - a public Gmail automation file "learnings/mail-google-com/tools/mail-google-com.mjs" (the index did not name its
 *    repository) that says it was verified live 2026-09-27/28: `input[type=file][name=Filedata]` in compose, the
 *    `download_url` attribute ("mime:name:url") on read and compose attachment chips, `[data-hovercard-id]` recipients,
 *    the account's address in document.title.
 * Where a class name is not in any of these sources it is marked ASSUMPTION below.
 */
import type { SelectorSpec } from '../core/types.js';

const READ_ON = '2026-11-23';
const INBOXSDK = 'InboxSDK/InboxSDK src/platform-implementation-js/dom-driver/gmail/views';
const LEARNINGS = 'public file learnings/mail-google-com/tools/mail-google-com.mjs (repository not named by the index; says "verified live")';

/** The main content area; participants of a thread are collected inside it. */
export const threadRoot: SelectorSpec = {
  id: 'gmail.thread-root',
  features: ['attachment-buttons'],
  description: 'The main content area that holds the opened conversation',
  alternatives: [{ css: 'div[role=main]', observed: READ_ON, source: 'KartikTalwar/gmail.js src/gmail.js@94a281a6 api.dom.inbox_content' }],
};

/** One message of a conversation (expanded or collapsed). */
export const message: SelectorSpec = {
  id: 'gmail.message',
  features: ['attachment-buttons', 'attachment-badges', 'reply-with-file'],
  description: 'A message of the opened conversation',
  alternatives: [
    { css: 'div.adn[data-message-id]', observed: READ_ON, source: `${INBOXSDK}/gmail-message-view.ts@715f2150 (reads [data-message-id] / data-legacy-message-id)` },
    { css: 'div.adn', observed: READ_ON, source: 'brief of issue 7 (gmail.js message containers .adn); GmailFetcher-style selector div.adn.ads seen in the code search' },
  ],
};

/** Where a message's id is written; the first alternative that matches inside a message gives its key. */
export const messageKey: SelectorSpec = {
  id: 'gmail.message-key',
  features: ['reply-with-file'],
  description: "The element carrying a message's id",
  alternatives: [
    { css: '[data-legacy-message-id]', observed: READ_ON, source: `${INBOXSDK}/gmail-message-view.ts@715f2150 getMessageID` },
    { css: '[data-message-id]', observed: READ_ON, source: `${INBOXSDK}/gmail-message-view.ts@715f2150 (sync id "#msg-f:...")` },
    { css: 'div.ii.gt', observed: READ_ON, source: `${INBOXSDK}/gmail-message-view.ts@715f2150 "old messageid location" (class m<hex>); KartikTalwar/gmail.js@94a281a6 email_ids` },
  ],
};

/** A message's attachment area (present even when Gmail renames the chips: the sign that the chips broke). */
export const attachmentArea: SelectorSpec = {
  id: 'gmail.attachment-area',
  features: ['attachment-buttons', 'attachment-badges'],
  description: "A message's attachments area",
  alternatives: [
    { css: 'div.hq.gt', observed: READ_ON, source: `${INBOXSDK}/gmail-attachment-area-view.ts@07f9e55a (class "hq gt a10")` },
    { css: 'div.hq', observed: READ_ON, source: `${INBOXSDK}/gmail-message-view.ts@715f2150 #getAttachmentArea ('.hq')` },
  ],
};

/** One attachment chip of an opened message. */
export const attachment: SelectorSpec = {
  id: 'gmail.attachment',
  features: ['attachment-buttons', 'attachment-badges'],
  description: 'An attachment chip of an opened message',
  alternatives: [
    { css: '.aQH > span.aZo[download_url]', observed: '2026-09-28', source: `${LEARNINGS}; ${INBOXSDK}/gmail-attachment-card-view.ts@cb4c40ca (download_url)` },
    { css: '.aQH > span.aZo', observed: READ_ON, source: `${INBOXSDK}/gmail-attachment-area-view.ts@07f9e55a ('.aQH > span') + card class aZo` },
    { css: 'span.aZo', observed: READ_ON, source: `${INBOXSDK}/gmail-attachment-card-view.ts@cb4c40ca (card element span.aZo)` },
  ],
};

/** The file name inside a chip (used when the chip has no download_url). */
export const attachmentName: SelectorSpec = {
  id: 'gmail.attachment-name',
  features: ['attachment-buttons', 'attachment-badges'],
  description: "The file name shown on an attachment chip",
  alternatives: [
    { css: 'span.aV3', observed: READ_ON, source: `${INBOXSDK}/gmail-attachment-card-view.ts@cb4c40ca getTitle ('span .aV3')` },
    { css: '.aQA > span', observed: READ_ON, source: `${INBOXSDK}/gmail-attachment-card-view.ts@cb4c40ca _extractFileNameFromElement` },
  ],
};

/** The chip's own link (its first child), Gmail's download URL with disp=inline. */
export const attachmentLink: SelectorSpec = {
  id: 'gmail.attachment-link',
  features: ['attachment-buttons', 'attachment-badges'],
  description: "An attachment chip's link to the file",
  alternatives: [{ css: 'a.aQy[href]', observed: READ_ON, source: `${INBOXSDK}/gmail-attachment-card-view.ts@cb4c40ca _getDownloadLink (first child A)` }],
};

/** A message's sender. */
export const sender: SelectorSpec = {
  id: 'gmail.sender',
  features: ['attachment-buttons'],
  description: "A message's sender (email attribute)",
  alternatives: [
    { css: 'span.gD[email]', observed: READ_ON, source: 'brief of issue 7 (gmail.js span.gD[email]); span.gD sender in a GmailFetcher seen in the code search' },
    { css: 'td.gF span[email]', observed: READ_ON, source: `${INBOXSDK}/gmail-message-view.ts@715f2150 getSender` },
  ],
};

/** A message's recipients. */
export const recipient: SelectorSpec = {
  id: 'gmail.recipient',
  features: ['attachment-buttons'],
  description: "A message's recipients (email attribute)",
  alternatives: [
    { css: 'span.g2[email]', observed: READ_ON, source: 'brief of issue 7 (gmail.js span.g2[email]); span.g2 recipients in a GmailFetcher seen in the code search' },
    { css: '.hb span[email]', observed: READ_ON, source: `${INBOXSDK}/gmail-message-view.ts@715f2150 getRecipients` },
  ],
};

/** The Reply button in an expanded message's header. */
export const messageReplyButton: SelectorSpec = {
  id: 'gmail.message-reply-button',
  features: ['reply-with-file'],
  description: "The Reply button in a message's header",
  alternatives: [
    {
      css: 'tr.acZ div.T-I.aaq[role=button]',
      observed: READ_ON,
      // ASSUMPTION: the row tr.acZ and the T-I button classes are InboxSDK's (its More button is
      // 'tr.acZ div.T-I.J-J5-Ji.aap.L3[role=button][aria-haspopup]'); that Reply beside it has class "aaq" is from
      // memory of Gmail's markup, not from a stored source.
      source: `ASSUMPTION: class aaq; row and button classes from ${INBOXSDK}/gmail-message-view.ts@715f2150 #getMoreButton`,
    },
  ],
};

/** The Reply link under the conversation (replies to its last message). */
export const threadReplyButton: SelectorSpec = {
  id: 'gmail.thread-reply-button',
  features: ['reply-with-file'],
  description: 'The Reply link below the conversation',
  alternatives: [
    { css: 'span.ams.bkH[role=link]', observed: READ_ON, source: 'ydisli/replazy scripts/content.js@77824b8c (span.bkH[role="link"]); class ams: ASSUMPTION' },
    { css: 'span.bkH', observed: READ_ON, source: 'ydisli/replazy scripts/content.js@77824b8c' },
  ],
};

/** A compose window: a new message or an inline reply. */
export const compose: SelectorSpec = {
  id: 'gmail.compose',
  features: ['reply-with-file', 'compose-send-for-signing'],
  description: 'A compose window (new message or reply)',
  alternatives: [
    { css: 'div.M9', observed: READ_ON, source: `${INBOXSDK}/gmail-compose-view.ts@5d603ca4 popOut ('.M9 > [role=menu]...'); brief of issue 7` },
    { css: 'div.nH.Hd[role=dialog]', observed: READ_ON, source: 'evan-brass/js-min examples/instantiate-performance/index.mjs (a saved Gmail compose window)' },
  ],
};

/** The compose's hidden file input (what "Attach files" feeds). */
export const composeFileInput: SelectorSpec = {
  id: 'gmail.compose-file-input',
  features: ['reply-with-file'],
  description: "The compose window's file input",
  alternatives: [
    { css: 'input[type=file][name=Filedata]', observed: '2026-09-27', source: LEARNINGS },
    { css: 'input[type=file]', observed: '2026-09-27', source: `${LEARNINGS} (the same input without its name)` },
  ],
};

/** Gmail's drop zones, shown over a compose while files are dragged (the other way a person attaches). */
export const composeDropzone: SelectorSpec = {
  id: 'gmail.compose-dropzone',
  features: ['reply-with-file'],
  description: 'The drop zone Gmail shows over a compose while dragging files',
  alternatives: [
    { css: 'body > div.aC7:not(.aWP)', observed: READ_ON, source: `${INBOXSDK}/gmail-compose-view.ts@5d603ca4 #findDropzoneForThisCompose (inline)` },
    { css: 'body > div.aC7.aWP', observed: READ_ON, source: `${INBOXSDK}/gmail-compose-view.ts@5d603ca4 #findDropzoneForThisCompose (window)` },
  ],
};

/** A file attached in a compose window. */
export const composeAttachment: SelectorSpec = {
  id: 'gmail.compose-attachment',
  features: ['reply-with-file', 'compose-send-for-signing'],
  description: 'A file attached in a compose window',
  alternatives: [
    { css: 'div.dL', observed: READ_ON, source: 'ASSUMPTION: compose attachment row div.dL with name div.vI, from memory of Gmail markup' },
    {
      css: '[download_url]',
      observed: '2026-09-28',
      // The only stored source showing a URL on compose rows: download_url "mime:name:url" on compose chips.
      source: `${LEARNINGS} (download_url "present on both read and compose attachment chips"; its url part is the file's download URL)`,
    },
  ],
};

/** The file name on an attached file's row in a compose window (when the row has no download_url). */
export const composeAttachmentName: SelectorSpec = {
  id: 'gmail.compose-attachment-name',
  features: ['reply-with-file', 'compose-send-for-signing'],
  description: "The name of a file attached in a compose window",
  alternatives: [{ css: 'div.vI', observed: READ_ON, source: 'ASSUMPTION: name div.vI inside the attachment row div.dL, from memory of Gmail markup' }],
};

/**
 * The link of an attached file's row in a compose window: Gmail's download URL of the uploaded file (used when the row
 * has no download_url). No stored source shows a compose row's link; the URL form is that of Gmail's read chips.
 */
export const composeAttachmentLink: SelectorSpec = {
  id: 'gmail.compose-attachment-link',
  features: ['compose-send-for-signing'],
  description: "The download link of a file attached in a compose window",
  alternatives: [
    {
      css: 'a[href*="view=att"]',
      observed: READ_ON,
      source:
        'ASSUMPTION: a link in the row (from memory of Gmail markup, a.dO inside div.dL); its URL form ?ui=2&ik=..&attid=..&view=att&disp=safe is ' +
        'the one of read chips (tungnguyenson/gmail-to-trello-extension chrome/TODO.md quoting KartikTalwar/gmail.js issue 134; brief of issue 7)',
    },
  ],
};

/** The compose window's bottom toolbar (Send, formatting, attach): where the runtime puts its action. */
export const composeToolbar: SelectorSpec = {
  id: 'gmail.compose-toolbar',
  features: ['compose-send-for-signing'],
  description: "The compose window's bottom toolbar",
  alternatives: [
    { css: '.aoP .aDj', observed: READ_ON, source: `${INBOXSDK}/gmail-compose-view.ts@5d603ca4 getBottomToolbarContainer` },
    { css: '.aDg .aDj > .aDh', observed: READ_ON, source: `${INBOXSDK}/gmail-compose-view.ts@5d603ca4 getStatusArea` },
  ],
};

/** A recipient in a compose window. */
export const composeRecipient: SelectorSpec = {
  id: 'gmail.compose-recipient',
  features: ['compose-send-for-signing'],
  description: 'A recipient chip in a compose window',
  alternatives: [
    { css: '[role=listbox] [role=option][data-hovercard-id]', observed: READ_ON, source: `${INBOXSDK}/gmail-compose-view/page-parser.ts@c5718436 + get-recipients.ts@b47f2ea8 (2021 recipients)` },
    { css: '.vR > input[type=hidden]', observed: READ_ON, source: `${INBOXSDK}/gmail-compose-view/page-parser.ts@c5718436 (classic recipients)` },
  ],
};

/** Every spec, for the runtime's diagnostics and the convention test. */
export const GMAIL_SELECTORS: readonly SelectorSpec[] = [
  threadRoot,
  message,
  messageKey,
  attachmentArea,
  attachment,
  attachmentName,
  attachmentLink,
  sender,
  recipient,
  messageReplyButton,
  threadReplyButton,
  compose,
  composeFileInput,
  composeDropzone,
  composeAttachment,
  composeAttachmentName,
  composeAttachmentLink,
  composeToolbar,
  composeRecipient,
];
