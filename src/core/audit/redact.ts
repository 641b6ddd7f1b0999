/**
 * Addresses shown in prompts and written to the audit log may carry credentials: an endpoint
 * `ssh://ops:secret@host`, a build context `https://TOKEN@github.com/org/repo.git`. Passwords
 * are always dropped; a user name is kept only for ssh://, where it says who connects (for
 * http(s) and the like it is often the token itself).
 */
const userInfo = /\b([a-z][a-z0-9+.-]*:\/\/)([^/@\s]*)@/gi;

export function redactCredentials(text: string): string {
  return text.replace(userInfo, (_match, scheme: string, info: string) => {
    const user = info.split(':')[0];
    return /^ssh:/i.test(scheme) && user !== '' ? `${scheme}${user}@` : `${scheme}***@`;
  });
}
