// What every export and the printed report say about themselves: the formation rules' source and
// date (from the one rules table, src/domain/telematik-id/rules-data.ts), the files and the moment.
import { t, locale } from '../i18n.tsx';
import { formatDate, formatDateTime } from '../../i18n/format.ts';
import { RULES_SOURCE } from '../../domain/telematik-id/index.ts';
import { cellsByHeader } from '../../domain/audit/index.ts';
import type { ListFormat } from '../../domain/id-lists/index.ts';
import type { ExportHeader } from './export.ts';

export function rulesDateText(): string {
  return RULES_SOURCE.date ? formatDate(locale(), RULES_SOURCE.date) : t('audit.rules.noDate');
}

/** One sentence naming the rules' source, revision and date, for the summary and the print view. */
export function rulesSourceText(): string {
  return t('audit.rules.source', { title: RULES_SOURCE.title, revision: RULES_SOURCE.revision, author: RULES_SOURCE.author, date: rulesDateText() });
}

export function exportHeader(files: readonly string[], when = new Date()): ExportHeader {
  return {
    lines: [
      [t('audit.export.header.rules'), `${RULES_SOURCE.title} (${RULES_SOURCE.author})`],
      [t('audit.export.header.revision'), RULES_SOURCE.revision],
      [t('audit.export.header.rulesDate'), rulesDateText()],
      [t('audit.export.header.exported'), formatDateTime(locale(), when)],
      [t('audit.export.header.files'), files.join(', ')],
    ],
    data: {
      rules: RULES_SOURCE.title, rulesAuthor: RULES_SOURCE.author, rulesRevision: RULES_SOURCE.revision,
      rulesDate: RULES_SOURCE.date, exported: when.toISOString(), files: files.join(', '),
    },
  };
}

/** The source columns the files' rows carry, named as the engine names a row's cells (plain text has none). */
export function cellColumnsOf(formats: readonly ListFormat[]): string[] {
  const seen = new Set<string>();
  for (const f of formats) {
    if (f.kind === 'text') continue;
    for (const key of Object.keys(cellsByHeader(f.columns, []))) seen.add(key);
  }
  return [...seen];
}
