/**
 * The claim file of an embedded data directory (`DATA_DIR/operator.json`): PGlite is
 * single-process, so whoever opens the directory says so here, with its pid. The portal adds the
 * port and a random token of its loopback operator endpoint, through which the CLI runs its
 * commands while the portal runs; the CLI opens the directory itself only when no live process
 * holds the claim.
 */
import { randomBytes } from 'node:crypto';
import { open, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface Claim {
  readonly holder: 'portal' | 'cli';
  readonly pid: number;
  /** The portal's operator endpoint, once it listens. */
  readonly port?: number;
  readonly token?: string;
}

export function claimPath(dataDir: string): string {
  return path.join(dataDir, 'operator.json');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The claim of a live process, if any (a claim left by a dead process is removed). */
export async function readLiveClaim(dataDir: string): Promise<Claim | undefined> {
  let claim: Claim;
  try {
    claim = JSON.parse(await readFile(claimPath(dataDir), 'utf8')) as Claim;
  } catch {
    return undefined;
  }
  if (typeof claim.pid === 'number' && claim.pid !== process.pid && alive(claim.pid)) return claim;
  await rm(claimPath(dataDir), { force: true });
  return undefined;
}

/** Thrown when another live process holds the data directory. */
export class DataDirBusyError extends Error {
  constructor(readonly claim: Claim) {
    super(
      claim.holder === 'portal'
        ? `le portail (pid ${claim.pid}) utilise ce répertoire de données`
        : `une commande monguichet (pid ${claim.pid}) utilise ce répertoire de données ; réessayez quand elle aura fini`,
    );
  }
}

/**
 * Claims `dataDir` for this process; throws DataDirBusyError when a live process holds it. The
 * file is created exclusively, so two processes cannot both take it.
 */
export async function acquireClaim(dataDir: string, holder: Claim['holder']): Promise<{ release(): Promise<void> }> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const current = await readLiveClaim(dataDir);
    if (current) throw new DataDirBusyError(current);
    try {
      const handle = await open(claimPath(dataDir), 'wx', 0o600);
      await handle.writeFile(JSON.stringify({ holder, pid: process.pid } satisfies Claim));
      await handle.close();
      return {
        async release() {
          await rm(claimPath(dataDir), { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new Error('Le répertoire de données est réclamé par un autre processus');
}

/** Adds the portal's endpoint to its claim: a new random token at each start. */
export async function publishEndpoint(dataDir: string, port: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await writeFile(
    claimPath(dataDir),
    JSON.stringify({ holder: 'portal', pid: process.pid, port, token } satisfies Claim),
    { mode: 0o600 },
  );
  return token;
}
