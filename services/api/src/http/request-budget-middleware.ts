import type { RequestHandler, Response } from 'express';
import { RequestBudget, type StepBudget } from '@lac/core';

/**
 * Starts the request's time budget (API_REQUEST_BUDGET_MS, docs/durability.md): placed after the body
 * is read (a slow upload is the client's time), before the first call to Redis or the database.
 * The steps after it check it (`requestBudgetOf(res)?.beforeStep(...)`); 0 turns it off.
 */
export function createRequestBudgetMiddleware(options: { budgetMs: number; stepDeadlineMs: number }): RequestHandler {
  return (_req, res, next) => {
    if (options.budgetMs > 0) res.locals.requestBudget = new RequestBudget({ budgetMs: options.budgetMs, stepDeadlineMs: options.stepDeadlineMs });
    next();
  };
}

/** The budget of this request (undefined: none). */
export function requestBudgetOf(res: Response): StepBudget | undefined {
  return res.locals.requestBudget as StepBudget | undefined;
}
