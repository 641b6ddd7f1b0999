/**
 * Which environment variables the extension host under test must see, in one place for both
 * runners (code-server offline, test-electron online): where the test harness's engines are
 * (DCG_TEST_HARNESS and every other DCG_*), and the HOME / Docker CLI settings they depend on.
 */

/** Names passed through when set, besides every DCG_* variable. */
const PASSED_THROUGH = ['PATH', 'HOME', 'DOCKER_CONFIG', 'DOCKER_HOST', 'DOCKER_CONTEXT', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH'];

/** The variables of `env` the extension host must see. */
export function extensionHostEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && (PASSED_THROUGH.includes(key) || key.startsWith('DCG_'))) picked[key] = value;
  }
  return picked;
}
