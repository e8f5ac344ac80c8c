import { installBackgroundBridge } from '../lib/background-bridge.js';
import { installWebmailHandover } from '../lib/webmail-handover.js';
import { installWebmailJobs } from '../lib/webmail-jobs.js';

export default defineBackground(() => {
  installBackgroundBridge();
  installWebmailJobs();
  installWebmailHandover();
});
