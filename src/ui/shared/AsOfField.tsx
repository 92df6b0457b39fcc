// "Stand am / as of": the one day field of the card page's verdict and the certificate page's validity.
// A text field, not <input type=date>: that one shows the browser's date format, not TT.MM.JJJJ in German.
import { createSignal, createUniqueId, Show, type JSX } from 'solid-js';
import { t, locale } from '../i18n.tsx';
import { fieldDay, parseDay } from '../../domain/card-report/index.ts';
import './as-of-field.css';

export interface AsOfFieldProps {
  /** The chosen day (YYYY-MM-DD), or null for today. */
  day: string | null;
  /** The day shown while none is chosen (today, YYYY-MM-DD). */
  today: string;
  onChange: (day: string | null) => void;
  hint: string;
  testId: string;
  class?: string;
}

export function AsOfField(props: AsOfFieldProps): JSX.Element {
  const [bad, setBad] = createSignal(false);
  const errorId = createUniqueId();
  return (
    <>
      <label class={`asof-field ${props.class ?? ''}`}>{t('card.banner.asOf')}{' '}
        <input type="text" inputmode="numeric" size="10" data-testid={props.testId} value={fieldDay(props.day ?? props.today, locale())}
          title={props.hint} aria-invalid={bad()} aria-describedby={errorId}
          onChange={(e) => {
            const text = e.currentTarget.value.trim();
            const day = text === '' ? null : parseDay(text);
            setBad(day === undefined);
            if (day !== undefined) props.onChange(day);
          }} />
        <Show when={props.day}><button type="button" data-testid={`${props.testId}-today`} onClick={() => { setBad(false); props.onChange(null); }}>{t('card.banner.asOfToday')}</button></Show>
      </label>
      <Show when={bad()}><span id={errorId} class="asof-field-error" role="alert" data-testid={`${props.testId}-error`}>{t('card.banner.asOfInvalid')}</span></Show>
    </>
  );
}
