// Texts shared by the three command-line tools (help, argument errors); `en` must have every key of `de`.
export const de = {
  'cli.help.ti-validate': 'Aufruf: ti-validate DATEI… [--json] [--summary] [--sheet NAME|N] [--lang de|en]\n'
    + 'Prüft Telematik-ID-Listen (TXT, CSV, TSV, XLSX, FHIR-Bundle, LDIF; „-“ liest die Standardeingabe).\n'
    + '  --sheet    Tabellenblatt einer XLSX-Datei (Name oder Nummer ab 1)\n'
    + '  --json     eine JSON-Zeile je Zeile der Liste\n'
    + '  --summary  nur die Summen über alle Dateien\n'
    + 'Exit-Code: 0 keine ungültige Zeile, 1 mindestens eine ungültige Zeile, 2 Eingabe nicht lesbar oder Aufruf falsch.',
  'cli.help.ti-cert': 'Aufruf: ti-cert DATEI|ORDNER… [--json] [--at JJJJ-MM-TT] [--lang de|en]\n'
    + 'Prüft X.509- (DER/PEM/CRT) und CV-Zertifikate; „-“ liest die Standardeingabe.\n'
    + '  --json     ein JSON-Objekt je Zertifikat und Zeile\n'
    + 'Exit-Code: 0 alles in Ordnung, 1 Zertifikate mit Fehlern, 2 nicht lesbare Eingabe oder Aufruf falsch.',
  'cli.help.ti-card': 'Aufruf: ti-card read --image KARTE.xml [--reader LESER-ID] [--json] [--personal] [--at JJJJ-MM-TT] [--desk production|test] [--lang de|en]\n'
    + 'Liest ein gematik-Kartenabbild über einen simulierten USB-Leser („-“ als KARTE liest die Standardeingabe).\n'
    + '  --json      Bericht als JSON   --personal  mit personenbezogenen Daten (nur mit --json)\n'
    + 'Exit-Code: 0 gelesen, 1 Karte nicht lesbar, 2 Abbild nicht lesbar oder Aufruf falsch.',
  'cli.error.unknownOption': 'unbekannte Option {{ option }}',
  'cli.error.missingValue': 'Option {{ option }} braucht einen Wert',
  'cli.error.badLang': '--lang braucht de oder en',
  'cli.error.noInput': 'keine Eingabe angegeben',
  'cli.error.missingCommand': 'Befehl „read“ fehlt',
  'cli.error.badDate': '--at braucht ein Datum JJJJ-MM-TT',
  'cli.error.badDesk': '--desk braucht production oder test',
  'cli.error.imageRequired': '--image fehlt',
  'cli.error.stdinTwice': '„-“ (Standardeingabe) darf nur einmal vorkommen',
} as const;

export const en: Record<keyof typeof de, string> = {
  'cli.help.ti-validate': 'usage: ti-validate FILE… [--json] [--summary] [--sheet NAME|N] [--lang de|en]\n'
    + 'Validates Telematik-ID lists (TXT, CSV, TSV, XLSX, FHIR bundle, LDIF; "-" reads standard input).\n'
    + '  --sheet    the sheet of an XLSX file (name or number from 1)\n'
    + '  --json     one JSON line per list row\n'
    + '  --summary  only the totals over all files\n'
    + 'Exit code: 0 no invalid row, 1 some row invalid, 2 input unreadable or usage error.',
  'cli.help.ti-cert': 'usage: ti-cert FILE|FOLDER… [--json] [--at YYYY-MM-DD] [--lang de|en]\n'
    + 'Checks X.509 (DER/PEM/CRT) and CV certificates; "-" reads standard input.\n'
    + '  --json     one JSON object per certificate per line\n'
    + 'Exit code: 0 all fine, 1 certificates with errors, 2 unreadable input or usage error.',
  'cli.help.ti-card': 'usage: ti-card read --image CARD.xml [--reader READER-ID] [--json] [--personal] [--at YYYY-MM-DD] [--desk production|test] [--lang de|en]\n'
    + 'Reads a gematik card image through a simulated USB reader ("-" as CARD reads standard input).\n'
    + '  --json      report as JSON   --personal  include personal data (with --json only)\n'
    + 'Exit code: 0 read, 1 the card could not be read, 2 image unreadable or usage error.',
  'cli.error.unknownOption': 'unknown option {{ option }}',
  'cli.error.missingValue': 'option {{ option }} needs a value',
  'cli.error.badLang': '--lang needs de or en',
  'cli.error.noInput': 'no input given',
  'cli.error.missingCommand': 'missing command "read"',
  'cli.error.badDate': '--at needs a date YYYY-MM-DD',
  'cli.error.badDesk': '--desk needs production or test',
  'cli.error.imageRequired': '--image is required',
  'cli.error.stdinTwice': '"-" (standard input) may appear only once',
};
