/** Step 2 (question and answer, or shared secret): what to ask, and the answer only the two of you know. */
import { useId, useState } from 'react';
import { ErrorText } from '../common/ErrorText';
import { FormButtons } from '../common/FormButtons';

interface Props {
  peer: string;
  withQuestion: boolean;
  error?: string | undefined;
  onBack: () => void;
  onStart: (secret: string, question?: string) => void;
}

export function SecretForm({ peer, withQuestion, error, onBack, onStart }: Props) {
  const [question, setQuestion] = useState('');
  const [secret, setSecret] = useState('');
  const hint = useId();
  const ready = secret.length > 0 && (!withQuestion || question.trim().length > 0);
  return (
    <form
      className="secret-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (ready) onStart(secret, withQuestion ? question.trim() : undefined);
      }}
    >
      {withQuestion && (
        <label className="field">
          <span>Question for {peer}</span>
          <input
            type="text"
            value={question}
            maxLength={1000}
            onChange={(e) => setQuestion(e.target.value)}
            autoFocus
            data-autofocus
            placeholder="Where did we first meet?"
          />
        </label>
      )}
      <label className="field">
        <span>{withQuestion ? 'Answer' : 'Shared secret'}</span>
        <input
          type="text"
          value={secret}
          maxLength={10000}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => setSecret(e.target.value)}
          aria-describedby={hint}
          autoFocus={!withQuestion}
        />
      </label>
      <p id={hint} className="hint">
        {withQuestion
          ? `${peer} must type exactly the same answer: it is case-sensitive, and spaces count. Pick a question whose answer is not written anywhere online.`
          : `${peer} must type exactly the same secret: it is case-sensitive, and spaces count.`}{' '}
        The answer itself is never sent.
      </p>
      <ErrorText text={error} />
      <FormButtons onCancel={onBack} cancel="Back" submit="Authenticate" disabled={!ready} />
    </form>
  );
}
