/** The progress bar while the authentication runs, with what is happening in words. */
export function SmpProgress({
  progress,
  peer,
  by,
  onCancel,
}: {
  progress: number;
  peer: string;
  by: 'us' | 'them';
  onCancel: () => void;
}) {
  const words =
    by === 'us' && progress < 50 ? `Waiting for ${peer} to answer…` : 'Comparing the answers (nothing secret is sent)…';
  return (
    <div className="smp-progress" data-testid="smp-progress">
      <p id="smp-progress-label" aria-live="polite">
        {words}
      </p>
      <progress max={100} value={progress} aria-labelledby="smp-progress-label" />
      <div className="button-row">
        <button type="button" onClick={onCancel} autoFocus>
          Cancel authentication
        </button>
      </div>
    </div>
  );
}
