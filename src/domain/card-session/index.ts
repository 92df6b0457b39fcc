// Card session: connection → guarded channel → read → report, for the card page, the kiosk and ti-card.
export * from './session.ts';
