/**
 * Guard settings travel from the extension's `dockerContextGuard.guard.*` settings to terminals
 * (the shim, the CLI) in one environment variable, like the tier rules do. The value is
 * untrusted input: each field is checked on its own, and anything unusable falls back to the
 * default, never to "no guard".
 */
import { sharedEnv } from '../sharedEnvironment';
import { hardMaxElevationSeconds } from './elevations';
import { defaultGuardSettings, type GuardSettings } from './guardPolicy';

/** The longest grace period honoured: a day. */
const maxGraceSeconds = 86_400;

export function guardSettingsToEnv(settings: GuardSettings): string {
  return JSON.stringify(settings);
}

export function guardSettingsFromEnv(env: NodeJS.ProcessEnv): GuardSettings {
  const text = env[sharedEnv.guardSettings];
  if (!text) return defaultGuardSettings;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return defaultGuardSettings;
  }
  const given = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  const flag = (key: 'confirmMutateOnProduction' | 'includeLocal' | 'typeNameOnProduction') => {
    const value = given[key];
    return typeof value === 'boolean' ? value : defaultGuardSettings[key];
  };
  const grace = given.graceSeconds;
  const maxMinutes = given.maxElevationMinutes;
  return {
    confirmMutateOnProduction: flag('confirmMutateOnProduction'),
    includeLocal: flag('includeLocal'),
    typeNameOnProduction: flag('typeNameOnProduction'),
    graceSeconds: typeof grace === 'number' && Number.isFinite(grace) && grace >= 0 ? Math.min(grace, maxGraceSeconds) : defaultGuardSettings.graceSeconds,
    production: given.production === 'readOnly' || given.production === 'typeName' ? given.production : defaultGuardSettings.production,
    maxElevationMinutes:
      typeof maxMinutes === 'number' && Number.isFinite(maxMinutes) && maxMinutes > 0
        ? Math.min(maxMinutes, hardMaxElevationSeconds / 60)
        : defaultGuardSettings.maxElevationMinutes,
  };
}
