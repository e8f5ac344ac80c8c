import '../../ui/pages.css';
import './popup.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { loadSettings } from '../../lib/settings.js';
import { initI18n, t } from '../../ui/i18n.js';
import { Popup } from './popup.js';

async function start(): Promise<void> {
  const effective = await loadSettings();
  await initI18n(effective.settings.language);
  document.title = t('extensionName');
  render(<Popup effective={effective} extensionUrl={(path) => browser.runtime.getURL(path as '/')} />, document.getElementById('app')!);
}

void start();
