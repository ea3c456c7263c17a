import type { RouteTarget } from '../contract/chat-schemas.ts';
import { routeTargets, type EvaluationRouteTarget, type RoutingCase } from './evaluation-files.ts';
import { routingScores } from './routing-metrics.ts';
import type { EvaluationOptions, RoutingReport } from './run-evaluation.ts';

/** Routes every case (through `route`, the worker's decision) and scores the targets. */
export async function evaluateRouting(
  routingCases: RoutingCase[],
  file: string,
  route: (message: string) => Promise<RouteTarget>,
  onProgress: EvaluationOptions['onProgress'],
): Promise<RoutingReport> {
  const pairs: Array<{ expected: EvaluationRouteTarget; predicted: EvaluationRouteTarget }> = [];
  const errors: RoutingReport['errors'] = [];
  for (const testCase of routingCases) {
    const predicted = await route(testCase.q);
    pairs.push({ expected: testCase.agent, predicted });
    if (predicted !== testCase.agent) errors.push({ line: testCase.line, q: testCase.q, expected: testCase.agent, predicted });
    onProgress?.('routing', pairs.length, routingCases.length);
  }
  const scores = routingScores(routeTargets, pairs);
  const escalated = pairs.filter((pair) => pair.predicted === 'escalate').length;
  return {
    file,
    scores,
    escalation: { precision: scores.perClass.escalate.precision, recall: scores.perClass.escalate.recall, rate: pairs.length === 0 ? 0 : escalated / pairs.length },
    errors,
  };
}
