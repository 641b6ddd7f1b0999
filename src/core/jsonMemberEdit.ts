/**
 * Sets one top-level string member of a JSON object by editing the text in place, so every other
 * byte of the file (other fields, their order, number precision, indentation) stays exactly as
 * it was. Used for the Docker CLI's config.json, which holds credentials and settings we do not own.
 */

interface MemberSpan {
  key: string;
  valueStart: number;
  valueEnd: number;
}

function skipSpace(text: string, index: number): number {
  while (index < text.length && /\s/.test(text[index])) index++;
  return index;
}

function skipString(text: string, index: number): number {
  index++;
  while (text[index] !== '"') index += text[index] === '\\' ? 2 : 1;
  return index + 1;
}

/** Returns the index just past the JSON value at `index`. Only called on text JSON.parse accepted. */
function skipValue(text: string, index: number): number {
  const open = text[index];
  if (open === '"') return skipString(text, index);
  if (open !== '{' && open !== '[') {
    while (index < text.length && !/[\s,\]}]/.test(text[index])) index++;
    return index;
  }
  index = skipSpace(text, index + 1);
  if (text[index] === '}' || text[index] === ']') return index + 1;
  for (;;) {
    if (open === '{') index = skipSpace(text, skipSpace(text, skipString(text, index)) + 1);
    index = skipSpace(text, skipValue(text, index));
    if (text[index] !== ',') return index + 1;
    index = skipSpace(text, index + 1);
  }
}

/** The top-level members of the JSON object in `text` (which must parse as an object). */
function topLevelMembers(text: string): { members: MemberSpan[]; openBrace: number; closeBrace: number } {
  const openBrace = skipSpace(text, 0);
  const members: MemberSpan[] = [];
  let index = skipSpace(text, openBrace + 1);
  while (text[index] === '"') {
    const keyEnd = skipValue(text, index);
    const key = JSON.parse(text.slice(index, keyEnd)) as string;
    const valueStart = skipSpace(text, skipSpace(text, keyEnd) + 1);
    const valueEnd = skipValue(text, valueStart);
    members.push({ key, valueStart, valueEnd });
    index = skipSpace(text, valueEnd);
    if (text[index] === ',') index = skipSpace(text, index + 1);
  }
  return { members, openBrace, closeBrace: index };
}

/** `text` with the top-level member `key` set to the string `value` (added first when absent). */
export function setTopLevelString(text: string, key: string, value: string): string {
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not a JSON object');
  const { members, openBrace, closeBrace } = topLevelMembers(text);
  const encoded = JSON.stringify(value);
  const existing = members.filter((member) => member.key === key);
  if (existing.length > 0) {
    let result = text;
    for (const member of existing.reverse()) {
      result = result.slice(0, member.valueStart) + encoded + result.slice(member.valueEnd);
    }
    return result;
  }
  const indent = /\n([ \t]+)"/.exec(text.slice(openBrace))?.[1] ?? '\t';
  const member = `\n${indent}${JSON.stringify(key)}: ${encoded}`;
  if (members.length === 0) return `${text.slice(0, openBrace + 1)}${member}\n${text.slice(closeBrace)}`;
  return `${text.slice(0, openBrace + 1)}${member},${text.slice(openBrace + 1)}`;
}
