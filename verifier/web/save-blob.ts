/** Saves a Blob the way a web page does: an anchor with `download`, clicked once, its object URL freed later. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The download starts from the URL asynchronously: revoking it at once can cancel it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
