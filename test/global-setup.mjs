// The test runner loads this file without tsx; register tsx, then run the TypeScript setup.
import { register } from 'tsx/esm/api';

register();
const setup = await import('./global-setup.impl.ts');

export const globalSetup = setup.globalSetup;
export const globalTeardown = setup.globalTeardown;
