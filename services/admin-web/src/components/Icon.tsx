// Small line icons drawn here (an emoji font is not on every office PC). Always beside a word,
// never alone, so they are hidden from screen readers.
const PATHS = {
  clock: (
    <>
      <circle cx="8" cy="8" r="6.25" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <path d="M8 4.5V8l2.5 1.75" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
    </>
  ),
  hourglass: <path d="M4 1.75h8M4 14.25h8M5.25 1.75c0 3.25 5.5 3.5 5.5 6.25s-5.5 3-5.5 6.25M10.75 1.75c0 3.25-5.5 3.5-5.5 6.25s5.5 3 5.5 6.25" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />,
  warning: (
    <>
      <path d="M8 1.75 15 14.25H1z" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" />
      <path d="M8 6.25v3.75M8 11.9v.1" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
    </>
  ),
  lock: (
    <>
      <rect x="3" y="7" width="10" height="7.5" rx="1" fill="currentColor" />
      <path d="M5.25 7V5.25a2.75 2.75 0 0 1 5.5 0V7" fill="none" stroke="currentColor" strokeWidth="1.6" />
    </>
  ),
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg className="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      {PATHS[name]}
    </svg>
  );
}
