/**
 * The one place IPC enters the main process. Every request channel goes through the pure
 * dispatcher, which first checks the sender (one of our windows, its top frame, on our bundled
 * page), then the arguments; pushes go out with `webContents.send`, one channel per PushChannels key.
 */
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { handleEveryChannel, type Dispatch, type SenderFacts } from './ipc-dispatch';
import type { PushSend } from './push-relay';

/** The app's own windows (popover, fallback); only they may call the engine. */
export class OurWindows {
  private readonly ids = new Set<number>();

  add(window: BrowserWindow): void {
    const { id } = window;
    this.ids.add(id);
    window.once('closed', () => this.ids.delete(id));
  }

  has(window: BrowserWindow | null): boolean {
    return window !== null && this.ids.has(window.id);
  }
}

function senderFacts(event: IpcMainInvokeEvent, windows: OurWindows): SenderFacts {
  const frame = event.senderFrame;
  return {
    fromOurWindow: windows.has(BrowserWindow.fromWebContents(event.sender)),
    frameUrl: frame?.url ?? null,
    isMainFrame: frame !== null && frame.parent === null,
  };
}

export function registerIpc(dispatch: Dispatch, windows: OurWindows): void {
  handleEveryChannel<IpcMainInvokeEvent>(
    (channel, listener) => ipcMain.handle(channel, listener),
    dispatch,
    (event) => senderFacts(event, windows),
  );
}

/** A push sender bound to one window; a closed window silently receives nothing. */
export function pushTo(window: BrowserWindow): PushSend {
  return (channel, payload) => {
    if (!window.isDestroyed()) window.webContents.send(channel, payload);
  };
}
