/** The unread count in the window title ("(3) Sotto"), which the taskbar shows. */
import { useConversationStore } from '../store/conversation-store';

const BASE = 'Sotto';

export function followUnreadInTitle(): () => void {
  const update = () => {
    let unread = 0;
    for (const c of Object.values(useConversationStore.getState().conversations)) unread += c.unread;
    const title = unread > 0 ? `(${unread}) ${BASE}` : BASE;
    if (document.title !== title) document.title = title;
  };
  update();
  return useConversationStore.subscribe(update);
}
