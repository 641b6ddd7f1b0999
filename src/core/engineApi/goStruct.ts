/**
 * A request body as dockerd's Go structs see it (json.Decoder into a struct): every key that
 * folds to a field's name feeds that field, in order; a nested struct merges every object given
 * for it, and `null` resets it when it is behind a pointer (`HostConfig`) and changes nothing when
 * it is not (`TaskTemplate`); a scalar keeps the last value of its type (`null` changes nothing).
 * An array decodes INTO the slice already there, element by element: `"Mounts":[{"Type":"bind",
 * "Source":"/"}],"Mounts":[{"Target":"/h"}]` is one bind of `/` at /h, `"Binds":["/:/h"],
 * "Binds":[null]` still binds `/` (the old element stays where `null` decodes into a string), and
 * the elements past a shorter array's end come back when a longer one follows; only `null` for
 * the slice itself drops them. A reader that took JSON.parse's view (first of "HostConfig" and
 * "hostconfig" ignored, duplicates collapsed, the last array alone) would see another container
 * than the engine makes.
 */
import { type GoJsonNode, type GoJsonObject, parseGoJson, structFieldValues } from '../contexts/goJson';

export class GoStruct {
  /** The objects decoded into this struct, in order (several when a key is repeated). */
  private constructor(private readonly objects: readonly GoJsonObject[]) {}

  /** The body as dockerd's json.Decoder reads it; undefined when it is not a JSON object (the engine then refuses it). */
  static parse(text: string): GoStruct | undefined {
    try {
      const node = parseGoJson(text, 'ignore');
      return node?.kind === 'object' ? new GoStruct([node]) : undefined;
    } catch {
      return undefined;
    }
  }

  static empty(): GoStruct {
    return new GoStruct([]);
  }

  /** Every value given to `field`, in decoding order. */
  private values(field: string): GoJsonNode[] {
    return this.objects.flatMap((object) => structFieldValues(object, field));
  }

  /** A nested struct field: every object given, merged; `null` drops those before it behind a pointer (`*HostConfig`), and is nothing for a value (`TaskSpec`). */
  struct(field: string, held: 'pointer' | 'value' = 'pointer'): GoStruct {
    const merged: GoJsonObject[] = [];
    for (const node of this.values(field)) {
      if (node.kind === 'null' && held === 'pointer') merged.length = 0;
      else if (node.kind === 'object') merged.push(node);
    }
    return new GoStruct(merged);
  }

  bool(field: string): boolean {
    let value = false;
    for (const node of this.values(field)) if (node.kind === 'boolean') value = node.value;
    return value;
  }

  string(field: string): string | undefined {
    let value: string | undefined;
    for (const node of this.values(field)) if (node.kind === 'string') value = node.value;
    return value;
  }

  number(field: string): number | undefined {
    let value: number | undefined;
    for (const node of this.values(field)) if (node.kind === 'number') value = Number(node.text);
    return value;
  }

  /** A `map[string]string` field: keys taken exactly (no folding), each object decoded into the map already there, `null` dropping it. */
  stringMap(field: string): Map<string, string> {
    const map = new Map<string, string>();
    for (const node of this.values(field)) {
      if (node.kind === 'null') map.clear();
      else if (node.kind === 'object') for (const member of node.members) if (member.value.kind === 'string') map.set(member.key, member.value.value);
    }
    return map;
  }

  /**
   * The elements of a slice field as Go leaves them: for each index, every value decoded into that
   * element, in order. Go reuses the slice's backing array (up to its capacity, which only grows
   * until a `null` drops it) and cuts the length to the last array's. Undefined for a nil slice
   * (never given, or `null` last), which dockerd tells from an empty one (`"MaskedPaths":[]`).
   */
  private elements(field: string): GoJsonNode[][] | undefined {
    let backing: GoJsonNode[][] = [];
    let length: number | undefined;
    for (const node of this.values(field)) {
      if (node.kind === 'null') {
        backing = [];
        length = undefined;
      } else if (node.kind === 'array') {
        node.items.forEach((item, index) => (backing[index] ??= []).push(item));
        length = node.items.length;
      }
    }
    return length === undefined ? undefined : backing.slice(0, length);
  }

  /** A `[]string` field: each element's last string (an element that never got one is ""); undefined when nil. */
  optionalStrings(field: string): string[] | undefined {
    return this.elements(field)?.map((values) => values.reduce((value, node) => (node.kind === 'string' ? node.value : value), ''));
  }

  /** A `[]string` field, nil read as empty. */
  strings(field: string): string[] {
    return this.optionalStrings(field) ?? [];
  }

  /** A slice of structs (`Mounts`): each element every object decoded into it, merged. */
  structs(field: string): GoStruct[] {
    return (this.elements(field) ?? []).map((values) => new GoStruct(values.filter((node): node is GoJsonObject => node.kind === 'object')));
  }
}
