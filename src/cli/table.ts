/** Left-aligned text columns, as the Docker CLI prints its tables; foreign text is made visible (foreignText.ts). */
import { showControls } from '../core/text/foreignText';

export function formatTable(header: string[], given: string[][]): string {
  const rows = given.map((row) => row.map(showControls));
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] + 3)))
      .join('')
      .trimEnd();
  return `${[header, ...rows].map(line).join('\n')}\n`;
}
