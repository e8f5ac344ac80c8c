import '../../ui/pages.css';
import './attachment.css';
import { render } from 'preact';
import { loadSettings } from '../../lib/settings.js';
import { initI18n, t } from '../../ui/i18n.js';
import { AttachmentPage } from './attachment-page.js';

async function start(): Promise<void> {
  const { settings } = await loadSettings();
  await initI18n(settings.language);
  document.title = t('att_title');
  const jobId = new URLSearchParams(location.search).get('job');
  render(<AttachmentPage settings={settings} jobId={jobId && /^[0-9a-f]{32}$/.test(jobId) ? jobId : null} />, document.getElementById('app')!);
}

void start();
