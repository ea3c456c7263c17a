/** Splits a comma-separated chain and appends the fallback model, without duplicates. */
export function modelChainOf(chain: string, fallbackModel?: string): string[] {
  const models = chain.split(',').map((model) => model.trim()).filter(Boolean);
  if (fallbackModel && fallbackModel.trim()) models.push(fallbackModel.trim());
  return [...new Set(models)];
}
