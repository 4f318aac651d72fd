/**
 * Copies text: the async Clipboard API first, then a selected-textarea fallback, because Electron
 * denies clipboard permission requests and plain http pages may lack the API.
 */
export async function copyText(text: string, doc: Document = document): Promise<void> {
  try {
    if (!navigator.clipboard) throw new Error('no Clipboard API');
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // Fall through to the selection fallback.
  }
  const previous = doc.activeElement instanceof HTMLElement ? doc.activeElement : null;
  const area = doc.createElement('textarea');
  area.value = text;
  area.readOnly = true;
  area.className = 'clipboard-helper';
  doc.body.append(area);
  area.select();
  let copied = false;
  try {
    copied = doc.execCommand('copy');
  } finally {
    area.remove();
    previous?.focus();
  }
  if (!copied)
    throw new Error('Copy was refused by the browser; select the text and copy it by hand.');
}
