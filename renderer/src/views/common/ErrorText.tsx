/** An error inside a form or dialog, announced at once. */
export function ErrorText({ text, testId }: { text: string | undefined; testId?: string }) {
  if (!text) return null;
  return (
    <p role="alert" className="form-error" data-testid={testId}>
      {text}
    </p>
  );
}
