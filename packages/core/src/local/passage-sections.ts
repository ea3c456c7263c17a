/** A passage's section: its source and heading (the passages of one source under one heading). */
export const sectionOf = (passage: { sourceRank: number; heading: string }): string => `${passage.sourceRank}|${passage.heading}`;

/** The position of each section's first passage among `passages`. */
export function firstPositionPerSection(passages: ReadonlyArray<{ sourceRank: number; heading: string; position: number }>): Map<string, number> {
  const first = new Map<string, number>();
  for (const passage of passages) first.set(sectionOf(passage), Math.min(first.get(sectionOf(passage)) ?? Infinity, passage.position));
  return first;
}
