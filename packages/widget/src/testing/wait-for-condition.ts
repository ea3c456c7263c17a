/** Polls a synchronous condition (a DOM state, a recorded call) until it holds, or fails after `timeoutMs`. */
export async function waitForCondition(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
