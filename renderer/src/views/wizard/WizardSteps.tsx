/** Where the wizard is: 1 choose, 2 enter, 3 result. */
const STEPS = ['Choose a way', 'Enter the details', 'Result'];

export function WizardSteps({ current }: { current: 1 | 2 | 3 }) {
  return (
    <ol className="wizard-steps" aria-label="Steps">
      {STEPS.map((s, i) => (
        <li
          key={s}
          aria-current={i + 1 === current ? 'step' : undefined}
          className={i + 1 === current ? 'current' : i + 1 < current ? 'done' : ''}
        >
          {s}
        </li>
      ))}
    </ol>
  );
}
