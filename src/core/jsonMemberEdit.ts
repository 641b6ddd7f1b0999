/**
 * Sets one top-level string member of a JSON object by editing the text in place, so every other
 * byte of the file (other fields, their order, number precision, indentation, whatever follows
 * the object) stays exactly as it was. Used for the Docker CLI's config.json, which holds
 * credentials and settings we do not own. The member is a Go struct field as docker reads it:
 * every key that folds to its name gets the value, so docker (which takes the last) and a
 * reader matching the exact key (which takes that) both read what was written.
 */
import { goFoldName, parseGoJson } from './contexts/goJson';

/** `text` with the top-level member `key` set to the string `value` (added first when absent). */
export function setTopLevelString(text: string, key: string, value: string): string {
  const object = parseGoJson(text, 'ignore');
  if (object?.kind !== 'object') throw new Error('not a JSON object');
  const encoded = JSON.stringify(value);
  const matches = object.members.filter((member) => goFoldName(member.key) === goFoldName(key));
  if (matches.length > 0) {
    let result = text;
    for (const { value: old } of matches.reverse()) result = result.slice(0, old.start) + encoded + result.slice(old.end);
    return result;
  }
  const openBrace = object.start;
  const indent = /\n([ \t]+)"/.exec(text.slice(openBrace, object.end))?.[1] ?? '\t';
  const member = `\n${indent}${JSON.stringify(key)}: ${encoded}`;
  if (object.members.length === 0) return `${text.slice(0, openBrace + 1)}${member}\n${text.slice(object.end - 1)}`;
  return `${text.slice(0, openBrace + 1)}${member},${text.slice(openBrace + 1)}`;
}
