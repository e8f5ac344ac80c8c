import '../../ui/pages.css';
import './sign.css';
import { render } from 'preact';
import { loadSettings } from '../../lib/settings.js';
import { initI18n, t } from '../../ui/i18n.js';
import { SignPage } from './sign-page.js';

async function start(): Promise<void> {
  const { settings } = await loadSettings();
  await initI18n(settings.language);
  document.title = t('sign_title');
  render(<SignPage settings={settings} />, document.getElementById('app')!);
}

void start();
