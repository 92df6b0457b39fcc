// Card report domain: readout → report, eGK data, support codes, exports.
export * from './report.ts';
export * from './egk.ts';
export * from './support-codes.ts';
export * from './export.ts';
export * from './read.ts';
export * from './report-text.ts';
export * from './reason-text.ts';
export * from './calendar-data.ts';
export * from './calendar.ts';
export * from './verdict.ts';
export * from './verdict-text.ts';
export * from './trust-input.ts';
