// The one source of the Telematik-ID formation rules (seed 004, gematik "Bildungsregeln der
// Telematik-ID", version with the 5-1 → 5-2 correction). Used by the wasm validator (compiled into a
// byte program by program.ts), by the explanations in the UI and CLI, and by the benchmark baseline.
// Where the seed is ambiguous or contradicts itself, the decision is written in DECISIONS below and
// tested in test/unit/tid/decisions.test.ts.
import { EGBR_PROFESSION_ARCS, gematikOid, oidInfo } from '../pki/oids.ts';
import type { CardType } from '../../cards/types.ts';

/** The card a rule's Telematik-ID belongs on: the card model's types plus the rule tables' own groupings. */
export type CardKind = Extract<CardType, 'HBA' | 'SMC-B'> | 'SMC-B ORG' | 'BA' | 'HBA/SMC-B';

export interface CodeEntry {
  code: string;
  /** holder attribute (gematik "holder"); empty when the seed gives none. */
  holder: string;
  name: string;
  /** Card kind this code stands for, for card-type tables. */
  card?: CardKind;
}

export interface CodeTable {
  id: TableId;
  /** i18n key of the part's label, e.g. tid.part.aek */
  label: string;
  entries: CodeEntry[];
}

export type PartKind = 'digits' | 'alnum' | 'egbr' | 'literal';

export interface RulePart {
  /** Stable name; i18n label key is `tid.part.<name>`. */
  name: string;
  /** Separator that must stand before this part ('' = none). */
  sep: '' | '.' | '-';
  kind: PartKind;
  minLength: number;
  maxLength: number;
  /** For kind 'literal': the exact text. */
  literal?: string;
  table?: TableId;
  check?: 'ik';
  optional?: boolean;
}

export interface FormationRule {
  /** Rule id as gematik names it: `1-1`, `1-20`, `2-1`, … */
  id: string;
  /** Sector number before the first '-'. */
  sector: number;
  /** Literal text after `<sector>-` that selects this rule ('' for `3-`, `8-`, `11-`). */
  sub: string;
  parts: RulePart[];
  card: CardKind;
  /** i18n key suffix of the rule's title: `tid.rule.<id>` */
  /** Holder when no code of the ID names one (e.g. DKTIG issues all 5-2 SMC-Bs). */
  defaultHolder: string;
  example: string;
}

export type TableId =
  | 'aek' | 'kv' | 'zaek' | 'kzv' | 'ak' | 'ptk' | 'tsp' | 'ktrGroup' | 'nkHba' | 'nkSmcb' | 'egbrType' | 'hwk'
  | 'cardZaHba' | 'cardZaSmcb' | 'cardApo' | 'cardHwk';

/** Sector names (prefix before the first '-'), gemSpec_PKI; key `tid.sector.<n>` holds the text. */
export const SECTORS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as const;

const e = (code: string, holder: string, name: string, card?: CardKind): CodeEntry =>
  card ? { code, holder, name, card } : { code, holder, name };
const many = (codes: string, holder: string, name: string): CodeEntry[] =>
  codes.split(',').map((c) => e(c.trim(), holder, name));

export const TABLES: Record<TableId, CodeTable> = {
  aek: { id: 'aek', label: 'aek', entries: [
    e('010', 'aeksh', 'Ärztekammer Schleswig-Holstein'),
    e('020', 'aekhh', 'Ärztekammer Hamburg'),
    e('030', 'aekn', 'Ärztekammer Niedersachsen'),
    e('040', 'aekhb', 'Ärztekammer Bremen'),
    e('051', 'aeknr', 'Ärztekammer Nordrhein'),
    e('055', 'aekwl', 'Ärztekammer Westfalen-Lippe'),
    e('060', 'laekh', 'Landesärztekammer Hessen'),
    e('070', 'baekpfalz', 'Landesärztekammer Rheinland-Pfalz'),
    e('080', 'baeknordwuert', 'Landesärztekammer Baden-Württemberg'),
    e('076', 'baeknordwuert', 'Bezirksärztekammer Nordwürttemberg'),
    e('077', 'baeksuedwuert', 'Bezirksärztekammer Südwürttemberg'),
    e('078', 'baeknordbaden', 'Bezirksärztekammer Nordbaden'),
    e('079', 'baeksuedba', 'Bezirksärztekammer Südbaden'),
    e('090', 'blaek', 'Bayerische Landesärztekammer'),
    e('100', 'aeksl', 'Ärztekammer Saarland'),
    e('110', 'aekb', 'Ärztekammer Berlin'),
    e('120', 'aekmv', 'Ärztekammer Mecklenburg-Vorpommern'),
    e('130', 'laekbb', 'Landesärztekammer Brandenburg'),
    e('140', 'aeksa', 'Ärztekammer Sachsen-Anhalt'),
    e('150', 'laekt', 'Landesärztekammer Thüringen'),
    e('160', 'slaek', 'Sächsische Landesärztekammer'),
    // Seed lists these as two-digit codes in the three-digit field: see DECISIONS.aekTwoDigit.
    e('067', 'baekrheinhessen', 'Bezirksärztekammer Rheinhessen'),
    e('068', 'baekpfalz', 'Bezirksärztekammer Pfalz'),
    e('069', 'baektrier', 'Bezirksärztekammer Trier'),
    e('066', 'baekkoblenz', 'Bezirksärztekammer Koblenz'),
  ] },
  kv: { id: 'kv', label: 'kv', entries: [
    ...many('01', 'kvsh', 'KV Schleswig-Holstein'),
    ...many('02', 'kvhh', 'KV Hamburg'),
    ...many('03', 'kvhb', 'KV Bremen'),
    ...many('06,07,08,09,10,11,12,13,14,15,16,17', 'kvn', 'KV Niedersachsen'),
    ...many('18,19,20', 'kvwl', 'KV Westfalen-Lippe'),
    ...many('21,24,25,27,28,31,37,38', 'kvno', 'KV Nordrhein'),
    ...many('39,40,41,42,43,44,45,46', 'kvh', 'KV Hessen'),
    ...many('47,48,49,50,51', 'kvrlp', 'KV Rheinland-Pfalz'),
    ...many('52,53,54,55,56,57,58,59,60,61,62', 'kvbw', 'KV Baden-Württemberg'),
    ...many('63,64,65,66,67,68,69,70,71', 'kvb', 'KV Bayern'),
    ...many('72', 'kvbe', 'KV Berlin'),
    ...many('73', 'kvsl', 'KV Saarland'),
    ...many('78', 'kvmv', 'KV Mecklenburg-Vorpommern'),
    ...many('79,80,81,83', 'kvbb', 'KV Brandenburg'),
    ...many('85,86,87,88', 'kvsa', 'KV Sachsen-Anhalt'),
    ...many('89,90,91,93', 'kvt', 'KV Thüringen'),
    ...many('94,95,96,98', 'kvs', 'KV Sachsen'),
  ] },
  zaek: { id: 'zaek', label: 'zaek', entries: [
    e('01', 'lzkbw', 'Landeszahnärztekammer Baden-Württemberg'),
    e('02', 'blzaek', 'Bayerische Landeszahnärztekammer'),
    e('03', 'zaekbe', 'Zahnärztekammer Berlin'),
    e('04', 'lzkbb', 'Landeszahnärztekammer Brandenburg'),
    e('05', 'zaekhb', 'Zahnärztekammer Bremen'),
    e('06', 'zaekhh', 'Zahnärztekammer Hamburg'),
    e('07', 'lzkh', 'Landeszahnärztekammer Hessen'),
    e('08', 'zaekmv', 'Zahnärztekammer Mecklenburg-Vorpommern'),
    e('09', 'zaekn', 'Zahnärztekammer Niedersachsen'),
    e('10', 'zaeknr', 'Zahnärztekammer Nordrhein'),
    e('11', 'lzkrlp', 'Landeszahnärztekammer Rheinland-Pfalz'),
    e('12', 'zaeksaar', 'Ärztekammer des Saarlandes – Abteilung Zahnärzte'),
    e('13', 'lzaeks', 'Landeszahnärztekammer Sachsen'),
    e('14', 'zaeksa', 'Zahnärztekammer Sachsen-Anhalt'),
    e('15', 'zaeksh', 'Zahnärztekammer Schleswig-Holstein'),
    e('16', 'lzkth', 'Landeszahnärztekammer Thüringen'),
    e('17', 'zaekwl', 'Zahnärztekammer Westfalen-Lippe'),
  ] },
  kzv: { id: 'kzv', label: 'kzv', entries: [
    e('02', 'kzvbw', 'KZV Baden-Württemberg'),
    e('04', 'kzvn', 'KZV Niedersachsen'),
    e('06', 'kzvrlp', 'KZV Rheinland-Pfalz'),
    e('11', 'kzvba', 'KZV Bayerns'),
    e('13', 'kzvnr', 'KZV Nordrhein'),
    e('20', 'kzvh', 'KZV Hessen'),
    e('30', 'kzvb', 'KZV Berlin'),
    e('31', 'kzvhb', 'KZV Bremen'),
    e('32', 'kzvhh', 'KZV Hamburg'),
    e('35', 'kzvsl', 'KZV Saarland'),
    e('36', 'kzvsh', 'KZV Schleswig-Holstein'),
    e('37', 'kzvwl', 'KZV Westfalen-Lippe'),
    e('52', 'kzvmv', 'KZV Mecklenburg-Vorpommern'),
    e('53', 'kzvlb', 'KZV Brandenburg'),
    e('54', 'kzvsa', 'KZV Sachsen-Anhalt'),
    e('55', 'kzvt', 'KZV Thüringen'),
    e('56', 'kzvs', 'KZV Sachsen'),
    e('99', 'kzbv', 'KZBV'),
  ] },
  ak: { id: 'ak', label: 'ak', entries: [
    e('01', 'lakbw', 'Landesapothekerkammer Baden-Württemberg'),
    e('02', 'blak', 'Bayerische Landesapothekerkammer'),
    e('03', 'akb', 'Apothekerkammer Berlin'),
    e('04', 'lakbb', 'Landesapothekerkammer Brandenburg'),
    e('05', 'akhb', 'Apothekerkammer Bremen'),
    e('06', 'akhh', 'Apothekerkammer Hamburg'),
    e('07', 'lakh', 'Landesapothekerkammer Hessen'),
    e('08', 'akmv', 'Apothekerkammer Mecklenburg-Vorpommern'),
    e('09', 'akn', 'Apothekerkammer Niedersachsen'),
    e('10', 'aknr', 'Apothekerkammer Nordrhein'),
    e('11', 'lakrlp', 'Landesapothekerkammer Rheinland-Pfalz'),
    e('12', 'aksl', 'Apothekerkammer des Saarlandes'),
    e('13', 'aksa', 'Apothekerkammer Sachsen-Anhalt'),
    e('14', 'slak', 'Sächsische Landesapothekerkammer'),
    e('15', 'aksh', 'Apothekerkammer Schleswig-Holstein'),
    e('16', 'lakt', 'Landesapothekerkammer Thüringen'),
    e('17', 'akwl', 'Apothekerkammer Westfalen-Lippe'),
  ] },
  ptk: { id: 'ptk', label: 'ptk', entries: [
    e('710', 'ptksh', 'Psychotherapeutenkammer Schleswig-Holstein'),
    e('720', 'ptkhh', 'Psychotherapeutenkammer Hamburg'),
    e('730', 'ptkn', 'Psychotherapeutenkammer Niedersachsen'),
    e('740', 'lptkbr', 'Psychotherapeutenkammer Bremen'),
    e('750', 'ptknrw', 'Psychotherapeutenkammer Nordrhein-Westfalen'),
    e('760', 'ptkh', 'Psychotherapeutenkammer Hessen'),
    e('770', 'lpkrlp', 'Psychotherapeutenkammer Rheinland-Pfalz'),
    e('780', 'lpkbw', 'Psychotherapeutenkammer Baden-Württemberg'),
    e('790', 'ptkba', 'Psychotherapeutenkammer Bayern'),
    e('800', 'ptks', 'Psychotherapeutenkammer des Saarlandes'),
    e('810', 'ptkb', 'Psychotherapeutenkammer Berlin'),
    e('820', 'optk', 'Ostdeutsche Psychotherapeutenkammer'),
  ] },
  tsp: { id: 'tsp', label: 'tsp', entries: [
    e('10', 'dtrust', 'D-TRUST'),
    e('12', 'dtsg', 'T-Systems'),
    e('16', 'dgns', 'Medisign'),
    e('17', 'shc', 'SHC'),
  ] },
  ktrGroup: { id: 'ktrGroup', label: 'ktrGroup', entries: [
    e('01', '', 'SM-B KTR (z. B. KIM)'),
    e('03', '', 'SM-B KTR ePA'),
    e('04', '', 'Ombudsstelle eines Kostenträgers'),
  ] },
  nkHba: { id: 'nkHba', label: 'nkHba', entries: [
    e('32', '', 'EU-Versandapotheker/-in'),
    e('33', '', 'Apothekerassistent/-in'),
    e('34', '', 'Pharmazieingenieur/-in'),
  ] },
  nkSmcb: { id: 'nkSmcb', label: 'nkSmcb', entries: [
    e('50', '', 'Private Arztpraxis, weitere ärztliche Einrichtung, SAPV-Team oder ärztliche Eigeneinrichtung nach §140 SGB V', 'SMC-B'),
    e('51', '', 'Private Zahnarztpraxis oder zahnärztliche Eigeneinrichtung nach §140 SGB V', 'SMC-B'),
    e('34', '', 'Private Psychotherapeutenpraxis', 'SMC-B'),
    e('54', '', 'EU-Versandapotheke oder Zentrale Beschaffungsstelle für Arzneimittel', 'SMC-B'),
    e('59', '', 'Private Krankenversicherung oder weiterer Kostenträger (z. B. Bundespolizei)', 'SMC-B'),
    e('254', '', 'Sanitätsdienststelle Bundeswehr', 'SMC-B'),
    e('255', '', 'Gesundheitsamt', 'SMC-B'),
    e('256', '', 'Praxis Arbeitsmedizin', 'SMC-B'),
    e('273', '', 'ePA Zugriffsautorisierung Private Krankenversicherung', 'SMC-B'),
    e('282', '', 'DiGA-Hersteller und -Anbieter', 'SMC-B'),
    e('292', '', 'NCPeH Fachdienst (Referenz EU-Land)', 'SMC-B'),
    e('303', '', 'Ombudsstelle einer Privaten Krankenversicherung oder eines weiteren Kostenträgers', 'SMC-B'),
    e('58', '', 'gematik', 'SMC-B ORG'),
    e('187', '', 'Kassenzahnärztliche Vereinigung (KZV)', 'SMC-B ORG'),
    e('210', '', 'Kassenärztliche Vereinigung (KV)', 'SMC-B ORG'),
    e('223', '', 'GKV-Spitzenverband (GKV-SV)', 'SMC-B ORG'),
    e('226', '', 'Mitgliedsverband der Deutschen Krankenhausgesellschaft', 'SMC-B ORG'),
    e('227', '', 'Deutsche Krankenhaus TrustCenter und Informationsverarbeitung GmbH (DKTIG)', 'SMC-B ORG'),
    e('228', '', 'Betriebsstätte der Deutschen Krankenhausgesellschaft (DKG)', 'SMC-B ORG'),
    e('224', '', 'Landesapothekerverband (LAV)', 'SMC-B ORG'),
    e('225', '', 'Deutscher Apothekerverband (DAV)', 'SMC-B ORG'),
    e('229', '', 'Bundesärztekammer (BÄK)', 'SMC-B ORG'),
    e('230', '', 'Landes- oder Bezirksärztekammer (LÄK)', 'SMC-B ORG'),
    e('231', '', 'Landeszahnärztekammer (LZÄK)', 'SMC-B ORG'),
    e('242', '', 'Kassenärztliche Bundesvereinigung (KBV)', 'SMC-B ORG'),
    e('243', '', 'Bundeszahnärztekammer (BZÄK)', 'SMC-B ORG'),
    e('244', '', 'Kassenzahnärztliche Bundesvereinigung (KZBV)', 'SMC-B ORG'),
    e('245', '', 'Betriebsstätte Gesundheits-, Kranken- und Altenpflege', 'SMC-B ORG'),
    e('262', '', 'Pflegeberatungsstelle nach § 7a SGB XI oder Beratungsstelle nach § 37 Abs. 7 SGB XI', 'SMC-B ORG'),
    e('263', '', 'Landespsychotherapeutenkammer (LPtK)', 'SMC-B ORG'),
    e('264', '', 'Bundespsychotherapeutenkammer (BPtK)', 'SMC-B ORG'),
    e('265', '', 'Landesapothekerkammer (LAK)', 'SMC-B ORG'),
    e('266', '', 'Bundesapothekerkammer (BAK)', 'SMC-B ORG'),
    e('267', '', 'elektronisches Gesundheitsberuferegister (eGBR)', 'SMC-B ORG'),
    e('268', '', 'Handwerkskammer', 'SMC-B ORG'),
    e('269', '', 'Register für Gesundheitsdaten', 'SMC-B ORG'),
    e('270', '', 'Abrechnungsdienstleister', 'SMC-B ORG'),
    e('271', '', 'PKV-Verband', 'SMC-B ORG'),
    e('284', '', 'Weitere Kostenträger im Gesundheitswesen (z. B. DGUV, Deutsche Rentenversicherung Bund)', 'SMC-B ORG'),
    e('285', '', 'Weitere Organisationen der Gesundheitsversorgung', 'SMC-B ORG'),
    e('286', '', 'KIM-Hersteller und -Anbieter', 'SMC-B ORG'),
    e('295', '', 'TI-Messenger-Hersteller und -Anbieter', 'SMC-B ORG'),
  ] },
  // See DECISIONS.egbrCardTypes: the seed names the two card kinds but gives no numbers; the numbers
  // and names come from the one OID table (profession arcs of the eGBR register).
  egbrType: { id: 'egbrType', label: 'egbrType', entries: (['HBA', 'SMC-B'] as const).flatMap((card) =>
    EGBR_PROFESSION_ARCS[card].map((arc) => e(String(arc), '', oidInfo(gematikOid(arc))?.de ?? String(arc), card))) },
  hwk: { id: 'hwk', label: 'hwk', entries: ([
    ['01', 'Handwerkskammer Chemnitz'], ['02', 'Handwerkskammer Dresden'], ['03', 'Handwerkskammer zu Leipzig'],
    ['04', 'Handwerkskammer Erfurt'], ['05', 'Handwerkskammer für Ostthüringen'], ['06', 'Handwerkskammer Südthüringen'],
    ['07', 'Handwerkskammer Cottbus'], ['08', 'Handwerkskammer Frankfurt/Oder – Region Ostbrandenburg'],
    ['09', 'Handwerkskammer Potsdam'], ['11', 'Handwerkskammer Flensburg'], ['12', 'Handwerkskammer Lübeck'],
    ['15', 'Handwerkskammer Halle (Saale)'], ['16', 'Handwerkskammer Magdeburg'],
    ['18', 'Handwerkskammer Ostmecklenburg-Vorpommern'], ['19', 'Handwerkskammer Schwerin'],
    ['21', 'Handwerkskammer für Ostfriesland'], ['23', 'Handwerkskammer Hannover'],
    ['24', 'Handwerkskammer Hildesheim-Südniedersachsen'], ['25', 'Handwerkskammer Braunschweig-Lüneburg-Stade'],
    ['26', 'Handwerkskammer Oldenburg'], ['27', 'Handwerkskammer Osnabrück-Emsland-Grafschaft Bentheim'],
    ['31', 'Handwerkskammer Düsseldorf'], ['32', 'Handwerkskammer zu Köln'], ['33', 'Handwerkskammer Aachen'],
    ['34', 'Handwerkskammer Münster'], ['35', 'Handwerkskammer Ostwestfalen-Lippe zu Bielefeld'],
    ['37', 'Handwerkskammer Dortmund'], ['38', 'Handwerkskammer Südwestfalen'], ['43', 'Handwerkskammer Kassel'],
    ['44', 'Handwerkskammer Wiesbaden'], ['45', 'Handwerkskammer Frankfurt-Rhein-Main'],
    ['51', 'Handwerkskammer der Pfalz'], ['52', 'Handwerkskammer Koblenz'], ['53', 'Handwerkskammer Rheinhessen'],
    ['54', 'Handwerkskammer Trier'], ['61', 'Handwerkskammer Freiburg'], ['62', 'Handwerkskammer Heilbronn-Franken'],
    ['63', 'Handwerkskammer Karlsruhe'], ['64', 'Handwerkskammer Konstanz'],
    ['65', 'Handwerkskammer Mannheim-Rhein-Neckar-Odenwald'], ['66', 'Handwerkskammer Reutlingen'],
    ['67', 'Handwerkskammer Region Stuttgart'], ['68', 'Handwerkskammer Ulm'], ['71', 'Handwerkskammer für Schwaben'],
    ['72', 'Handwerkskammer für Oberfranken'], ['74', 'Handwerkskammer für München und Oberbayern'],
    ['75', 'Handwerkskammer für Mittelfranken'], ['76', 'Handwerkskammer Niederbayern-Oberpfalz'],
    ['78', 'Handwerkskammer für Unterfranken'], ['81', 'Handwerkskammer des Saarlandes'],
    ['91', 'Handwerkskammer Berlin'], ['92', 'Handwerkskammer Bremen'], ['93', 'Handwerkskammer Hamburg'],
  ] as const).map(([code, name]) => e(code, `hk${code}`, name)) },
  cardZaHba: { id: 'cardZaHba', label: 'cardType', entries: [e('1', '', 'Heilberufsausweis (HBA)', 'HBA')] },
  cardZaSmcb: { id: 'cardZaSmcb', label: 'cardType', entries: [e('2', '', 'Praxisausweis (SMC-B)', 'SMC-B')] },
  cardApo: { id: 'cardApo', label: 'cardType', entries: [
    e('2', '', 'Apotheke (SMC-B)', 'SMC-B'), e('3', '', 'Apotheker/-in (HBA)', 'HBA')] },
  cardHwk: { id: 'cardHwk', label: 'cardType', entries: [
    e('1', '', 'Berufsausweis (BA)', 'BA'), e('2', '', 'Institution (SMC-B)', 'SMC-B')] },
};

const digits = (name: string, sep: RulePart['sep'], min: number, max: number, extra: Partial<RulePart> = {}): RulePart =>
  ({ name, sep, kind: 'digits', minLength: min, maxLength: max, ...extra });

/** Longest Telematik-ID (gemSpec_PKI): 128 characters. Free-length parts are bounded by it alone. */
/**
 * Where the rules come from, as the seed's own change table states it (seed 004's header: "Stand",
 * "Datum", "Autor / Bearbeiter", "Änderung"). The seed leaves the date column empty, so no date is
 * recorded (null): the summary and exports say so rather than invent one.
 */
export const RULES_SOURCE = {
  title: 'gematik: Bildungsregeln der Telematik-ID',
  /** The latest change listed in the seed's change table. */
  revision: 'Korrektur 5-1 → 5-2 Krankenhäuser (SMC-B), Korrektur 2.2 → 2.1 in Beschreibung',
  author: 'Gregor Hack (Arvato)',
  /** ISO day of that revision; null: the seed gives none. */
  date: null as string | null,
  seed: '004_19a00e3422abc8e2.txt',
} as const;

export const MAX_ID_LENGTH = 128;
const FREE = MAX_ID_LENGTH;

export const RULES: FormationRule[] = [
  { id: '1-1', sector: 1, sub: '1', card: 'HBA', defaultHolder: '', example: '1-10104242424242',
    parts: [digits('aek', '', 3, 3, { table: 'aek' }), digits('number', '', 1, FREE)] },
  { id: '1-20', sector: 1, sub: '20', card: 'SMC-B', defaultHolder: '', example: '1-20014242424',
    parts: [digits('kv', '', 2, 2, { table: 'kv' }), digits('bsnrRest', '', 7, 7)] },
  { id: '2-1', sector: 2, sub: '1', card: 'HBA', defaultHolder: '', example: '2-1.01.1.1.424242',
    parts: [digits('zaek', '.', 2, 2, { table: 'zaek' }), digits('cardType', '.', 1, 1, { table: 'cardZaHba' }),
      digits('numberRange', '.', 1, FREE), digits('number', '.', 1, FREE)] },
  { id: '2-2', sector: 2, sub: '2', card: 'SMC-B', defaultHolder: '', example: '2-2.02.2.1.42424',
    parts: [digits('kzv', '.', 2, 2, { table: 'kzv' }), digits('cardType', '.', 1, 1, { table: 'cardZaSmcb' }),
      digits('numberRange', '.', 1, FREE), digits('number', '.', 1, FREE)] },
  { id: '3', sector: 3, sub: '', card: 'HBA/SMC-B', defaultHolder: '', example: '3-02.3.42424242.10.250',
    parts: [digits('ak', '', 2, 2, { table: 'ak' }), digits('cardType', '.', 1, 1, { table: 'cardApo' }),
      digits('memberNumber', '.', 1, FREE), digits('tsp', '.', 2, 2, { table: 'tsp' }), digits('random', '.', 1, FREE)] },
  { id: '4-1', sector: 4, sub: '1', card: 'HBA', defaultHolder: '', example: '4-18200112345678',
    parts: [digits('ptk', '', 3, 3, { table: 'ptk' }),
      { name: 'ptkInstance', sep: '', kind: 'literal', minLength: 2, maxLength: 2, literal: '01' },
      digits('number8', '', 8, 8)] },
  { id: '5-2', sector: 5, sub: '2', card: 'SMC-B', defaultHolder: 'dktig', example: '5-2-123456789-001',
    parts: [digits('ik', '-', 9, 9, { check: 'ik' }), digits('suffix', '-', 3, 3, { optional: true })] },
  { id: '8', sector: 8, sub: '', card: 'SMC-B', defaultHolder: 'gkv', example: '8-01-0000000090',
    parts: [digits('ktrGroup', '', 2, 2, { table: 'ktrGroup' }), digits('number10', '-', 10, 10)] },
  { id: '9-1', sector: 9, sub: '1', card: 'HBA', defaultHolder: 'gematik', example: '9-1.34.12345678',
    parts: [digits('nkHba', '.', 2, 2, { table: 'nkHba' }), digits('number8', '.', 8, 8)] },
  { id: '9-2', sector: 9, sub: '2', card: 'SMC-B', defaultHolder: 'gematik', example: '9-2.245.12345678',
    parts: [digits('nkSmcb', '.', 2, 3, { table: 'nkSmcb' }), digits('number8', '.', 8, 8)] },
  { id: '10-67', sector: 10, sub: '67', card: 'HBA/SMC-B', defaultHolder: 'egbr', example: '10-67.246.12345678',
    parts: [digits('egbrType', '.', 3, 3, { table: 'egbrType' }),
      { name: 'egbrId', sep: '.', kind: 'egbr', minLength: 8, maxLength: 8 }] },
  { id: '11', sector: 11, sub: '', card: 'BA', defaultHolder: '', example: '11-1.91.000123456789',
    parts: [digits('cardType', '', 1, 1, { table: 'cardHwk' }), digits('hwk', '.', 2, 2, { table: 'hwk' }),
      { name: 'individualId', sep: '.', kind: 'alnum', minLength: 8, maxLength: 15 }] },
];

/** Holders that issue without a code in the ID (seed 004, "Weitere Holder"). */
export const EXTRA_HOLDERS: CodeEntry[] = [
  e('', 'baek', 'Bundesärztekammer'), e('', 'bzaek', 'Bundeszahnärztekammer'), e('', 'bak', 'Bundesapothekerkammer'),
  e('', 'ngda', 'NGDA Netzgesellschaft Deutscher Apotheker mbH'), e('', 'dktig', 'DKTIG'),
  e('', 'gkv', 'GKV-Spitzenverband'), e('', 'egbr', 'Elektronisches Gesundheitsberuferegister – eGBR'),
  e('', 'gematik', 'gematik GmbH'), e('', 'dtrust', 'D-Trust'), e('', 'dtsg', 'Deutsche Telekom Security'),
  e('', 'shc', 'SHC Stolle & Heinz Consultants'), e('', 'dgns', 'DGN Service / Medisign'),
  e('', 'gemmon', 'gematik GmbH (lesender Zugriff Monitoring)'), e('', 'gemeuapo', 'gematik GmbH (lesender Zugriff Herausgabe gematik)'),
];

/**
 * Decisions where seed 004 is ambiguous or contradicts itself. Each is tested.
 */
export const DECISIONS = {
  aekTwoDigit: 'The Bezirksärztekammern Rheinhessen, Pfalz, Trier and Koblenz are listed with two-digit codes (67, 68, 69, 66) in a three-digit field. We read them zero-padded: 067, 068, 069, 066 (like 010 … 090), so 1-1067… is valid and 1-167… is checked as chamber 167 (unknown → warning).',
  aekHolders: 'Holder attributes are kept exactly as the seed lists them, even where they look copied (070 "baekpfalz", 080 "baeknordwuert"); names with obvious typos are corrected (160 "Sächsische Landesärztekammer", not "…Landeszahnärztekammer").',
  apoMemberNumber: 'The 3- example gives the member number as 4242442 (7 digits) in the table but 42424242 (8 digits) in the complete ID. The seed fixes no length, so the member number is 1 or more digits; both examples are valid.',
  apoRandom: 'The 3- random number (Zufallszahl, example 250) has no fixed length in the seed: 1 or more digits.',
  egbrCardTypes: 'The 10-67 card types are said to be three-digit but are not listed. Per gemSpec_OID the eGBR reuses the profession-OID arcs: persons (eHBA) 178, 232–236, 274–277; institutions (SMC-B) 245–247, 278–281 — the example 246 (Geburtshilfe) is one of them. Other three-digit numbers give a warning (unknown card type), not invalid.',
  egbrId: 'The eGBR-ID consists of 0-9, "-" and "." and is padded with zeros to 8 characters: exactly 8 characters.',
  numberLengths: 'Free numbers without a stated length (1-1 Nummer, 2-1/2-2 Nummernkreis and Nummer) are 1 or more digits — gematik\'s own SMC-B test certificate carries the Nummernkreis 16 (2-2.30.1.16.290425); 8- numbers are 10 digits and 9-1/9-2 ID numbers 8 digits as in the examples; 4-1 numbers are 8 digits as the seed states.',
  zahnCardTypes: 'The 2-1 (Zahnärzte, HBA) card type is 1 and the 2-2 (Zahnarztpraxen, SMC-B) card type is 2, as in the examples; another digit gives a warning.',
  ptkSmcb: 'The 4- rule lists card type 2 (institution card, provided by the KVs), but KV-issued SMC-Bs use prefix 1 (gemSpec_PKI): only 4-1 has a formation rule; 4-2… is a general-format ID (warning).',
  ikExample: 'The 5-2 example 5-2-123456789-001 fails the IK check digit (expected 8, not 9): it gets a warning (IK check digit), as any real ID would.',
  whitespace: 'Leading, trailing or inner spaces make the value not a Telematik-ID (invalid), with the trimmed value as suggestion; lists rarely mean the spaces.',
  generalForm: 'General form (gemSpec_PKI): digits, "-", then at least one character of A–Z a–z 0–9 "." "-", at most 128 characters in all. Anything else is invalid.',
} as const;
