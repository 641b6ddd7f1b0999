/** Who is acting, as the audit log and the elevations record it: the login name of this process's user. */
import * as os from 'node:os';

export function userName(): string {
  try {
    return os.userInfo().username;
  } catch {
    // No passwd entry (a container running as an arbitrary uid).
    return process.env.USER || process.env.USERNAME || String(process.getuid?.() ?? 'unknown');
  }
}
