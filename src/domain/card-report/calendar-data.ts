// The TI calendar: the dates that decide whether a card can be used on a given day. ONE table, data
// only; every row names its public source. Add a row when gematik announces a date (see CONTRIBUTING.md,
// "How to add a calendar date"); src/domain/card-report/calendar.ts and verdict.ts read nothing else.
import type { Generation } from '../../cards/types.ts';

export type CalendarCardType = 'SMC-B' | 'HBA' | 'eGK' | 'gSMC-KT' | 'gSMC-K';

export interface CalendarSource {
  title: string;
  url: string;
  /** Publication date of the source, when it has one (YYYY-MM-DD). */
  published?: string;
}

export type CalendarSubject =
  /** Cards of these types and generations stop working after `lastDay`. */
  | { kind: 'generation'; cardTypes: readonly CalendarCardType[]; generations: readonly Generation[] }
  /** Every TI smart card: at most this many years from issue (its certificates' notBefore). */
  | { kind: 'maxTerm'; years: number }
  /** A production root CA (`name` = its CN) or a cross-certificate `issuer → subject`. */
  | { kind: 'root'; name: string }
  | { kind: 'crossCertificate'; issuer: string; subject: string };

export interface CalendarRow {
  id: string;
  subject: CalendarSubject;
  /**
   * `dated`: usable up to and including `lastDay`; `gone`: no longer usable at all (the date is history);
   * `unknown`: no public source names a date (say so, never invent one); `rule`: a rule, not a date.
   */
  status: 'dated' | 'gone' | 'unknown' | 'rule';
  /** Last day (UTC calendar day) the thing may be used; null unless `dated` (or `gone` with a known date). */
  lastDay: string | null;
  /** For certificates: the exact notAfter (as `openssl x509 -enddate` prints it, in ISO form). */
  notAfter?: string;
  /** One line for the calendar listing and the contributor (English; the UI translates codes, not this). */
  note: string;
  sources: readonly CalendarSource[];
}

/** An approaching date turns a card's verdict to "attention" this many days before it (and certificate lights to "soon"). */
export const ATTENTION_DAYS = 90;

const DVO_GUIDE: CalendarSource = {
  title: 'gematik: Anschluss medizinischer Einrichtungen an die TI – Ein Überblick für Dienstleister vor Ort (gemInfo_Anschluss_TI_DVO V2.2.0), Kap. 3.2',
  url: 'https://fachportal.gematik.de/',
  published: '2019-08-28',
};
const ROOTS_JSON: CalendarSource = {
  title: 'gematik: TI root CAs and cross-certificates (roots.json; notAfter read with openssl x509 -enddate)',
  url: 'https://download.tsl.ti-dienste.de/ECC/ROOT-CA/roots.json',
};

const root = (name: string, notAfter: string): CalendarRow => ({
  id: `root.${name}`, subject: { kind: 'root', name }, status: 'dated', lastDay: notAfter.slice(0, 10), notAfter,
  note: `Production root CA ${name} expires`, sources: [ROOTS_JSON],
});
const cross = (issuer: string, subject: string, notAfter: string): CalendarRow => ({
  id: `cross.${issuer}-${subject}`, subject: { kind: 'crossCertificate', issuer, subject }, status: 'dated',
  lastDay: notAfter.slice(0, 10), notAfter,
  note: `Cross-certificate ${issuer} → ${subject} (issued by ${issuer} for ${subject}'s key) expires`, sources: [ROOTS_JSON],
});

export const TI_CALENDAR: readonly CalendarRow[] = [
  {
    id: 'generation.G1',
    subject: { kind: 'generation', cardTypes: ['SMC-B', 'HBA', 'eGK', 'gSMC-KT', 'gSMC-K'], generations: ['G1', 'G1+'] },
    status: 'gone', lastDay: '2018-12-31',
    note: 'G1 and G1+ cards are an outdated generation and no longer work in the TI (eGK G1/G1+ invalid since 2019-01-01)',
    sources: [
      DVO_GUIDE,
      { title: 'Haufe: Elektronische Gesundheitskarte (eGK) – ab 1.1.2019 nur noch G2-Karten', url: 'https://www.haufe.de/sozialwesen/leistungen-sozialversicherung/elektronische-gesundheitskarte-egk-2019_242_479184.html', published: '2018-12-01' },
    ],
  },
  {
    id: 'generation.G2.0.HBA-SMC-B',
    subject: { kind: 'generation', cardTypes: ['SMC-B', 'HBA'], generations: ['G2.0'] },
    status: 'dated', lastDay: '2026-06-30',
    note: 'RSA-only HBA and SMC-B (G2.0) may be used until 2026-06-30; from 2026-07-01 only ECC cards work (gematik letter of 2025-11-14)',
    sources: [
      { title: 'medisign: eHBA-Sondertausch – G2.0 nach dem 30. Juni 2026 nicht mehr einsetzbar (gematik-Information vom 14.11.2025)', url: 'https://www.medisign.de/support/?p=7848', published: '2025-11-14' },
      { title: 'Hausärztliche Praxis: Tauschfrist für zwei TI-Komponenten verlängert (KBV, 17.11.2025)', url: 'https://www.hausaerztlichepraxis.digital/praxis/e-health-und-it/tauschfrist-fuer-zwei-ti-komponenten-verlaengert-171601.html', published: '2025-11-17' },
    ],
  },
  {
    id: 'generation.G2.0.gSMC-KT',
    subject: { kind: 'generation', cardTypes: ['gSMC-KT'], generations: ['G2.0'] },
    status: 'dated', lastDay: '2026-12-31',
    note: 'gSMC-KT G2.0 (RSA-only) may be used until 2026-12-31 at the latest, whatever its certificates say',
    sources: [
      { title: 'KV Hamburg: gematik – gSMC-KT 2.0 so schnell wie möglich austauschen (Nutzung spätestens zum 31.12.2026 einstellen)', url: 'https://www.kvhh.net/de/praxis-it-telematik/telematikinfrastruktur-1/smc-b-karten-2-0-so-schnell-wie-moeglich-auszutauschen.html' },
    ],
  },
  {
    id: 'generation.G2.0.eGK',
    subject: { kind: 'generation', cardTypes: ['eGK'], generations: ['G2.0'] },
    status: 'unknown', lastDay: null,
    note: 'No public source found that names an end date for eGK G2.0; KV Sachsen (2023) only says the BSI rates its cryptography secure until at least the end of 2024. Unknown: not a reason in the verdict',
    sources: [
      { title: 'KV Sachsen: G2 und G2.1 – die gültigen Kartengenerationen der eGK', url: 'https://www.kvsachsen.de/fuer-praxen/aktuelle-informationen/kvs-mitteilungen/2023-05-corona-versuch-einer-standortbestimmung/g2-und-g21-die-gueltigen-kartengenerationen-der-egk', published: '2023-05-01' },
    ],
  },
  {
    id: 'maxTerm',
    subject: { kind: 'maxTerm', years: 5 },
    status: 'rule', lastDay: null,
    note: 'Every TI smart card has a maximum term of five years (from the issue of its certificates)',
    sources: [DVO_GUIDE],
  },
  // Production roots and cross-certificates: notAfter exactly as in the certificates (test: openssl x509 -enddate).
  root('GEM.RCA2', '2026-12-07T08:41:56Z'),
  root('GEM.RCA3', '2027-10-15T07:13:03Z'),
  root('GEM.RCA4', '2029-09-29T06:31:41Z'),
  root('GEM.RCA5', '2031-09-07T06:33:18Z'),
  root('GEM.RCA6', '2031-11-09T08:50:44Z'),
  root('GEM.RCA7', '2033-07-02T07:37:44Z'),
  root('GEM.RCA8', '2033-12-09T09:57:13Z'),
  root('GEM.RCA9', '2035-06-02T08:27:44Z'),
  root('GEM.RCA10', '2035-06-02T08:28:54Z'),
  root('GEM.RCA11', '2035-06-02T08:29:29Z'),
  cross('GEM.RCA2', 'GEM.RCA3', '2026-12-07T08:41:56Z'),
  cross('GEM.RCA3', 'GEM.RCA2', '2027-10-15T07:13:03Z'),
  cross('GEM.RCA3', 'GEM.RCA4', '2027-10-15T06:42:45Z'),
  cross('GEM.RCA4', 'GEM.RCA3', '2027-10-15T06:39:52Z'),
  cross('GEM.RCA4', 'GEM.RCA5', '2029-09-22T06:50:45Z'),
  cross('GEM.RCA5', 'GEM.RCA4', '2029-09-22T06:47:00Z'),
  cross('GEM.RCA5', 'GEM.RCA6', '2031-09-07T06:33:18Z'),
  cross('GEM.RCA6', 'GEM.RCA5', '2031-09-07T08:55:48Z'),
  cross('GEM.RCA6', 'GEM.RCA7', '2031-07-03T07:47:04Z'),
  cross('GEM.RCA7', 'GEM.RCA6', '2031-11-09T07:46:28Z'),
  cross('GEM.RCA7', 'GEM.RCA8', '2033-07-02T07:37:44Z'),
  cross('GEM.RCA8', 'GEM.RCA7', '2033-07-02T10:02:22Z'),
  cross('GEM.RCA8', 'GEM.RCA9', '2033-12-08T08:44:52Z'),
  cross('GEM.RCA9', 'GEM.RCA8', '2033-12-08T08:45:34Z'),
  cross('GEM.RCA9', 'GEM.RCA10', '2035-06-01T08:47:00Z'),
  cross('GEM.RCA10', 'GEM.RCA9', '2035-06-01T08:47:25Z'),
  cross('GEM.RCA10', 'GEM.RCA11', '2035-06-01T08:47:58Z'),
  cross('GEM.RCA11', 'GEM.RCA10', '2035-06-01T08:48:17Z'),
];
