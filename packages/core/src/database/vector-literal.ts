/** pgvector's text form of a vector (`[0.1,0.2,...]`), bound as a parameter and cast with `::vector`. */
export function toVectorLiteral(vector: readonly number[]): string {
  for (const value of vector) {
    if (!Number.isFinite(value)) throw new RangeError('a vector component is not a finite number');
  }
  return `[${vector.join(',')}]`;
}
