import type { BillLine } from '../canteen.types.ts';

/** The lines of a bill grouped per child, in the bill's order. */
export function linesPerChild(lines: readonly BillLine[]): { name: string; lines: BillLine[]; totalCents: number }[] {
  const groups: { name: string; lines: BillLine[]; totalCents: number }[] = [];
  for (const line of lines) {
    let group = groups.find((g) => g.name === line.pupilName);
    if (!group) {
      group = { name: line.pupilName, lines: [], totalCents: 0 };
      groups.push(group);
    }
    group.lines.push(line);
    group.totalCents += line.totalCents;
  }
  return groups;
}
