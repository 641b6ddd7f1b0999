/**
 * A request body as dockerd's Go structs see it (json.Decoder into a struct): every key that
 * folds to a field's name feeds that field, in order; a nested struct behind a pointer merges
 * every object given for it, and `null` resets it; a slice is replaced by each array given, and
 * `null` empties it; a scalar keeps the last value of its type. A reader that took JSON.parse's
 * view (first of "HostConfig" and "hostconfig" ignored, duplicates collapsed) would see another
 * container than the engine makes.
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

  /** A nested struct field (`HostConfig`, `TaskTemplate`…): every object given, merged; a `null` drops those before it. */
  struct(field: string): GoStruct {
    const merged: GoJsonObject[] = [];
    for (const node of this.values(field)) {
      if (node.kind === 'null') merged.length = 0;
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

  /** The items of the last array given to a slice field (none after a `null`). */
  private items(field: string): GoJsonNode[] {
    let items: GoJsonNode[] = [];
    for (const node of this.values(field)) {
      if (node.kind === 'array') items = node.items;
      else if (node.kind === 'null') items = [];
    }
    return items;
  }

  /** A `[]string` field. */
  strings(field: string): string[] {
    return this.items(field).flatMap((node) => (node.kind === 'string' ? [node.value] : []));
  }

  /** A slice of structs (`Mounts`). */
  structs(field: string): GoStruct[] {
    return this.items(field).flatMap((node) => (node.kind === 'object' ? [new GoStruct([node])] : []));
  }
}
