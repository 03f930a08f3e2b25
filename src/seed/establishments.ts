/** Demo creditors (the caterers who bill the canteen) and the public schools of Monaco. */
export interface CreditorSeed {
  readonly slug: string;
  readonly name: string;
  readonly invoicePrefix: string;
  readonly vatRateBasisPoints: number;
  readonly onlineMinCents: number;
  readonly onlineMaxCents: number;
  readonly pspMerchantId: string;
  /** Legal details printed on bills. */
  readonly address: string;
  readonly registration: string;
  readonly vatNumber: string;
}

export interface EstablishmentSeed {
  readonly slug: string;
  readonly name: string;
  readonly kind: 'ecole' | 'college' | 'lycee';
  readonly address: string;
  readonly hasCanteen: boolean;
  readonly creditorSlug: string;
}

export const demoCreditors: readonly CreditorSeed[] = [
  {
    slug: 'restauration-scolaire-primaire',
    name: 'Restauration scolaire des écoles de Monaco',
    invoicePrefix: 'RSP',
    vatRateBasisPoints: 1000,
    onlineMinCents: 100,
    onlineMaxCents: 150_000,
    pspMerchantId: 'mairie-cantine',
    address: '2, rue de la Lüjerneta, 98000 Monaco',
    registration: '98 S 01234',
    vatNumber: 'FR 12 000 012 345',
  },
  {
    slug: 'restauration-scolaire-secondaire',
    name: 'Restauration des collèges et lycées de Monaco',
    invoicePrefix: 'RSS',
    vatRateBasisPoints: 1000,
    onlineMinCents: 100,
    onlineMaxCents: 150_000,
    pspMerchantId: 'dense-periscolaire',
    address: '7, avenue de l’Annonciade, 98000 Monaco',
    registration: '02 S 05678',
    vatNumber: 'FR 34 000 056 789',
  },
];

export const demoEstablishments: readonly EstablishmentSeed[] = [
  {
    slug: 'ecole-de-fontvieille',
    name: 'École de Fontvieille',
    kind: 'ecole',
    address: '25 avenue Albert II, 98000 Monaco',
    hasCanteen: true,
    creditorSlug: 'restauration-scolaire-primaire',
  },
  {
    slug: 'ecole-des-revoires',
    name: 'École des Révoires',
    kind: 'ecole',
    address: '2 chemin des Révoires, 98000 Monaco',
    hasCanteen: true,
    creditorSlug: 'restauration-scolaire-primaire',
  },
  {
    slug: 'ecole-saint-charles',
    name: 'École Saint-Charles',
    kind: 'ecole',
    address: '7 avenue Saint-Charles, 98000 Monaco',
    hasCanteen: true,
    creditorSlug: 'restauration-scolaire-primaire',
  },
  {
    slug: 'ecole-de-la-condamine',
    name: 'École de la Condamine',
    kind: 'ecole',
    address: '9 rue de la Turbie, 98000 Monaco',
    hasCanteen: true,
    creditorSlug: 'restauration-scolaire-primaire',
  },
  {
    slug: 'ecole-du-parc',
    name: 'École du Parc',
    kind: 'ecole',
    address: '3 avenue Princesse Grace, 98000 Monaco',
    hasCanteen: true,
    creditorSlug: 'restauration-scolaire-primaire',
  },
  {
    slug: 'ecole-des-carmes',
    name: 'École des Carmes',
    kind: 'ecole',
    address: '1 rue des Carmes, 98000 Monaco',
    hasCanteen: true,
    creditorSlug: 'restauration-scolaire-primaire',
  },
  {
    slug: 'college-charles-iii',
    name: 'Collège Charles III',
    kind: 'college',
    address: '4 avenue de l’Annonciade, 98000 Monaco',
    hasCanteen: true,
    creditorSlug: 'restauration-scolaire-secondaire',
  },
  {
    slug: 'lycee-albert-ier',
    name: 'Lycée Albert Ier',
    kind: 'lycee',
    address: '4 rue du Lycée, 98000 Monaco',
    hasCanteen: true,
    creditorSlug: 'restauration-scolaire-secondaire',
  },
  {
    slug: 'lycee-rainier-iii',
    name: 'Lycée technique et hôtelier Rainier III',
    kind: 'lycee',
    address: '3 avenue de l’Annonciade, 98000 Monaco',
    hasCanteen: true,
    creditorSlug: 'restauration-scolaire-secondaire',
  },
];
