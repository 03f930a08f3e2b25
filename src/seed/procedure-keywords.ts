/**
 * Words people type for a procedure that its texts do not use (synonyms, everyday words, acronyms),
 * per language. Search ranks a match here just below a match in the title.
 */
import type { Localized } from '../features/catalogue/catalogue.types.ts';

export const procedureKeywords: Readonly<Record<string, Localized<readonly string[]>>> = {
  'inscrire-mon-enfant-a-l-ecole': {
    fr: ['inscription scolaire', 'rentrée', 'maternelle', 'primaire', 'collège', 'lycée', 'élève'],
    en: ['school registration', 'admission', 'nursery', 'primary', 'secondary', 'pupil'],
  },
  'demander-une-bourse-d-etudes': {
    fr: ['bourse', 'étudiant', 'université', 'études supérieures', 'aide financière'],
    en: ['grant', 'scholarship', 'student', 'university', 'bursary'],
  },
  'demander-une-allocation-de-cantine': {
    fr: ['aide cantine', 'aide repas', 'restaurant scolaire', 'subvention', 'demi-pension'],
    en: ['school meals allowance', 'free school meals', 'meal subsidy', 'lunch aid'],
  },
  'demander-une-place-en-creche': {
    fr: ['crèche', 'garde d’enfant', 'halte-garderie', 'bébé', 'petite enfance'],
    en: ['nursery', 'daycare', 'childcare', 'baby', 'creche'],
  },
  'demander-un-extrait-d-acte-de-naissance': {
    fr: ['état civil', 'naissance', 'copie intégrale', 'acte'],
    en: ['birth certificate', 'civil registry', 'certificate copy'],
  },
  'demander-une-copie-d-acte-de-mariage': {
    fr: ['état civil', 'mariage', 'livret de famille', 'acte'],
    en: ['marriage certificate', 'civil registry', 'wedding'],
  },
  'demander-un-certificat-de-nationalite': {
    fr: ['nationalité monégasque', 'monégasque', 'passeport'],
    en: ['Monegasque nationality', 'citizenship', 'passport'],
  },
  'demander-une-premiere-carte-de-sejour': {
    fr: ['titre de séjour', 'résidence', 'installation', 'sûreté publique', 'permis de séjour'],
    en: ['residence permit', 'residency', 'moving to Monaco', 'resident card'],
  },
  'renouveler-ma-carte-de-sejour': {
    fr: ['titre de séjour', 'renouvellement', 'résidence', 'expiration'],
    en: ['residence permit', 'renewal', 'resident card', 'expiry'],
  },
  'signaler-un-changement-de-situation-resident': {
    fr: ['déménagement', 'changement d’adresse', 'nouvelle adresse', 'mariage', 'naissance'],
    en: ['moving house', 'change of address', 'new address', 'change of circumstances'],
  },
  'demander-un-certificat-de-residence': {
    fr: ['justificatif de domicile', 'attestation de résidence', 'domicile'],
    en: ['proof of address', 'proof of residence', 'address certificate'],
  },
  'prendre-rendez-vous-pour-la-visite-technique-de-mon-vehicule': {
    fr: ['contrôle technique', 'voiture', 'auto', 'moto', 'rendez-vous'],
    en: ['MOT', 'vehicle inspection', 'roadworthiness test', 'car', 'appointment'],
  },
  'echanger-mon-permis-de-conduire-etranger': {
    fr: ['permis de conduire', 'permis étranger', 'conduire', 'voiture'],
    en: ['driving licence', 'driver’s license', 'foreign licence', 'exchange licence'],
  },
  'immatriculer-un-vehicule': {
    fr: ['carte grise', 'plaque', 'voiture', 'moto', 'immatriculation'],
    en: ['vehicle registration', 'number plate', 'registration certificate', 'car'],
  },
  'souscrire-un-abonnement-de-parking-public': {
    fr: ['parking', 'stationnement', 'garer', 'place de parking'],
    en: ['car park', 'parking permit', 'parking season ticket'],
  },
  'commander-ma-carte-d-abonnement-bus': {
    fr: ['bus', 'transport en commun', 'CAM', 'pass', 'ticket'],
    en: ['bus pass', 'public transport', 'travel card', 'season ticket'],
  },
  'consulter-mes-bulletins-de-paie': {
    fr: ['fiche de paie', 'salaire', 'paie', 'fonctionnaire'],
    en: ['payslip', 'salary', 'pay slip', 'wages'],
  },
  'demander-une-autorisation-d-embauchage-et-un-permis-de-travail': {
    fr: ['embauche', 'recruter', 'salarié', 'permis de travail', 'contrat'],
    en: ['work permit', 'hiring', 'employ someone', 'recruitment'],
  },
  'deposer-une-offre-d-emploi': {
    fr: ['recrutement', 'offre', 'poste', 'embauche'],
    en: ['job advert', 'vacancy', 'recruitment', 'hiring'],
  },
  's-inscrire-comme-demandeur-d-emploi': {
    fr: ['chômage', 'chercher un emploi', 'travail', 'service de l’emploi'],
    en: ['jobseeker', 'unemployment', 'looking for work', 'job search'],
  },
  'deposer-ma-declaration-de-tva': {
    fr: ['TVA', 'taxe', 'déclaration fiscale', 'impôt'],
    en: ['VAT return', 'VAT', 'tax return', 'sales tax'],
  },
  'declarer-l-impot-sur-les-benefices': {
    fr: ['ISB', 'impôt société', 'bénéfices', 'fiscalité entreprise'],
    en: ['corporate tax', 'profits tax', 'company tax'],
  },
  'demander-une-attestation-de-regularite-fiscale': {
    fr: ['attestation fiscale', 'marché public', 'impôts à jour'],
    en: ['tax clearance', 'tax compliance certificate'],
  },
  'declarer-une-succession': {
    fr: ['héritage', 'décès', 'droits de succession', 'notaire'],
    en: ['inheritance', 'death', 'estate', 'probate'],
  },
  'suivre-mes-remboursements-spme': {
    fr: ['remboursement', 'maladie', 'médecin', 'santé', 'mutuelle'],
    en: ['medical refund', 'health insurance', 'doctor', 'reimbursement'],
  },
  'declarer-les-salaires-aux-caisses-sociales': {
    fr: ['cotisations', 'CCSS', 'charges sociales', 'employeur'],
    en: ['social contributions', 'payroll', 'employer contributions'],
  },
  'demander-une-attestation-de-droits-aux-caisses-sociales': {
    fr: ['attestation', 'CCSS', 'sécurité sociale', 'assurance maladie'],
    en: ['social security', 'health cover', 'entitlement certificate'],
  },
  'demander-l-allocation-aux-adultes-handicapes': {
    fr: ['handicap', 'AAH', 'invalidité', 'aide sociale'],
    en: ['disability', 'disability benefit', 'disabled adult'],
  },
  'deposer-une-demande-de-logement-domanial': {
    fr: ['appartement', 'logement social', 'HLM', 'domaines'],
    en: ['flat', 'apartment', 'social housing', 'council housing', 'State housing'],
  },
  'demander-l-aide-nationale-au-logement': {
    fr: ['ANL', 'aide au loyer', 'loyer', 'allocation logement'],
    en: ['rent', 'housing benefit', 'rent allowance'],
  },
  'declarer-un-logement-vacant-du-secteur-protege': {
    fr: ['secteur protégé', 'logement vacant', 'propriétaire', 'location'],
    en: ['empty flat', 'vacant home', 'landlord', 'protected sector'],
  },
  'demander-une-autorisation-d-exercer': {
    fr: ['créer une entreprise', 'activité', 'commerce', 'autorisation'],
    en: ['start a business', 'business licence', 'trading licence'],
  },
  'immatriculer-mon-entreprise-au-rci': {
    fr: ['registre du commerce', 'RCI', 'société', 'création d’entreprise'],
    en: ['company registration', 'trade register', 'register a company'],
  },
  'demander-un-extrait-du-rci': {
    fr: ['Kbis', 'extrait', 'registre du commerce', 'RCI'],
    en: ['company extract', 'certificate of incorporation', 'trade register'],
  },
  'obtenir-le-nis-de-mon-etablissement': {
    fr: ['NIS', 'numéro SIRET', 'identification statistique', 'IMSEE'],
    en: ['statistical number', 'business identification number'],
  },
  'm-inscrire-a-la-mediatheque': {
    fr: ['bibliothèque', 'livres', 'prêt', 'lecture'],
    en: ['library', 'books', 'library card', 'borrow'],
  },
  'demander-une-subvention-pour-une-association': {
    fr: ['association', 'subvention', 'financement', 'club'],
    en: ['grant for a charity', 'association funding', 'club'],
  },
  'reserver-un-equipement-sportif': {
    fr: ['stade', 'gymnase', 'piscine', 'terrain', 'salle de sport'],
    en: ['sports hall', 'stadium', 'gym', 'pitch', 'swimming pool'],
  },
};
