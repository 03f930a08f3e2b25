/**
 * The test citizens of the MConnect stand-in: fictitious residents of Monaco with the claims a
 * national eID would assert, their identity card (number, 5-digit PIN, expiry) and the level of
 * assurance their means of authentication reaches.
 *
 * E-mail addresses are under example.org (reserved, never delivered) and phone numbers are
 * invented: nothing here belongs to anybody.
 */

/** Levels of assurance, lowest first, named as FranceConnect names them (`acr` values). */
export const ASSURANCE_LEVELS = ['eidas1', 'eidas2', 'eidas3'] as const;
export type AssuranceLevel = (typeof ASSURANCE_LEVELS)[number];

/** How the citizen authenticates at each level (`amr` values, RFC 8176). */
export const AMR_BY_LEVEL: Readonly<Record<AssuranceLevel, readonly string[]>> = {
  eidas1: ['pwd'],
  eidas2: ['pin', 'swk'],
  eidas3: ['pin', 'hwk'],
};

export interface TestCitizen {
  /** The citizen's account at MConnect; never sent as such (`sub` is pairwise per client). */
  readonly id: string;
  /** First names, space-separated. */
  readonly givenName: string;
  readonly familyName: string;
  /** YYYY-MM-DD */
  readonly birthdate: string;
  readonly gender: 'female' | 'male';
  readonly birthplace: string;
  /** ISO 3166-1 alpha-2 */
  readonly nationality: string;
  /** Absent when MConnect knows no e-mail address for the citizen. */
  readonly email?: { readonly address: string; readonly verified: boolean };
  /** E.164 */
  readonly phoneNumber: string;
  readonly streetAddress: string;
  /** The identity card (or residence permit) that carries the digital identity. */
  readonly card: { readonly number: string; readonly pin: string; readonly expires: string };
  /** The highest level the citizen's means of authentication reach. */
  readonly assurance: AssuranceLevel;
  /** What makes this citizen useful in a demonstration, shown on the login page. */
  readonly note: { readonly fr: string; readonly en: string };
}

export const POSTAL_CODE = '98000';
export const LOCALITY = 'Monaco';
export const COUNTRY = 'MC';

export const testCitizens: readonly TestCitizen[] = [
  {
    id: 'mc-citizen-0001',
    givenName: 'Marco Luigi',
    familyName: 'Rossi',
    birthdate: '1983-04-17',
    gender: 'male',
    birthplace: 'Monaco',
    nationality: 'MC',
    email: { address: 'marco.rossi@example.org', verified: true },
    phoneNumber: '+377640123401',
    streetAddress: '7 boulevard des Moulins',
    card: { number: '100000017', pin: '24681', expires: '2031-09-30' },
    assurance: 'eidas3',
    note: {
      fr: 'Parent de la famille Rossi (Léa et Matteo). Carte et lecteur : niveau élevé.',
      en: 'Parent in the Rossi family (Léa and Matteo). Card and reader: high level.',
    },
  },
  {
    id: 'mc-citizen-0002',
    givenName: 'Giulia',
    familyName: 'Rossi',
    birthdate: '1985-11-03',
    gender: 'female',
    birthplace: 'Sanremo',
    nationality: 'IT',
    email: { address: 'giulia.rossi@example.org', verified: true },
    phoneNumber: '+377640123402',
    streetAddress: '7 boulevard des Moulins',
    card: { number: '100000025', pin: '13579', expires: '2030-03-31' },
    assurance: 'eidas2',
    note: {
      fr: 'Parent de la famille Rossi. Titre de séjour, application MConnect Mobile : niveau substantiel.',
      en: 'Parent in the Rossi family. Residence permit, MConnect Mobile app: substantial level.',
    },
  },
  {
    id: 'mc-citizen-0003',
    givenName: 'Sophie Marie',
    familyName: 'Bianchi',
    birthdate: '1988-02-29',
    gender: 'female',
    birthplace: 'Monaco',
    nationality: 'MC',
    email: { address: 'sophie.bianchi@example.org', verified: true },
    phoneNumber: '+377640123403',
    streetAddress: '22 rue Grimaldi',
    card: { number: '100000033', pin: '97531', expires: '2032-06-30' },
    assurance: 'eidas3',
    note: {
      fr: 'Parent seul de la famille Bianchi (Hugo). Née un 29 février.',
      en: 'Single parent of the Bianchi family (Hugo). Born on 29 February.',
    },
  },
  {
    id: 'mc-citizen-0004',
    givenName: 'Louis',
    familyName: 'Fontana',
    birthdate: '1949-08-21',
    gender: 'male',
    birthplace: 'Monaco',
    nationality: 'MC',
    phoneNumber: '+37793150101',
    streetAddress: '3 avenue de la Costa',
    card: { number: '100000041', pin: '11223', expires: '2029-12-31' },
    assurance: 'eidas3',
    note: {
      fr: 'Aucune adresse e-mail connue de MConnect : pas de claim email.',
      en: 'No e-mail address known to MConnect: no email claim.',
    },
  },
  {
    id: 'mc-citizen-0005',
    givenName: 'Camille',
    familyName: 'Marchetti',
    birthdate: '1992-06-08',
    gender: 'female',
    birthplace: 'Nice',
    nationality: 'FR',
    email: { address: 'camille.marchetti@example.org', verified: false },
    phoneNumber: '+377640123405',
    streetAddress: '14 boulevard de Belgique',
    card: { number: '100000058', pin: '55667', expires: '2033-01-31' },
    assurance: 'eidas3',
    note: {
      fr: 'Adresse e-mail non vérifiée (email_verified: false).',
      en: 'E-mail address not verified (email_verified: false).',
    },
  },
  {
    id: 'mc-citizen-0006',
    givenName: 'Thomas',
    familyName: 'Giordano',
    birthdate: '1979-10-30',
    gender: 'male',
    birthplace: 'Menton',
    nationality: 'FR',
    email: { address: 'thomas.giordano@example.org', verified: true },
    phoneNumber: '+377640123406',
    streetAddress: '9 rue Bellevue',
    card: { number: '100000066', pin: '80808', expires: '2030-10-31' },
    assurance: 'eidas1',
    note: {
      fr: 'Niveau faible seulement : acr eidas1, même quand le service demande plus.',
      en: 'Low level only: acr eidas1, even when the service asks for more.',
    },
  },
  {
    id: 'mc-citizen-0007',
    givenName: 'Anna',
    familyName: 'Vial',
    birthdate: '1990-12-12',
    gender: 'female',
    birthplace: 'Monaco',
    nationality: 'MC',
    email: { address: 'anna.vial@example.org', verified: true },
    phoneNumber: '+377640123407',
    streetAddress: '5 avenue Princesse Grace',
    card: { number: '100000074', pin: '44556', expires: '2025-06-30' },
    assurance: 'eidas3',
    note: {
      fr: 'Carte expirée : la connexion est refusée.',
      en: 'Expired card: the login is refused.',
    },
  },
];

export interface DemoChild {
  readonly givenName: string;
  readonly familyName: string;
  readonly birthdate: string;
  readonly gender: 'female' | 'male';
}

/** The families of the demo: parents are test citizens (by id), children are future pupils. */
export interface DemoFamily {
  readonly familyName: string;
  readonly parentIds: readonly string[];
  readonly children: readonly DemoChild[];
}

export const demoFamilies: readonly DemoFamily[] = [
  {
    familyName: 'Rossi',
    parentIds: ['mc-citizen-0001', 'mc-citizen-0002'],
    children: [
      { givenName: 'Léa', familyName: 'Rossi', birthdate: '2016-05-14', gender: 'female' },
      { givenName: 'Matteo', familyName: 'Rossi', birthdate: '2019-09-02', gender: 'male' },
    ],
  },
  {
    familyName: 'Bianchi',
    parentIds: ['mc-citizen-0003'],
    children: [{ givenName: 'Hugo', familyName: 'Bianchi', birthdate: '2017-01-23', gender: 'male' }],
  },
];

export function findCitizen(id: string): TestCitizen | undefined {
  return testCitizens.find((citizen) => citizen.id === id);
}

/** Card numbers are typed with or without spaces. */
export function findCitizenByCard(cardNumber: string): TestCitizen | undefined {
  const wanted = cardNumber.replace(/\s+/g, '');
  return testCitizens.find((citizen) => citizen.card.number === wanted);
}

/** True when the card expired before `today` (YYYY-MM-DD, compared as text). */
export function cardExpired(citizen: TestCitizen, today: string): boolean {
  return citizen.card.expires < today;
}

/** Every claim MConnect holds for the citizen; the provider keeps those the scopes ask for. */
export function claimsOf(citizen: TestCitizen): Record<string, unknown> {
  return {
    given_name: citizen.givenName,
    family_name: citizen.familyName,
    birthdate: citizen.birthdate,
    gender: citizen.gender,
    birthplace: citizen.birthplace,
    nationality: citizen.nationality,
    ...(citizen.email ? { email: citizen.email.address, email_verified: citizen.email.verified } : {}),
    phone_number: citizen.phoneNumber,
    address: {
      formatted: `${citizen.streetAddress}\n${POSTAL_CODE} ${LOCALITY}`,
      street_address: citizen.streetAddress,
      postal_code: POSTAL_CODE,
      locality: LOCALITY,
      country: COUNTRY,
    },
  };
}
