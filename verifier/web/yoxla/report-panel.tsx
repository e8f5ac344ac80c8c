/**
 * A report as people read it: the verdict in words with its colour and symbol (never colour alone), the summary,
 * the document's facts, then each signature with its facts and findings. Everything shown comes from the
 * report's view (report-view), the same one the PDF report prints; Preact escapes every value.
 */
import type { Language } from '../../../core/report/message-types.js';
import { pageText } from '../page-messages.js';
import type { FactRow, ProblemView, ReportView, Tone } from '../report-view/describe-report.js';

const SYMBOL: Readonly<Record<Tone, string>> = { valid: '✓', warning: '!', invalid: '✗', unsigned: '–' };

function Facts(props: { rows: readonly FactRow[] }) {
  return (
    <dl class="facts">
      {props.rows.map((r) => (
        <div class={`fact fact-${r.key}${r.tone ? ` tone-${r.tone}` : ''}`} data-key={r.key}>
          <dt>{r.label}</dt>
          <dd class={r.mono ? 'mono' : undefined}>{r.value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Problems(props: { problems: readonly ProblemView[]; language: Language }) {
  if (props.problems.length === 0) return null;
  return (
    <div class="problems">
      <h4>{pageText('PROBLEMS', props.language)}</h4>
      <ul>
        {props.problems.map((p) => (
          <li class={`problem ${p.severity}`} data-code={p.code}>
            <span class="symbol" aria-hidden="true">{p.severity === 'error' ? '✗' : '!'}</span> {p.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ReportPanel(props: { view: ReportView; where: 'browser' | 'server' }) {
  const { view } = props;
  const language = view.language;
  return (
    <section class="report" aria-labelledby="verdict">
      <div class={`verdict tone-${view.tone}`} role="status" data-tone={view.tone}>
        <span class="verdict-symbol" aria-hidden="true">{SYMBOL[view.tone]}</span>
        <div>
          <h2 id="verdict" class="verdict-words">{view.verdict}</h2>
          <p class="summary">{view.summary}</p>
        </div>
      </div>
      <Problems problems={view.documentProblems} language={language} />
      <h3>{pageText('DOCUMENT', language)}</h3>
      <Facts rows={view.file} />
      <p class="checked-at">
        {view.checkedAt} · {pageText(props.where === 'browser' ? 'CHECKED_IN_BROWSER' : 'CHECKED_ON_SERVER', language)}
      </p>
      {view.signatures.length > 0 && <h3>{pageText('SIGNATURES', language)}</h3>}
      <ol class="signatures">
        {view.signatures.map((s) => (
          <li class={`signature tone-${s.tone}`} data-tone={s.tone} data-id={s.id}>
            <h4>
              <span class="symbol" aria-hidden="true">{SYMBOL[s.tone]}</span> {s.heading}
              <span class="signature-verdict"> — {s.verdict}</span>
            </h4>
            <Facts rows={s.rows} />
            <Problems problems={s.problems} language={language} />
          </li>
        ))}
      </ol>
    </section>
  );
}
