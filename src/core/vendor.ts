/**
 * Lazy loaders for the heavy third-party modules.
 *
 * Loading dockerode alone costs about 200 ms, so nothing may import these modules at the top
 * of a file that activation reaches. Call a loader inside the function that needs the module.
 * In the bundles, esbuild.config.mjs rewrites each `require` below to a separate file in
 * dist/vendor/, so the code of these modules is not even parsed until a loader runs.
 */
import type DockerodeClass from 'dockerode';
import type * as Forge from 'node-forge';
import type * as Ssh2 from 'ssh2';

export function loadDockerode(): typeof DockerodeClass {
  return require('dockerode');
}

export function loadSsh2(): typeof Ssh2 {
  return require('ssh2');
}

export function loadForge(): typeof Forge {
  return require('node-forge');
}
