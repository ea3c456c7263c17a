/**
 * A wait before the visitor may write again, in words: seconds under two minutes (a conversation's
 * window), minutes under an hour, hours and minutes beyond (a day's limit per client: "86153 s"
 * said nothing). `shown` is what the banner displays, `spoken` what a screen reader says.
 */
export function waitDurationText(seconds: number): { shown: string; spoken: string } {
  const whole = Math.max(0, Math.ceil(seconds));
  if (whole < 120) return { shown: `${whole} s`, spoken: counted(whole, 'seconde') };
  const minutes = Math.ceil(whole / 60);
  if (minutes < 60) return { shown: `${minutes} min`, spoken: counted(minutes, 'minute') };
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (rest === 0) return { shown: `${hours} h`, spoken: counted(hours, 'heure') };
  return { shown: `${hours} h ${rest} min`, spoken: `${counted(hours, 'heure')} et ${counted(rest, 'minute')}` };
}

function counted(count: number, unit: string): string {
  return `${count} ${unit}${count > 1 ? 's' : ''}`;
}
