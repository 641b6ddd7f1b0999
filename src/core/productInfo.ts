/** Name and version of the product, read from package.json at build time (esbuild keeps only these fields). */
import { displayName, name, version } from '../../package.json';

export const productName: string = name;
export const productDisplayName: string = displayName;
export const productVersion: string = version;
