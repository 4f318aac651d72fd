/** Small inline SVG glyphs (no icon font, nothing fetched); decorative, hidden from screen readers. */

export function GearIcon() {
  return (
    <svg className="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M6.9 1h2.2l.4 1.9c.4.1.8.3 1.2.5l1.6-1.1 1.6 1.6-1.1 1.6c.2.4.4.8.5 1.2l1.9.4v2.2l-1.9.4c-.1.4-.3.8-.5 1.2l1.1 1.6-1.6 1.6-1.6-1.1c-.4.2-.8.4-1.2.5L9.1 15H6.9l-.4-1.9c-.4-.1-.8-.3-1.2-.5l-1.6 1.1-1.6-1.6 1.1-1.6c-.2-.4-.4-.8-.5-1.2L1 9.1V6.9l1.9-.4c.1-.4.3-.8.5-1.2L2.3 3.7l1.6-1.6 1.6 1.1c.4-.2.8-.4 1.2-.5L6.9 1zM8 5.6a2.4 2.4 0 1 0 0 4.8 2.4 2.4 0 0 0 0-4.8z"
      />
    </svg>
  );
}

export function QuestionIcon() {
  return (
    <svg className="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <circle cx="8" cy="8" r="6.6" fill="none" stroke="currentColor" strokeWidth="1.3" />
      <path
        fill="none"
        stroke="currentColor"
        strokeWidth="1.4"
        strokeLinecap="round"
        d="M6.2 6.3a1.9 1.9 0 1 1 2.6 1.8c-.5.2-.8.6-.8 1.1v.4"
      />
      <circle cx="8" cy="11.6" r=".85" fill="currentColor" />
    </svg>
  );
}

export function WarningIcon() {
  return (
    <svg className="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M8 1.5c.4 0 .7.2.9.5l6.4 11.2c.4.7-.1 1.5-.9 1.5H1.6c-.8 0-1.3-.8-.9-1.5L7.1 2c.2-.3.5-.5.9-.5zm-.8 4.3.2 4.2h1.2l.2-4.2H7.2zM8 11a.9.9 0 1 0 0 1.8A.9.9 0 0 0 8 11z"
      />
    </svg>
  );
}

export function CloseIcon() {
  return (
    <svg className="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
        d="M4.5 4.5l7 7m0-7l-7 7"
      />
    </svg>
  );
}
