/**
 * Small inline SVG icons (no files, no fonts: the CSP allows neither inline
 * styles nor remote content). Decorative: the text beside them says the same.
 */
export type IconName =
  | 'lock-open'
  | 'lock-question'
  | 'lock-check'
  | 'lock-x'
  | 'info'
  | 'warning'
  | 'error'
  | 'clock'
  | 'people'
  | 'search'
  | 'chevron';

const PATHS: Record<IconName, string> = {
  'lock-open': 'M5 10V7a5 5 0 0 1 9.6-2 M3 10h14v9H3z',
  'lock-question': 'M5 10V7a5 5 0 0 1 10 0v3 M3 10h14v9H3z M8.5 13.3a1.6 1.6 0 1 1 2.2 1.5c-.5.2-.7.5-.7 1 M10 17.5v.1',
  'lock-check': 'M5 10V7a5 5 0 0 1 10 0v3 M3 10h14v9H3z M7 14.5l2 2 4-4',
  'lock-x': 'M5 10V7a5 5 0 0 1 10 0v3 M3 10h14v9H3z M7.5 12.5l5 5 M12.5 12.5l-5 5',
  info: 'M10 2a8 8 0 1 0 0 16a8 8 0 1 0 0-16z M10 9v5 M10 6v.1',
  warning: 'M10 2l8.5 15h-17z M10 8v4 M10 14.5v.1',
  error: 'M6.5 2h7L18 6.5v7L13.5 18h-7L2 13.5v-7z M7 7l6 6 M13 7l-6 6',
  clock: 'M10 2a8 8 0 1 0 0 16a8 8 0 1 0 0-16z M10 5v5l3 2',
  people:
    'M7 9a3 3 0 1 0 0-6a3 3 0 1 0 0 6z M1.5 18a5.5 5.5 0 0 1 11 0 M14 9a2.5 2.5 0 1 0 0-5 M14.5 12.5a4.5 4.5 0 0 1 4 5.5',
  search: 'M8.5 3a5.5 5.5 0 1 0 0 11a5.5 5.5 0 1 0 0-11z M12.5 12.5l5 5',
  chevron: 'M7 5l5 5-5 5',
};

export function Icon({ name, className }: { name: IconName; className?: string }) {
  return (
    <svg
      className={`icon ${className ?? ''}`}
      viewBox="0 0 20 20"
      width="16"
      height="16"
      aria-hidden="true"
      focusable="false"
    >
      <path
        d={PATHS[name]}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
