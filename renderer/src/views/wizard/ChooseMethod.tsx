/** Step 1: how to authenticate. Three ways, each said in a sentence. */
import { useState } from 'react';

export type Method = 'question' | 'secret' | 'fingerprint';

const METHODS: { value: Method; title: string; text: (peer: string) => string }[] = [
  {
    value: 'question',
    title: 'Question and answer',
    text: (p) =>
      `Ask a question only ${p} can answer. ${p} sees the question and types the answer; Sotto checks that the answers match without sending either.`,
  },
  {
    value: 'secret',
    title: 'Shared secret',
    text: (p) => `Type a word or phrase you and ${p} agreed on earlier, in person or by phone. ${p} types it too.`,
  },
  {
    value: 'fingerprint',
    title: 'Compare fingerprints',
    text: (p) =>
      `Read your fingerprints to each other by phone or in person, and confirm ${p}’s is the one shown here.`,
  },
];

export function ChooseMethod({
  peer,
  initial,
  canSmp,
  canCompare,
  onNext,
  onCancel,
}: {
  peer: string;
  initial: Method;
  canSmp: boolean;
  canCompare: boolean;
  onNext: (m: Method) => void;
  onCancel: () => void;
}) {
  const [method, setMethod] = useState<Method>(initial);
  const allowed = (m: Method) => (m === 'fingerprint' ? canCompare : canSmp);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (allowed(method)) onNext(method);
      }}
    >
      <fieldset className="method-choice">
        <legend>How do you want to make sure it is really {peer}?</legend>
        {METHODS.map((m) => (
          <label key={m.value} className={`method ${allowed(m.value) ? '' : 'method-disabled'}`}>
            <input
              type="radio"
              name="method"
              value={m.value}
              checked={method === m.value}
              disabled={!allowed(m.value)}
              onChange={() => setMethod(m.value)}
              data-autofocus={method === m.value || undefined}
            />
            <span>
              <strong>{m.title}</strong>
              <span className="method-text">{m.text(peer)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="button-row">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={!allowed(method)}>
          Next
        </button>
      </div>
    </form>
  );
}
