// A certificate problem as the sentence people read (UI, CLI, CSV). Telematik-ID problems use the
// validator's own message, which names the exact part that is wrong instead of a bare reason code.
import { codeKey, translate, type Locale } from '../../i18n/index.ts';
import { reasonMessage } from '../telematik-id/message.ts';
import type { Problem } from './types.ts';

export function problemText(p: Problem, locale: Locale): string {
  const params: Record<string, string> = { ...p.params };
  if (p.code === 'TELEMATIK_ID_INVALID' || p.code === 'TELEMATIK_ID_WARNING') {
    // Without the full result (e.g. a report read back from JSON) the reason code is all there is.
    params.message = p.telematikId ? reasonMessage(p.telematikId, locale) : (p.params?.reason ?? '');
  }
  return translate(locale, codeKey('cert.problem.', p.code), params);
}
