// Where the desk keeps its database. The web mode and the command line use the same folder the
// desktop app's userData resolves to, so all three open the same records.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const PRODUCT_NAME = 'Escalation Desk';

export function defaultDataFolder(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.ESCALATION_DESK_DATA) return env.ESCALATION_DESK_DATA;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME);
}
