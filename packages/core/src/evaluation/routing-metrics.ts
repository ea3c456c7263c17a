/**
 * Routing metrics over (expected, predicted) pairs of a fixed class list: accuracy, per-class
 * precision / recall / F1 (0 when undefined), macro-F1 over the classes that occur (expected or
 * predicted), and the confusion matrix (rows expected, columns predicted).
 */

export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  /** Number of cases whose expected class is this one. */
  support: number;
}

export interface RoutingScores<C extends string> {
  cases: number;
  accuracy: number;
  macroF1: number;
  perClass: Record<C, ClassScores>;
  /** confusion[expected][predicted] = count. */
  confusion: Record<C, Record<C, number>>;
}

export function routingScores<C extends string>(
  classes: readonly C[],
  pairs: ReadonlyArray<{ expected: C; predicted: C }>,
): RoutingScores<C> {
  const confusion = Object.fromEntries(
    classes.map((expected) => [expected, Object.fromEntries(classes.map((predicted) => [predicted, 0]))]),
  ) as Record<C, Record<C, number>>;
  for (const { expected, predicted } of pairs) confusion[expected][predicted] += 1;
  const correct = pairs.filter((pair) => pair.expected === pair.predicted).length;
  const perClass = {} as Record<C, ClassScores>;
  const occurring: C[] = [];
  for (const label of classes) {
    const truePositive = confusion[label][label];
    const predictedCount = classes.reduce((sum, expected) => sum + confusion[expected][label], 0);
    const support = classes.reduce((sum, predicted) => sum + confusion[label][predicted], 0);
    const precision = predictedCount === 0 ? 0 : truePositive / predictedCount;
    const recall = support === 0 ? 0 : truePositive / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    perClass[label] = { precision, recall, f1, support };
    if (support > 0 || predictedCount > 0) occurring.push(label);
  }
  return {
    cases: pairs.length,
    accuracy: pairs.length === 0 ? 0 : correct / pairs.length,
    macroF1: occurring.length === 0 ? 0 : occurring.reduce((sum, label) => sum + perClass[label].f1, 0) / occurring.length,
    perClass,
    confusion,
  };
}
