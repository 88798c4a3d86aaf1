/**
 * OTRv4's transitional signature: the buddy's v4 Client Profile is signed by their
 * v3 key. It links the two keys, so a verified v3 key is a useful hint, but it is not
 * trust in the v4 key: only verifying the v4 key itself is (the v3 key's DSA and SHA-1
 * are exactly what v4 replaces). Said so, beside the v4 key, in the wizard.
 */
import type { OtrStatus } from '../../../../app/api/shapes';
import { fingerprintShort } from '../../lib/format';

export function TransitionalNote({ transitional }: { transitional: NonNullable<OtrStatus['transitional']> }) {
  return (
    <p className="notice" role="note" data-testid="transitional-note">
      Their OTR v4 key is signed by their OTR v3 key{' '}
      <code className="fingerprint" title={transitional.fingerprint.toUpperCase()}>
        {fingerprintShort(transitional.fingerprint)}
      </code>{' '}
      which you {transitional.verified ? 'have verified' : 'have not verified'}. This is shown for your information;
      verify the v4 key to trust it.
    </p>
  );
}
