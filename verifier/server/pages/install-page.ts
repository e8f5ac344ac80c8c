/**
 * The HTML of `GET /qurasdirma`: what a person installs to sign with a USB token through imzala (the browser
 * extension, the helper program that reaches the token, the token's own driver), what the phone tools need instead,
 * and how to see that it works. The signing page and the extension link here when a piece is missing.
 */
import type { Language } from '../../../core/report/message-types.js';
import { escapeHtml, renderFrame } from './html.js';

type Text = Readonly<Record<Language, string>>;

const TITLE: Text = { az: 'Tokenlə imzalamaq üçün nə quraşdırmaq lazımdır', en: 'What to install to sign with a token', ru: 'Что установить, чтобы подписывать токеном' };

const STEPS: readonly { title: Text; body: Text }[] = [
  {
    title: { az: '1. imzala brauzer əlavəsi', en: '1. The imzala browser extension', ru: '1. Расширение imzala для браузера' },
    body: {
      az: 'Chrome, Edge və ya Firefox üçün imzala əlavəsini quraşdırın və ayarlarında bu saytı ({origin}) imzala xidməti kimi əlavə edin. Təşkilatlarda əlavəni və ayarlarını İT şöbəsi hamı üçün birdən quraşdırır; onda heç nə etməyə ehtiyac yoxdur.',
      en: 'Install the imzala extension for Chrome, Edge or Firefox and add this site ({origin}) as an imzala service in its settings. In organisations the IT department installs the extension and its settings for everyone at once; then there is nothing to do.',
      ru: 'Установите расширение imzala для Chrome, Edge или Firefox и добавьте этот сайт ({origin}) как сервис imzala в его настройках. В организациях ИТ-отдел устанавливает расширение и настройки сразу для всех; тогда делать ничего не нужно.',
    },
  },
  {
    title: { az: '2. imzala köməkçi proqramı (imzala-host)', en: '2. The imzala helper program (imzala-host)', ru: '2. Вспомогательная программа imzala (imzala-host)' },
    body: {
      az: 'Brauzer tokenə birbaşa çata bilmir: bunu kiçik köməkçi proqram edir. O, PIN-i öz pəncərəsində soruşur və imzadan əvvəl hansı saytın hansı sənədi imzalatdığını göstərir. Proqramı quraşdırın (paketdəki install skripti onu brauzerlərə tanıdır).',
      en: 'The browser cannot reach the token itself: a small helper program does. It asks for the PIN in its own window and shows which site asks to sign which document before signing. Install it (the install script in its package registers it with the browsers).',
      ru: 'Браузер не может обратиться к токену сам: это делает небольшая вспомогательная программа. Она запрашивает PIN в своём окне и перед подписью показывает, какой сайт какой документ просит подписать. Установите её (скрипт install из пакета регистрирует её в браузерах).',
    },
  },
  {
    title: { az: '3. Tokenin drayveri', en: '3. The token’s driver', ru: '3. Драйвер токена' },
    body: {
      az: 'Tokeni (SİMA Token / e-imza kartı) verən mərkəzin drayverini və kök sertifikatlarını quraşdırın; imzala tokenlə bu drayverin PKCS#11 kitabxanası vasitəsilə danışır.',
      en: 'Install the driver and root certificates from the centre that issued your token (SİMA Token / e-imza card); imzala talks to the token through that driver’s PKCS#11 library.',
      ru: 'Установите драйвер и корневые сертификаты от центра, выдавшего токен (SİMA Token / карта e-imza); imzala работает с токеном через PKCS#11-библиотеку этого драйвера.',
    },
  },
  {
    title: { az: 'Yoxlayın', en: 'Check it works', ru: 'Проверьте' },
    body: {
      az: 'Tokeni taxın və brauzerin alətlər panelində imzala nişanına basın: pəncərə köməkçi proqramı, tokeni və sertifikatınızı (ad, FİN) göstərməlidir.',
      en: 'Insert the token and click the imzala icon in the browser’s toolbar: the window should show the helper program, the token and your certificate (name, FIN).',
      ru: 'Вставьте токен и нажмите значок imzala на панели браузера: окно должно показать вспомогательную программу, токен и ваш сертификат (имя, FIN).',
    },
  },
];

const PHONES: Text = {
  az: 'ASAN İmza və SİMA ilə imzalamaq üçün heç nə quraşdırmaq lazım deyil: imzalama səhifəsində telefonunuzla təsdiqləyirsiniz.',
  en: 'Signing with ASAN İmza or SİMA needs nothing installed: you confirm on your phone from the signing page.',
  ru: 'Для подписи через ASAN İmza или SİMA ничего устанавливать не нужно: вы подтверждаете на телефоне со страницы подписания.',
};

export function renderInstallPage(language: Language, origin: string, testTrust: boolean, processes: boolean): string {
  const steps = STEPS.map((s) => `<section class="install-step"><h2>${escapeHtml(s.title[language])}</h2><p>${escapeHtml(s.body[language].replace('{origin}', origin))}</p></section>`);
  const main = `<h1>${escapeHtml(TITLE[language])}</h1>
${steps.join('\n')}
<p class="hint">${escapeHtml(PHONES[language])}</p>`;
  return renderFrame({ language, path: '/qurasdirma', title: TITLE[language], testTrust, processes, main });
}
