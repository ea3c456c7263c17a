/** One side of `pnpm bench` (bare BullMQ or the queued pipeline), measured in alternating rounds. */
export interface BenchSide {
  name: string;
  /** One message submitted and waited for, alone: its submit→result time in ms. */
  latencySample(round: number, index: number): Promise<number>;
  /** `messages` over `conversations` conversations (ids unique to the round), submitted as they come: seconds until all finished. */
  throughputRound(round: number, messages: number, conversations: number): Promise<number>;
  close(): Promise<void>;
}
