/**
 * The one port check of the create-context flows (the TLS engine port, the SSH target's
 * `:port`): a decimal TCP port, 1 to 65535, so both wizards refuse `0`, `65536` and `22x` alike.
 */

export function portProblem(value: string): string | undefined {
  return /^[0-9]+$/.test(value) && Number(value) >= 1 && Number(value) <= 65535 ? undefined : `"${value}" is not a port number: one from 1 to 65535`;
}
