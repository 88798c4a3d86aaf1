/** Short notices (errors from a button, core errors), announced and dismissable; info notices fade after a while. */
import { useEffect } from 'react';
import { dismissNotice, useUiStore, type Notice } from '../store/ui-store';

function NoticeItem({ notice }: { notice: Notice }) {
  useEffect(() => {
    if (notice.level !== 'info') return;
    const timer = setTimeout(() => dismissNotice(notice.id), 6000);
    return () => clearTimeout(timer);
  }, [notice]);
  return (
    <li className={`notice-item notice-${notice.level}`} data-testid="notice">
      <span>{notice.text}</span>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => dismissNotice(notice.id)}>
        <span aria-hidden="true">×</span>
      </button>
    </li>
  );
}

export function Notices() {
  const notices = useUiStore((s) => s.notices);
  return (
    <section className="notices" aria-label="Notices" aria-live="assertive">
      <ul>
        {notices.map((n) => (
          <NoticeItem key={n.id} notice={n} />
        ))}
      </ul>
    </section>
  );
}
