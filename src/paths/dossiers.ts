/** "Mes démarches" (features/dossiers): a citizen's dossiers. */
import { enc, fixed, route } from './route.ts';

export const dossiers = {
  mine: fixed('/mes-demarches'),
  dossier: route('/mes-demarches/:reference', (reference: string) => `/mes-demarches/${enc(reference)}`),
} as const;
