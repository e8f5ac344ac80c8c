/**
 * Every selector of Outlook on the web (OWA: outlook.office.com, outlook.office365.com, outlook.live.com — one app).
 *
 * None of these structures was observed live by us. They were read on 2026-11-23 from public sources (below); the
 * `observed` date is the date the source itself gives for the structure where it gives one, else the day we read it.
 * OWA is localised: roles, data attributes and Fluent icon names (`data-icon-name`, not translated) come first; where
 * only a label works, the labels are listed per language, and labels marked "assumed" (az/ru) were not seen in any
 * source. Class names like `aVla3` are OWA's hashed CSS-module names: they change with OWA releases.
 *
 * The fixtures that every alternative must match: test/fixtures/webmail/outlook.ts (`renderOutlookReading` /
 * `renderOutlookCompose`, variants 'current' = first alternatives, 'older' = the later ones, 'broken').
 */
import type { SelectorSpec } from '../core/types.js';

/** mailvelope/mailvelope: OWA integration (file says "Copyright (C) 2025") and its DOM templates taken from outlook.office.com. */
const MAILVELOPE =
  'mailvelope/mailvelope@0f7b06e359ede4c32edc1a85a9b92aa1879ffcf5 src/content-scripts/outlookIntegration.js + ' +
  'test/integration/__mocks__/outlook-dom-templates.js@63025c2c695fd6515610407fc11e80eedd87918f ("based on actual HTML from outlook.office.com", de locale)';
/** shaleenbhardwaj/Mailboost: selector lists "confirmed against a real German outlook.live.com account (Aug 2026)". */
const MAILBOOST = 'shaleenbhardwaj/Mailboost@bcc23969b383ae5df70cb7354b646478e21f6d24 content_scripts/outlook.js (outlook.live.com, Aug 2026)';
const TOGGL = 'toggl/track-extension@8edc8f23b9d925bb2ba20e17819ac4ded843c40f src/content/outlook.js (outlook.office.com)';
const WD_POC = 'fperezdev/wd-extension-poc@0a94083d3a97731cccd07a718899009b3825567e src/lib/consts.ts';
const OWA_URL_FORM =
  'OWA download URL form /owa/service.svc/s/GetFileAttachment?id=..&X-OWA-CANARY=..: ramboxapp/community-edition issue #1693 ' +
  '(2018-06-05, outlook.office.com) and OfficeDev/office-js issue #4219 (2024-03-05, Exchange 2019 OWA)';
const READ_ON = '2026-11-23';

/** An opened message in the reading pane (one per message of a conversation). */
export const message: SelectorSpec = {
  id: 'outlook.message',
  features: ['attachment-buttons', 'attachment-badges', 'reply-with-file'],
  description: 'an opened message (header, actions, body, attachment well) in the reading pane',
  alternatives: [
    { css: 'div.aVla3', observed: READ_ON, source: `${MAILVELOPE}: messages are the .aVla3 elements, indexed in conversation order` },
    { css: 'div[data-app-section="MailReadCompose"]', observed: READ_ON, source: `${WD_POC} (OUTLOOK_MAIL_READ) and Mailvelope's readingPaneMinimal template` },
  ],
};

/** The open conversation (reading pane); evidence that a message is open even when `message` matches nothing. */
export const readingPane: SelectorSpec = {
  id: 'outlook.reading-pane',
  features: ['attachment-buttons', 'attachment-badges'],
  description: 'the reading pane holding the open conversation',
  alternatives: [
    { css: '[data-app-section="ConversationContainer"]', observed: READ_ON, source: `${MAILVELOPE}; also ${MAILBOOST} (readingPane)` },
    {
      css: '[aria-label="Reading Pane"], [aria-label="Lesebereich"], [aria-label="Oxuma paneli"], [aria-label="Область чтения"]',
      observed: '2026-08-01',
      source: `${MAILBOOST} (readingPane, en); de "Lesebereich" from ${MAILVELOPE}; az/ru assumed`,
    },
  ],
};

/** The attachment well of a message: a listbox of attachment cards. */
export const attachmentWell: SelectorSpec = {
  id: 'outlook.attachment-well',
  features: ['attachment-buttons', 'attachment-badges'],
  description: "a message's attachment list (role=listbox; its aria-label \"Attachments\" is localised, so it is not used)",
  alternatives: [{ css: 'div[role="listbox"]', observed: READ_ON, source: `${MAILVELOPE}: div[role=listbox][aria-label=Attachments].E_kRz inside .aVla3` }],
};

/** One attachment card of an opened message. */
export const attachment: SelectorSpec = {
  id: 'outlook.attachment',
  features: ['attachment-buttons', 'attachment-badges'],
  description: 'an attachment card (role=option with a draggable body; aria-label "<name> Open <size>")',
  alternatives: [
    { css: 'div[role="listbox"] div[role="option"]:has(div[draggable="true"])', observed: READ_ON, source: `${MAILVELOPE} (messageWithAttachment template)` },
    {
      css: 'a[href*="/service.svc/s/GetFileAttachment"]',
      observed: '2018-06-05',
      source: `${OWA_URL_FORM}; that the older card was a link to this URL is an assumption (a public Outlook fetcher in the index lists "a._ay_I.o365button" anchors it downloads from, repository not named by the index)`,
    },
  ],
};

/** The file name inside a card (evaluated with the card as root; the card itself may carry it). */
export const attachmentName: SelectorSpec = {
  id: 'outlook.attachment-name',
  features: ['attachment-buttons', 'attachment-badges'],
  description: 'the element whose title is the file name (the first title in the card; the second is the size)',
  alternatives: [
    { css: 'div[draggable="true"] div[title]', observed: READ_ON, source: `${MAILVELOPE}: .VlyYV[title=<name>] (getEncryptedAttachments reads it)` },
    { css: 'a[title]', observed: '2018-06-05', source: `assumption for the older link card: title holds the name (${OWA_URL_FORM})` },
  ],
};

/** Where the card's download URL is (evaluated with the card as root). */
export const attachmentUrl: SelectorSpec = {
  id: 'outlook.attachment-url',
  features: ['attachment-buttons', 'attachment-badges'],
  description: 'a same-origin link to service.svc/s/GetFileAttachment?id=..&X-OWA-CANARY=.. in or on the card',
  alternatives: [
    {
      css: 'a[href*="/service.svc/s/GetFileAttachment"]',
      observed: '2024-03-05',
      source: `${OWA_URL_FORM}. ASSUMPTION: that current OWA cards hold this link in the DOM (Mailvelope's card template shows none; OWA may build it on "Download")`,
    },
  ],
};

/** The selected conversation in the message list: its data-convid keys the messages. */
export const selectedConversation: SelectorSpec = {
  id: 'outlook.selected-conversation',
  features: [],
  description: 'the selected row of the message list (data-convid); optional: without it the URL path keys messages',
  alternatives: [
    { css: '#MailList [aria-selected="true"][data-convid]', observed: READ_ON, source: `${MAILVELOPE} (getActiveConversationId)` },
    { css: '[role="listbox"][aria-activedescendant]', observed: READ_ON, source: `${WD_POC} (OUTLOOK_MAIL_LIST; the active row's data-convid)` },
  ],
};

/** The sender of a message. */
export const sender: SelectorSpec = {
  id: 'outlook.sender',
  features: [],
  description: 'the sender chip ("Name <address>" or the address in title); optional: participants only pre-fill signers',
  alternatives: [
    { css: 'span.OZZZK', observed: READ_ON, source: `${MAILVELOPE} (span[aria-label="From: .."] > span.OZZZK)` },
    { css: 'span[title*="@"]', observed: '2026-08-01', source: `${MAILBOOST} (sender: "the address is usually in the title attribute")` },
  ],
};

/** The recipients line of a message. */
export const recipients: SelectorSpec = {
  id: 'outlook.recipients',
  features: [],
  description: 'the To/Cc line of a message; optional (participants)',
  alternatives: [
    { css: '[data-testid="RecipientWell"]', observed: READ_ON, source: MAILVELOPE },
    { css: '[role="heading"][aria-level="3"]', observed: '2026-08-01', source: `${MAILBOOST}: sender, "To:/An:" line and date render as level-3 headings` },
  ],
};

/** The signed-in user's mailbox (to leave the user out of the participants). */
export const user: SelectorSpec = {
  id: 'outlook.user',
  features: [],
  description: 'the primary mailbox root in the folder pane (data-folder-name or title = the address)',
  alternatives: [{ css: '[id^="primaryMailboxRoot"]', observed: READ_ON, source: `${MAILVELOPE} (getUserInfo)` }],
};

/** The Reply action of a message. */
export const replyButton: SelectorSpec = {
  id: 'outlook.reply-button',
  features: ['reply-with-file'],
  description: "a message's Reply button (not Reply all)",
  alternatives: [
    { css: 'button:has([data-icon-name="ArrowReplyRegular"])', observed: READ_ON, source: `${MAILVELOPE}: Fluent icon names are not localised` },
    {
      css: 'button[aria-label="Reply"], button[aria-label="Antworten"], button[aria-label="Cavab ver"], button[aria-label="Ответить"]',
      observed: READ_ON,
      source: `${MAILVELOPE} templates (en "Reply", de "Antworten"); az "Cavab ver" and ru "Ответить" assumed`,
    },
  ],
};

/** A compose's Send button; a compose is the nearest ancestor of a body editor that holds one. */
export const composeSend: SelectorSpec = {
  id: 'outlook.compose-send',
  features: ['reply-with-file', 'compose-send-for-signing'],
  description: 'the Send button of a compose form (new message or inline reply)',
  alternatives: [
    { css: 'button.fui-SplitButton__primaryActionButton', observed: '2026-08-01', source: `${MAILBOOST} (composeSend, "holds across locales")` },
    {
      css: 'button[aria-label="Send"], button[aria-label="Senden"], button[aria-label="Göndər"], button[aria-label="Отправить"], button[name="Send"]',
      observed: READ_ON,
      source: `${MAILBOOST} (en/de labels), ${TOGGL} (button[name=Send]); az/ru labels assumed`,
    },
  ],
};

/** The body editor of a compose. */
export const composeBody: SelectorSpec = {
  id: 'outlook.compose-body',
  features: ['reply-with-file', 'compose-send-for-signing'],
  description: 'the rich-text body of a compose form',
  alternatives: [
    {
      css: 'div[contenteditable="true"][aria-label="Message body"], div[contenteditable="true"][aria-label="Nachrichtentext"], div[contenteditable="true"][aria-label="Məktubun mətni"], div[contenteditable="true"][aria-label="Текст сообщения"]',
      observed: '2026-08-01',
      source: `${MAILBOOST} (composeWindow [aria-label="Message body"]); de "Nachrichtentext" from ${MAILVELOPE}; az/ru assumed`,
    },
    { css: 'div[contenteditable="true"][role="textbox"]', observed: READ_ON, source: 'assumption: the editor is an ARIA textbox (role + contenteditable), as several public OWA scripts query it' },
  ],
};

/** The To/Cc recipient wells of a compose. */
export const composeRecipients: SelectorSpec = {
  id: 'outlook.compose-recipients',
  features: [],
  description: 'the To and Cc wells of a compose; optional: without them the signers start empty',
  alternatives: [
    {
      css: 'div[aria-label="To"], div[aria-label="Cc"], div[aria-label="An"], div[aria-label="Kimə"], div[aria-label="Кому"]',
      observed: '2026-08-01',
      source: `${MAILBOOST} (composeTo: en "To", de "An"); Cc from lucasjellema/outlook-addin@d747d532d77e (aria-label Bcc/Send); az/ru assumed`,
    },
  ],
};

/** The compose's file input, which the attach command uses. */
export const composeFileInput: SelectorSpec = {
  id: 'outlook.compose-file-input',
  features: [],
  description: 'a file input inside the compose; optional: without it the file is dropped on the body',
  alternatives: [{ css: 'input[type="file"]', observed: READ_ON, source: 'assumption: not shown by any source we found; the drop fallback covers its absence' }],
};

/** The attachment cards of a compose (a file shows here once attached). */
export const composeAttachment: SelectorSpec = {
  id: 'outlook.compose-attachment',
  features: ['reply-with-file'],
  description: "a compose's attachment card",
  alternatives: [
    {
      css: 'div[role="listbox"] div[role="option"]:has(div[draggable="true"])',
      observed: READ_ON,
      source: `assumption: the compose uses the reading pane's card component (${MAILVELOPE})`,
    },
  ],
};

/**
 * Where a compose attachment card's download URL is (evaluated with the card as root). What we found (2026-11-23): OWA
 * uploads a compose's file with service.svc?action=CreateAttachmentFromLocalFile (a Microsoft support article in the index
 * on large attachments in Outlook on the web, images under media/owa-cannot-attach-large-files/, names it; public OWA
 * upload watchers in the index match that action) and
 * serves an attachment of the draft at .../service.svc/s/GetFileAttachment?id=..&X-OWA-CANARY=.. (a public write-up of
 * an OWA draft's inline image in the index shows it on attachments.office.net, and says non-image attachments are
 * served on outlook.office.com with the same two parameters; a public OWA constants file in the index has
 * ATTACHMENT_DOWNLOAD_RELATIVE_URL_TEMPLATE = 'service.svc/s/GetFileAttachment?id={0}'). No source shows that URL as a
 * link in a compose card's DOM.
 */
export const composeAttachmentUrl: SelectorSpec = {
  id: 'outlook.compose-attachment-url',
  features: [],
  description:
    "a same-origin service.svc/s/GetFileAttachment?id=..&X-OWA-CANARY=.. link in a compose's attachment card; optional: without it the compose's files are not fetched and the action hands over the recipients only",
  alternatives: [
    {
      css: 'a[href*="/service.svc/s/GetFileAttachment"]',
      observed: READ_ON,
      source:
        `${OWA_URL_FORM}; draft attachments use the same URL form (public OWA write-up in the index: a draft's uploaded image at ` +
        'attachments.office.net/owa/<mailbox>/service.svc/s/GetFileAttachment?id=..&X-OWA-CANARY=..). ASSUMPTION: that a compose card holds this ' +
        'link in the DOM (no source shows one; the replica compose cards carry it)',
    },
  ],
};

export const OUTLOOK_SELECTORS: readonly SelectorSpec[] = [
  message,
  readingPane,
  attachmentWell,
  attachment,
  attachmentName,
  attachmentUrl,
  selectedConversation,
  sender,
  recipients,
  user,
  replyButton,
  composeSend,
  composeBody,
  composeRecipients,
  composeFileInput,
  composeAttachment,
  composeAttachmentUrl,
];
