import '../../ui/pages.css';
import './options.css';
import { render } from 'preact';
import { loadSettings } from '../../lib/settings.js';
import { initI18n, t } from '../../ui/i18n.js';
import { OptionsPage } from './options-page.js';

async function start(): Promise<void> {
  const effective = await loadSettings();
  await initI18n(effective.settings.language);
  document.title = t('options_title');
  render(<OptionsPage initial={effective} />, document.getElementById('app')!);
}

void start();
