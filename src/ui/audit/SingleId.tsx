// One Telematik-ID, checked while typing: verdict, the reason sentence naming the faulty part, a
// suggestion that can be applied, and the ID split into its parts with their meaning.
import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import { t, locale } from '../i18n.tsx';
import { knownCodeKey } from '../../i18n/index.ts';
import { explainTelematikId, holderName, isTestCardTelematikId, type Explanation } from '../../domain/telematik-id/index.ts';
import { ruleMessage } from '../../domain/telematik-id/message.ts';
import { IdWithSpan } from './FindingsTable.tsx';
import type { ValidatorState } from './AuditPage.tsx';
import { onErase } from '../privacy/session-data.ts';

export function SingleId(props: { validator: ValidatorState }): JSX.Element {
  const [value, setValue] = createSignal('');
  onErase(() => setValue(''));
  let input: HTMLInputElement | undefined;
  const explanation = createMemo<Explanation | null>(() => {
    const v = props.validator();
    const id = value();
    if (!v || v === 'loading' || 'error' in v || id === '') return null;
    return explainTelematikId(v.validator, id);
  });
  const partLabel = (name: string) => { const key = knownCodeKey('tid.part.', name); return key ? t(key) : name; };

  return (
    <section class="audit-single" aria-labelledby="audit-single-heading">
      <h3 id="audit-single-heading">{t('audit.single.heading')}</h3>
      <label class="single-label">
        <span>{t('audit.single.label')}</span>
        <input ref={input} type="text" spellcheck={false} autocomplete="off" value={value()} data-testid="single-id"
          aria-describedby="single-id-hint single-id-result" onInput={(e) => setValue(e.currentTarget.value)} />
      </label>
      <p id="single-id-hint" class="audit-note">{t('audit.single.hint')}</p>
      <div id="single-id-result" aria-live="polite" data-testid="single-result">
        <Show when={props.validator() === 'loading'}><p>{t('audit.single.loading')}</p></Show>
        <Show when={(() => { const v = props.validator(); return v && v !== 'loading' && 'error' in v ? v.error : null; })()}>
          {(message) => <p role="alert">{t('audit.single.loadFailed', { message: message() })}</p>}
        </Show>
        <Show when={explanation()}>{(ex) => (
          <div class="single-result">
            <p>
              <strong class={`verdict-${ex().result.verdict}`} data-testid="single-verdict">{t(`tid.verdict.${ex().result.verdict}`)}</strong>
              {' '}<IdWithSpan id={ex().result.input} span={ex().result.span} />
            </p>
            <Show when={isTestCardTelematikId(ex().result.input)}>
              <p class="single-test-card" data-testid="single-test-card"><strong>{t('tid.testCard')}</strong></p>
            </Show>
            <Show when={ex().result.reason}>
              <p data-testid="single-reason">{ruleMessage(ex().result, locale())}</p>
            </Show>
            <Show when={ex().result.suggestion}>{(s) => (
              <p>
                {t('tid.suggestion', { suggestion: s() })}{' '}
                <button type="button" onClick={() => { setValue(s()); input?.focus(); }} data-testid="single-apply">{t('audit.single.apply')}</button>
              </p>
            )}</Show>
            <Show when={ex().sector !== null && knownCodeKey('tid.sector.', ex().sector!)}>
              <p>{t('audit.single.sector', { sector: ex().sector!, name: t(knownCodeKey('tid.sector.', ex().sector!)!) })}</p>
            </Show>
            <Show when={ex().rule}>{(rule) => (
              <p>{t('audit.single.rule', { rule: knownCodeKey('tid.rule.', rule().id) ? t(knownCodeKey('tid.rule.', rule().id)!) : rule().id })}</p>
            )}</Show>
            <Show when={ex().result.holder}>{(h) => <p>{t('audit.single.holder', { holder: `${holderName(h()) ?? h()} (${h()})` })}</p>}</Show>
            <Show when={ex().parts.length > 0}>
              <table class="single-parts" data-testid="single-parts">
                <caption>{t('audit.single.parts')}</caption>
                <thead><tr><th scope="col">{t('audit.single.part')}</th><th scope="col">{t('audit.single.value')}</th><th scope="col">{t('audit.single.meaning')}</th></tr></thead>
                <tbody>
                  <For each={ex().parts}>{(p) => (
                    <tr classList={{ faulty: p.faulty }}>
                      <th scope="row">{partLabel(p.name)}</th>
                      <td><code>{p.text}</code></td>
                      <td>{p.entry ? `${p.entry.name}${p.entry.holder ? ` (${p.entry.holder})` : ''}` : ''}{p.faulty ? ` – ${t('audit.single.faulty')}` : ''}</td>
                    </tr>
                  )}</For>
                </tbody>
              </table>
            </Show>
          </div>
        )}</Show>
      </div>
    </section>
  );
}
