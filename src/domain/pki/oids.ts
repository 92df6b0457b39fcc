// The one OID table (data): parser, UI and CLI all name OIDs from here. gematik arcs after
// gemSpec_OID / gemSpec_PKI (../shared/reference/pki.md); standard arcs after the RFCs and X.680.
// `short` is the name OpenSSL / RFC 4514 uses, `de`/`en` what people read.

export type OidKind =
  | 'attribute' | 'algorithm' | 'curve' | 'extension' | 'extKeyUsage' | 'policy' | 'certType'
  | 'profession' | 'institution' | 'qcStatement' | 'accessMethod' | 'cvcFlagList' | 'misc';

export interface OidInfo {
  oid: string;
  kind: OidKind;
  /** Short machine name: RFC 4514 / OpenSSL name, or gematik's technical name such as C.HCI.AUT. */
  short: string;
  de: string;
  en: string;
  /** Curve size or hash size where it matters. */
  bits?: number;
}

const G = '1.2.276.0.76.4.';
type Row = [oid: string, short: string, de: string, en?: string, bits?: number];

function rows(kind: OidKind, list: Row[]): OidInfo[] {
  return list.map(([oid, short, de, en, bits]) => ({ oid, kind, short, de, en: en ?? de, ...(bits ? { bits } : {}) }));
}

export const OID_TABLE: readonly OidInfo[] = [
  ...rows('attribute', [
    ['2.5.4.3', 'CN', 'Name (CN)', 'Common name'],
    ['2.5.4.4', 'SN', 'Nachname', 'Surname'],
    ['2.5.4.5', 'serialNumber', 'Seriennummer', 'Serial number'],
    ['2.5.4.6', 'C', 'Land', 'Country'],
    ['2.5.4.7', 'L', 'Ort', 'Locality'],
    ['2.5.4.8', 'ST', 'Bundesland', 'State'],
    ['2.5.4.9', 'street', 'Straße', 'Street'],
    ['2.5.4.10', 'O', 'Organisation', 'Organisation'],
    ['2.5.4.11', 'OU', 'Organisationseinheit', 'Organisational unit'],
    ['2.5.4.12', 'title', 'Titel', 'Title'],
    ['2.5.4.17', 'postalCode', 'Postleitzahl', 'Postal code'],
    ['2.5.4.42', 'GN', 'Vorname', 'Given name'],
    ['2.5.4.43', 'initials', 'Initialen', 'Initials'],
    ['2.5.4.44', 'generationQualifier', 'Namenszusatz', 'Generation qualifier'],
    ['2.5.4.46', 'dnQualifier', 'DN-Qualifier', 'DN qualifier'],
    ['2.5.4.65', 'pseudonym', 'Pseudonym', 'Pseudonym'],
    ['2.5.4.97', 'organizationIdentifier', 'Organisationskennung', 'Organisation identifier'],
    ['1.2.840.113549.1.9.1', 'emailAddress', 'E-Mail-Adresse', 'E-mail address'],
    ['0.9.2342.19200300.100.1.25', 'DC', 'Domänenkomponente', 'Domain component'],
    ['0.9.2342.19200300.100.1.1', 'UID', 'Benutzerkennung', 'User ID'],
  ]),
  ...rows('algorithm', [
    ['1.2.840.113549.1.1.1', 'rsaEncryption', 'RSA'],
    ['1.2.840.113549.1.1.5', 'sha1WithRSAEncryption', 'RSA mit SHA-1', 'RSA with SHA-1'],
    ['1.2.840.113549.1.1.10', 'rsassaPss', 'RSASSA-PSS'],
    ['1.2.840.113549.1.1.11', 'sha256WithRSAEncryption', 'RSA mit SHA-256', 'RSA with SHA-256'],
    ['1.2.840.113549.1.1.12', 'sha384WithRSAEncryption', 'RSA mit SHA-384', 'RSA with SHA-384'],
    ['1.2.840.113549.1.1.13', 'sha512WithRSAEncryption', 'RSA mit SHA-512', 'RSA with SHA-512'],
    ['1.2.840.10045.2.1', 'id-ecPublicKey', 'Elliptische Kurve (EC)', 'Elliptic curve (EC)'],
    ['1.2.840.10045.4.3.2', 'ecdsa-with-SHA256', 'ECDSA mit SHA-256', 'ECDSA with SHA-256'],
    ['1.2.840.10045.4.3.3', 'ecdsa-with-SHA384', 'ECDSA mit SHA-384', 'ECDSA with SHA-384'],
    ['1.2.840.10045.4.3.4', 'ecdsa-with-SHA512', 'ECDSA mit SHA-512', 'ECDSA with SHA-512'],
    ['2.16.840.1.101.3.4.2.1', 'sha256', 'SHA-256'],
    ['2.16.840.1.101.3.4.2.2', 'sha384', 'SHA-384'],
    ['2.16.840.1.101.3.4.2.3', 'sha512', 'SHA-512'],
    ['1.3.14.3.2.26', 'sha1', 'SHA-1'],
    ['1.2.840.113549.1.1.8', 'mgf1', 'MGF1'],
    // CV certificate public-key algorithms (BSI TR-03110 / gemSpec_COS)
    ['0.4.0.127.0.7.2.2.2.2.3', 'id-TA-ECDSA-SHA-256', 'ECDSA mit SHA-256 (TA)', 'ECDSA with SHA-256 (TA)'],
    ['1.3.36.3.5.3.1', 'authS_gemSpec-COS-G2_ecc-with-sha256', 'ECDSA mit SHA-256 (gemSpec_COS)', 'ECDSA with SHA-256 (gemSpec_COS)'],
    ['1.3.36.3.5.3.2', 'authS_gemSpec-COS-G2_ecc-with-sha384', 'ECDSA mit SHA-384 (gemSpec_COS)', 'ECDSA with SHA-384 (gemSpec_COS)'],
    ['1.3.36.3.5.3.3', 'authS_gemSpec-COS-G2_ecc-with-sha512', 'ECDSA mit SHA-512 (gemSpec_COS)', 'ECDSA with SHA-512 (gemSpec_COS)'],
  ]),
  ...rows('curve', [
    ['1.3.36.3.3.2.8.1.1.7', 'brainpoolP256r1', 'brainpoolP256r1', undefined, 256],
    ['1.3.36.3.3.2.8.1.1.11', 'brainpoolP384r1', 'brainpoolP384r1', undefined, 384],
    ['1.3.36.3.3.2.8.1.1.13', 'brainpoolP512r1', 'brainpoolP512r1', undefined, 512],
    ['1.2.840.10045.3.1.7', 'prime256v1', 'NIST P-256 (prime256v1)', undefined, 256],
    ['1.3.132.0.34', 'secp384r1', 'NIST P-384 (secp384r1)', undefined, 384],
    ['1.3.132.0.35', 'secp521r1', 'NIST P-521 (secp521r1)', undefined, 521],
  ]),
  ...rows('extension', [
    ['2.5.29.14', 'subjectKeyIdentifier', 'Schlüsselkennung des Inhabers', 'Subject key identifier'],
    ['2.5.29.15', 'keyUsage', 'Schlüsselverwendung', 'Key usage'],
    ['2.5.29.17', 'subjectAltName', 'Alternativer Inhabername', 'Subject alternative name'],
    ['2.5.29.18', 'issuerAltName', 'Alternativer Ausstellername', 'Issuer alternative name'],
    ['2.5.29.19', 'basicConstraints', 'Basiseinschränkungen', 'Basic constraints'],
    ['2.5.29.31', 'cRLDistributionPoints', 'CRL-Verteilungspunkte', 'CRL distribution points'],
    ['2.5.29.32', 'certificatePolicies', 'Zertifikatsrichtlinien', 'Certificate policies'],
    ['2.5.29.35', 'authorityKeyIdentifier', 'Schlüsselkennung des Ausstellers', 'Authority key identifier'],
    ['2.5.29.37', 'extKeyUsage', 'Erweiterte Schlüsselverwendung', 'Extended key usage'],
    ['2.5.29.9', 'subjectDirectoryAttributes', 'Verzeichnisattribute des Inhabers', 'Subject directory attributes'],
    ['2.5.29.30', 'nameConstraints', 'Namenseinschränkungen', 'Name constraints'],
    ['1.3.6.1.5.5.7.1.1', 'authorityInfoAccess', 'Zugriff auf Ausstellerinformationen (OCSP)', 'Authority information access (OCSP)'],
    ['1.3.6.1.5.5.7.1.3', 'qcStatements', 'Qualifizierte Zertifikatsangaben (QC-Statements)', 'Qualified certificate statements'],
    ['1.3.36.8.3.3', 'admission', 'Zulassung (Admission, Telematik-ID)', 'Admission (Telematik-ID)'],
    ['1.3.36.8.3.13', 'restriction', 'Beschränkung', 'Restriction'],
    ['1.3.36.8.3.10', 'additionalInformation', 'Zusatzinformation', 'Additional information'],
    ['2.16.840.1.113730.1.1', 'nsCertType', 'Netscape-Zertifikatstyp', 'Netscape certificate type'],
    ['2.16.840.1.113730.1.13', 'nsComment', 'Netscape-Kommentar', 'Netscape comment'],
  ]),
  ...rows('extKeyUsage', [
    ['1.3.6.1.5.5.7.3.1', 'serverAuth', 'TLS-Server-Authentisierung', 'TLS server authentication'],
    ['1.3.6.1.5.5.7.3.2', 'clientAuth', 'TLS-Client-Authentisierung', 'TLS client authentication'],
    ['1.3.6.1.5.5.7.3.3', 'codeSigning', 'Code-Signatur', 'Code signing'],
    ['1.3.6.1.5.5.7.3.4', 'emailProtection', 'E-Mail-Schutz', 'E-mail protection'],
    ['1.3.6.1.5.5.7.3.8', 'timeStamping', 'Zeitstempel', 'Time stamping'],
    ['1.3.6.1.5.5.7.3.9', 'OCSPSigning', 'OCSP-Signatur', 'OCSP signing'],
    ['2.5.29.37.0', 'anyExtendedKeyUsage', 'Beliebige Verwendung', 'Any extended key usage'],
  ]),
  ...rows('accessMethod', [
    ['1.3.6.1.5.5.7.48.1', 'OCSP', 'OCSP'],
    ['1.3.6.1.5.5.7.48.2', 'caIssuers', 'Aussteller-Zertifikat', 'CA issuers'],
  ]),
  ...rows('qcStatement', [
    ['0.4.0.1862.1.1', 'QcCompliance', 'EU-qualifiziertes Zertifikat', 'EU qualified certificate'],
    ['0.4.0.1862.1.4', 'QcSSCD', 'Schlüssel auf qualifizierter Signaturerstellungseinheit', 'Key on a qualified signature creation device'],
    ['0.4.0.1862.1.5', 'QcPDS', 'PKI-Offenlegung (PDS)', 'PKI disclosure statement'],
    ['0.4.0.1862.1.6', 'QcType', 'Zertifikatsart (QcType)', 'Certificate type (QcType)'],
    ['0.4.0.1862.1.6.1', 'QcType-esign', 'Qualifizierte elektronische Signatur', 'Qualified electronic signature'],
    ['0.4.0.1862.1.6.2', 'QcType-eseal', 'Qualifiziertes elektronisches Siegel', 'Qualified electronic seal'],
    ['0.4.0.194121.1.1', 'QcSemantics-natural', 'Semantik: natürliche Person', 'Semantics: natural person'],
    ['0.4.0.194121.1.2', 'QcSemantics-legal', 'Semantik: juristische Person', 'Semantics: legal person'],
    ['1.3.6.1.5.5.7.11.2', 'QcSemantics-v2', 'Semantik (RFC 3739 v2)', 'Semantics (RFC 3739 v2)'],
  ]),
  ...rows('policy', [
    [`${G}163`, 'oid_policy_gem_or_cp', 'Certificate Policy gematik (eGK, SMC-B, Komponenten)', 'gematik certificate policy (eGK, SMC-B, components)'],
    [`${G}145`, 'oid_policy_hba_cp', 'Certificate Policy HBA', 'HBA certificate policy'],
    ['2.5.29.32.0', 'anyPolicy', 'Beliebige Richtlinie', 'Any policy'],
    ['0.4.0.194112.1.2', 'QCP-n-qscd', 'Qualifiziert, natürliche Person, QSCD (eIDAS)', 'Qualified, natural person, QSCD (eIDAS)'],
    ['1.3.6.1.4.1.8301.3.5', 'sigg-conform', 'Signaturgesetz-konform', 'Signature-law conform'],
  ]),
  // Certificate types: the names support staff know from the card's file names (gemSpec_OID Tab_PKI_404).
  ...rows('certType', [
    [`${G}66`, 'C.CH.QES', 'eGK: qualifizierte Signatur (QES)', 'eGK: qualified signature (QES)'],
    [`${G}67`, 'C.CH.SIG', 'eGK: Signatur', 'eGK: signature'],
    [`${G}68`, 'C.CH.ENC', 'eGK: Verschlüsselung', 'eGK: encryption'],
    [`${G}69`, 'C.CH.ENCV', 'eGK: Verschlüsselung Versicherter', 'eGK: insured-person encryption'],
    [`${G}70`, 'C.CH.AUT', 'eGK: Authentisierung', 'eGK: authentication'],
    [`${G}71`, 'C.CH.AUTN', 'eGK: technische Authentisierung', 'eGK: technical authentication'],
    [`${G}211`, 'C.CH.ENC_ALT', 'eGK: alternative Verschlüsselung', 'eGK: alternative encryption'],
    [`${G}212`, 'C.CH.AUT_ALT', 'eGK: alternative Authentisierung', 'eGK: alternative authentication'],
    [`${G}72`, 'C.HP.QES', 'HBA: qualifizierte Signatur (QES)', 'HBA: qualified signature (QES)'],
    [`${G}73`, 'C.HP.SIG', 'HBA: Signatur', 'HBA: signature'],
    [`${G}74`, 'C.HP.ENC', 'HBA: Verschlüsselung', 'HBA: encryption'],
    [`${G}75`, 'C.HP.AUT', 'HBA: Authentisierung', 'HBA: authentication'],
    [`${G}76`, 'C.HCI.ENC', 'SMC-B: Verschlüsselung', 'SMC-B: encryption'],
    [`${G}77`, 'C.HCI.AUT', 'SMC-B: Authentisierung', 'SMC-B: authentication'],
    [`${G}78`, 'C.HCI.OSIG', 'SMC-B: Organisationssignatur', 'SMC-B: organisation signature'],
    [`${G}79`, 'C.AK.AUT', 'gSMC-K: Anwendungskonnektor', 'gSMC-K: application connector'],
    [`${G}80`, 'C.NK.VPN', 'gSMC-K: Netzkonnektor VPN', 'gSMC-K: network connector VPN'],
    [`${G}113`, 'C.SAK.AUT', 'gSMC-K: Signaturanwendungskomponente', 'gSMC-K: signature application component'],
    [`${G}82`, 'C.SMKT.AUT', 'gSMC-KT: Kartenterminal', 'gSMC-KT: card terminal'],
    // gemSpec_OID: oid_fd_tls_c = …168, oid_fd_tls_s = …169 (the test certificates' EKUs agree)
    [`${G}168`, 'C.FD.TLS-C', 'Fachdienst: TLS-Client', 'Service: TLS client'],
    [`${G}169`, 'C.FD.TLS-S', 'Fachdienst: TLS-Server', 'Service: TLS server'],
    [`${G}203`, 'C.FD.SIG', 'Fachdienst: Signatur', 'Service: signature'],
    [`${G}283`, 'C.FD.OSIG', 'Fachdienst: Signatur (nonRepudiation)', 'Service: signature (non-repudiation)'],
  ]),
  ...rows('profession', [
    [`${G}30`, 'Arzt', 'Ärztin/Arzt', 'Physician'],
    [`${G}31`, 'Zahnarzt', 'Zahnärztin/Zahnarzt', 'Dentist'],
    [`${G}32`, 'Apotheker', 'Apotheker/-in', 'Pharmacist'],
    [`${G}33`, 'Apothekerassistent', 'Apothekerassistent/-in', 'Pharmacist assistant'],
    [`${G}34`, 'Pharmazieingenieur', 'Pharmazieingenieur/-in', 'Pharmacy engineer'],
    [`${G}35`, 'PTA', 'Pharmazeutisch-technische/-r Assistent/-in', 'Pharmaceutical-technical assistant'],
    [`${G}36`, 'PKA', 'Pharmazeutisch-kaufmännische/-r Angestellte/-r', 'Pharmaceutical-commercial employee'],
    [`${G}37`, 'Apothekenhelfer', 'Apothekenhelfer/-in', 'Pharmacy helper'],
    [`${G}38`, 'Apothekenassistent', 'Apothekenassistent/-in', 'Pharmacy assistant'],
    [`${G}39`, 'PharmAssistent', 'Pharmazeutische/-r Assistent/-in', 'Pharmaceutical assistant'],
    [`${G}40`, 'Apothekenfacharbeiter', 'Apothekenfacharbeiter/-in', 'Pharmacy skilled worker'],
    [`${G}41`, 'Pharmaziepraktikant', 'Pharmaziepraktikant/-in', 'Pharmacy intern'],
    [`${G}42`, 'Famulant', 'Famulant/-in', 'Clinical trainee'],
    [`${G}43`, 'PTA-Praktikant', 'PTA-Praktikant/-in', 'PTA intern'],
    [`${G}44`, 'PKA-Auszubildender', 'PKA-Auszubildende/-r', 'PKA apprentice'],
    [`${G}45`, 'Psychotherapeut', 'Psychotherapeut/-in', 'Psychotherapist'],
    [`${G}46`, 'PsychPsychotherapeut', 'Psychologische/-r Psychotherapeut/-in', 'Psychological psychotherapist'],
    [`${G}47`, 'KJPsychotherapeut', 'Kinder- und Jugendlichenpsychotherapeut/-in', 'Child and adolescent psychotherapist'],
    [`${G}48`, 'Rettungsassistent', 'Rettungsassistent/-in', 'Paramedic assistant'],
    [`${G}49`, 'Versicherter', 'Versicherte/-r', 'Insured person'],
    [`${G}178`, 'Notfallsanitaeter', 'Notfallsanitäter/-in', 'Emergency paramedic'],
    [`${G}232`, 'Krankenpfleger', 'Gesundheits- und Krankenpfleger/-in', 'Nurse'],
    [`${G}233`, 'Altenpfleger', 'Altenpfleger/-in', 'Geriatric nurse'],
    [`${G}234`, 'Pflegefachkraft', 'Pflegefachfrau/-mann', 'Nursing professional'],
    [`${G}235`, 'Hebamme', 'Hebamme', 'Midwife'],
    [`${G}236`, 'Physiotherapeut', 'Physiotherapeut/-in', 'Physiotherapist'],
    [`${G}237`, 'Augenoptiker', 'Augenoptiker/-in', 'Optician'],
    [`${G}238`, 'Hoerakustiker', 'Hörakustiker/-in', 'Hearing aid acoustician'],
    [`${G}239`, 'Orthopaedieschuhmacher', 'Orthopädieschuhmacher/-in', 'Orthopaedic shoemaker'],
    [`${G}240`, 'Orthopaedietechniker', 'Orthopädietechniker/-in', 'Orthopaedic technician'],
    [`${G}241`, 'Zahntechniker', 'Zahntechniker/-in', 'Dental technician'],
    [`${G}274`, 'Ergotherapeut', 'Ergotherapeut/-in', 'Occupational therapist'],
    [`${G}275`, 'Logopaede', 'Logopäde/Logopädin', 'Speech therapist'],
    [`${G}276`, 'Podologe', 'Podologe/Podologin', 'Podiatrist'],
    [`${G}277`, 'Ernaehrungstherapeut', 'Ernährungstherapeut/-in', 'Nutrition therapist'],
  ]),
  ...rows('institution', [
    [`${G}50`, 'BS_Arzt', 'Betriebsstätte Arzt', 'Medical practice'],
    [`${G}51`, 'Zahnarztpraxis', 'Zahnarztpraxis', 'Dental practice'],
    [`${G}52`, 'BS_Psychotherapeut', 'Betriebsstätte Psychotherapeut', 'Psychotherapy practice'],
    [`${G}53`, 'Krankenhaus', 'Krankenhaus', 'Hospital'],
    [`${G}54`, 'Oeffentliche_Apotheke', 'Öffentliche Apotheke', 'Public pharmacy'],
    [`${G}55`, 'Krankenhausapotheke', 'Krankenhausapotheke', 'Hospital pharmacy'],
    [`${G}56`, 'Bundeswehrapotheke', 'Bundeswehrapotheke', 'Armed forces pharmacy'],
    [`${G}57`, 'Mobile_Rettungsdienst', 'Mobile Einrichtung Rettungsdienst', 'Mobile emergency service'],
    [`${G}58`, 'BS_gematik', 'Betriebsstätte gematik', 'gematik site'],
    [`${G}59`, 'BS_Kostentraeger', 'Betriebsstätte Kostenträger', 'Cost bearer site'],
    [`${G}187`, 'LEO_Zahnaerzte', 'Leistungserbringerorganisation Vertragszahnärzte', 'Organisation of contract dentists'],
    [`${G}190`, 'AdV_Kostentraeger', 'AdV-Umgebung bei Kostenträger', 'AdV environment at cost bearer'],
    [`${G}210`, 'LEO_KV', 'Leistungserbringerorganisation Kassenärztliche Vereinigung', 'Association of statutory health insurance physicians'],
    [`${G}223`, 'GKV_Spitzenverband', 'GKV-Spitzenverband', 'National association of statutory health insurers'],
    [`${G}224`, 'Apothekerverband', 'Mitgliedsverband der Apotheker', 'Pharmacists member association'],
    [`${G}225`, 'DAV', 'Deutscher Apothekerverband', 'German pharmacists association'],
    [`${G}226`, 'Mitgliedsverband_KH', 'Mitgliedsverband der Krankenhäuser', 'Hospital member association'],
    [`${G}227`, 'DKTIG', 'Deutsche Krankenhaus TrustCenter und Informationsverarbeitung', 'DKTIG'],
    [`${G}228`, 'DKG', 'Deutsche Krankenhausgesellschaft', 'German hospital federation'],
    [`${G}229`, 'BAEK', 'Bundesärztekammer', 'German medical association'],
    [`${G}230`, 'Aerztekammer', 'Ärztekammer', 'Medical chamber'],
    [`${G}231`, 'Zahnaerztekammer', 'Zahnärztekammer', 'Dental chamber'],
    [`${G}242`, 'KBV', 'Kassenärztliche Bundesvereinigung', 'National association of SHI physicians'],
    [`${G}243`, 'BZAEK', 'Bundeszahnärztekammer', 'German dental association'],
    [`${G}244`, 'KZBV', 'Kassenzahnärztliche Bundesvereinigung', 'National association of SHI dentists'],
    [`${G}245`, 'Pflege', 'Institution Pflege', 'Nursing institution'],
    [`${G}246`, 'Geburtshilfe', 'Institution Geburtshilfe', 'Obstetrics institution'],
    [`${G}247`, 'Physiotherapie', 'Praxis Physiotherapeut', 'Physiotherapy practice'],
    [`${G}248`, 'Augenoptiker_Inst', 'Institution Augenoptiker', 'Optician institution'],
    [`${G}249`, 'Hoerakustiker_Inst', 'Institution Hörakustiker', 'Hearing aid institution'],
    [`${G}250`, 'Orthopaedieschuhmacher_Inst', 'Institution Orthopädieschuhmacher', 'Orthopaedic shoemaker institution'],
    [`${G}251`, 'Orthopaedietechniker_Inst', 'Institution Orthopädietechniker', 'Orthopaedic technician institution'],
    [`${G}252`, 'Zahntechniker_Inst', 'Institution Zahntechniker', 'Dental technician institution'],
    [`${G}253`, 'Rettungsleitstelle', 'Rettungsleitstelle', 'Emergency control centre'],
    [`${G}254`, 'Sanitaetsdienst_BW', 'Sanitätsdienst Bundeswehr', 'Armed forces medical service'],
    [`${G}255`, 'OeGD', 'Öffentlicher Gesundheitsdienst', 'Public health service'],
    [`${G}256`, 'Arbeitsmedizin', 'Arbeitsmedizin', 'Occupational medicine'],
    [`${G}257`, 'Vorsorge_Reha', 'Vorsorge- und Rehabilitation', 'Prevention and rehabilitation'],
    [`${G}262`, 'Pflegeberatung', 'Pflegeberatung', 'Nursing counselling'],
    [`${G}263`, 'Psychotherapeutenkammer', 'Psychotherapeutenkammer', 'Psychotherapists chamber'],
    [`${G}264`, 'BPtK', 'Bundespsychotherapeutenkammer', 'Federal chamber of psychotherapists'],
    [`${G}265`, 'LAK', 'Landesapothekerkammer', 'State chamber of pharmacists'],
    [`${G}266`, 'BAK', 'Bundesapothekerkammer', 'Federal chamber of pharmacists'],
    [`${G}267`, 'eGBR', 'Elektronisches Gesundheitsberuferegister', 'Electronic health professions register'],
    [`${G}268`, 'Handwerkskammer', 'Handwerkskammer', 'Chamber of crafts'],
    [`${G}269`, 'Register_Gesundheitsdaten', 'Register für Gesundheitsdaten', 'Health data register'],
    [`${G}270`, 'Abrechnungsdienstleister', 'Abrechnungsdienstleister', 'Billing service provider'],
    [`${G}271`, 'PKV_Verband', 'PKV-Verband', 'Association of private health insurers'],
    [`${G}273`, 'ePA_KTR', 'ePA-Kostenträger', 'ePA cost bearer'],
    [`${G}278`, 'Ergotherapiepraxis', 'Ergotherapiepraxis', 'Occupational therapy practice'],
    [`${G}279`, 'Logopaedische_Praxis', 'Logopädische Praxis', 'Speech therapy practice'],
    [`${G}280`, 'Podologiepraxis', 'Podologiepraxis', 'Podiatry practice'],
    [`${G}281`, 'Ernaehrungstherapeutische_Praxis', 'Ernährungstherapeutische Praxis', 'Nutrition therapy practice'],
    [`${G}282`, 'DiGA', 'Digitale Gesundheitsanwendung (DiGA)', 'Digital health application (DiGA)'],
    [`${G}284`, 'Weitere_Kostentraeger', 'Weitere Kostenträger', 'Other cost bearers'],
    [`${G}285`, 'Weitere_Organisationen', 'Weitere Organisationen', 'Other organisations'],
    [`${G}286`, 'KIM_Anbieter', 'KIM-Anbieter', 'KIM provider'],
    [`${G}292`, 'NCPeH', 'Nationale Kontaktstelle eHealth (NCPeH)', 'National contact point eHealth (NCPeH)'],
    [`${G}295`, 'TIM_Anbieter', 'TIM-Anbieter', 'TIM provider'],
    [`${G}303`, 'Ombudsstelle', 'Ombudsstelle', 'Ombudsman office'],
  ]),
  ...rows('cvcFlagList', [
    [`${G}152`, 'oid_cvc_fl_ti', 'CVC-Flagliste TI', 'CVC flag list TI'],
    [`${G}153`, 'oid_cvc_fl_cms', 'CVC-Flagliste CMS', 'CVC flag list CMS'],
  ]),
];

const byOid = new Map(OID_TABLE.map((o) => [o.oid, o]));

export function oidInfo(oid: string): OidInfo | undefined {
  return byOid.get(oid);
}

/** Short name, or the dotted OID when unknown. */
export function oidShort(oid: string): string {
  return byOid.get(oid)?.short ?? oid;
}

export function oidName(oid: string, locale: 'de' | 'en'): string {
  const info = byOid.get(oid);
  return info ? info[locale] : oid;
}

/**
 * The certificate types a gematik certificate may carry, and which key usage they need
 * (gemSpec_PKI: AUT = digitalSignature; ENC = keyEncipherment (RSA) or keyAgreement (ECC);
 * QES/OSIG/SIG = nonRepudiation). The rule is checked in problems.ts.
 */
export const CERT_TYPE_KEY_USAGE: Record<string, { rsa: string[]; ec: string[] }> = {
  AUT: { rsa: ['digitalSignature'], ec: ['digitalSignature'] },
  ENC: { rsa: ['keyEncipherment'], ec: ['keyAgreement'] },
  QES: { rsa: ['nonRepudiation'], ec: ['nonRepudiation'] },
  OSIG: { rsa: ['nonRepudiation'], ec: ['nonRepudiation'] },
  SIG: { rsa: ['nonRepudiation'], ec: ['nonRepudiation'] },
};

/**
 * Extended key usage each certificate type must carry, exactly (gemSpec_PKI certificate profiles, as also
 * encoded by gematik's ref-GemLibPki). Types not listed carry none or are not checked (C.CH.AUT: optional).
 */
export const CERT_TYPE_EXT_KEY_USAGE: Record<string, readonly string[]> = {
  'C.HCI.AUT': ['clientAuth'],
  'C.HP.AUT': ['clientAuth', 'emailProtection'],
  'C.CH.AUT_ALT': ['clientAuth'],
  'C.AK.AUT': ['clientAuth', 'serverAuth'],
  'C.NK.VPN': ['serverAuth', 'clientAuth'],
  'C.FD.TLS-S': ['serverAuth'],
  'C.FD.TLS-C': ['clientAuth'],
};

/** The only extensions an end-entity certificate of the TI may mark critical (gemSpec_PKI GS-A_4661-01). */
export const ALLOWED_CRITICAL_EXTENSIONS: readonly string[] = ['basicConstraints', 'keyUsage'];

/** Key-usage bit names in bit order (RFC 5280 4.2.1.3). */
export const KEY_USAGE_BITS = [
  'digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement',
  'keyCertSign', 'cRLSign', 'encipherOnly', 'decipherOnly',
] as const;

/**
 * CV certificate flag list (7 bytes, oid_cvc_fl_ti, gemSpec_PKI Tab_PKI_910/911): bit 0 is the
 * most significant bit of the first byte. Bits 0–1 give the holder type, the rest name access rights.
 * Only the bits whose meaning gemSpec_PKI states are named; other set bits are listed by number.
 */
export const CVC_ROLE_BITS: Record<number, { de: string; en: string }> = {
  0: { de: 'Endnutzer-CVC: CA-Typ Bit 1', en: 'CA type bit 1' },
  1: { de: 'Endnutzer-CVC: CA-Typ Bit 2', en: 'CA type bit 2' },
};

/** The gematik OID arc: professionOIDs, policies and certificate types are 1.2.276.0.76.4.<arc>. */
export const GEMATIK_ARC = G;

/** OID of a gematik arc number, and the arc number of a gematik OID (NaN for any other OID). */
export const gematikOid = (arc: number): string => `${G}${arc}`;
export const gematikArc = (oid: string): number =>
  (oid.startsWith(G) && /^\d+$/.test(oid.slice(G.length)) ? Number(oid.slice(G.length)) : NaN);

/** The gematik certificate policies (oid_policy_gem_or_cp, oid_policy_hba_cp) that mark TI end-entity certificates. */
export const GEMATIK_POLICY_OIDS: readonly string[] = OID_TABLE
  .filter((o) => o.kind === 'policy' && o.short.startsWith('oid_policy_')).map((o) => o.oid);

/** Institutions of health-care providers (Tab_PKI_403); every other institution OID on an SMC-B marks an SMC-B ORG. */
export const PROVIDER_INSTITUTION_ARCS: readonly number[] = [
  50, 51, 52, 53, 54, 55, 56, 57,
  245, 246, 247, 248, 249, 250, 251, 252, 253, 254, 255, 256, 257, 262, 278, 279, 280, 281,
];

/** Profession arcs of the eGBR register (persons: eHBA; institutions: SMC-B) — the 10-67 card types. */
export const EGBR_PROFESSION_ARCS = {
  HBA: [178, 232, 233, 234, 235, 236, 274, 275, 276, 277], 'SMC-B': [245, 246, 247, 278, 279, 280, 281],
} as const;

/**
 * Which professionOID arcs (1.2.276.0.76.4.<arc>) fit a Telematik-ID's sector prefix (gemSpec_PKI 4.7.2.1,
 * Tab_PKI_402/403). Only sectors whose holders are clear are listed; others are not cross-checked.
 * `9-2.<n>.` and `10-67.<n>.` IDs carry the arc itself and are checked exactly (see problems.ts).
 */
export const SECTOR_PROFESSION_ARCS: Record<string, readonly number[]> = {
  '1': [30, 42, 50, 52, 210, 242],
  '2': [31, 51, 187, 244],
  '3': [32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 43, 44, 54, 55, 56],
  '4': [45, 46, 47, 52],
  '5': [53, 55],
};
